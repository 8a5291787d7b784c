package io.tmkit.server.domain;

/** The answer to a create: the session's ID, and whether it came from the ClientToken ledger. */
public record CreateOutcome(String trafficMirrorSessionId, boolean replayed) {}
