package io.tmkit.contract;

/** The contract's {@code x-limits}: figures the seed leaves open, chosen in the document. */
public record Limits(int maxQueryStringBytes, int signatureValiditySeconds, int clockSkewSeconds) {}
