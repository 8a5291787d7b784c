package io.tmkit.contract;

import java.util.List;
import java.util.Map;

/** The contract's {@code x-signing}: the parameters of Volcengine's HMAC-SHA256 signature. */
public record SigningSpec(
    String algorithm,
    String service,
    String terminator,
    String dateHeader,
    String contentHashHeader,
    String securityTokenHeader,
    List<String> requiredSignedHeaders,
    Map<String, String> testVector) {}
