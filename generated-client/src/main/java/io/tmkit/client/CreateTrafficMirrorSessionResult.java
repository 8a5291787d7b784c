package io.tmkit.client;

/**
 * What a successful CreateTrafficMirrorSession returned: the new session's ID and the request's ID,
 * plus the ClientToken that was sent (filled in by the client when the caller gave none) and how many
 * attempts it took.
 */
public record CreateTrafficMirrorSessionResult(
    String trafficMirrorSessionId, String requestId, String clientToken, int attempts) {}
