package io.tmkit.contract;

/**
 * The contract's {@code x-limits}: figures the seed leaves open, chosen in the document. The two
 * deadlines are how long a request's head may take from its first byte, and its body from its head.
 */
public record Limits(int maxQueryStringBytes, int signatureValiditySeconds, int clockSkewSeconds,
    int headDeadlineSeconds, int bodyDeadlineSeconds) {}
