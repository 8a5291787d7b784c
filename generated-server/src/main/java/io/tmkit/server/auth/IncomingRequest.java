package io.tmkit.server.auth;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the signature covers, as it came on the wire: the method and path, the decoded query
 * parameters (order and repeats kept), a case-insensitive header lookup and the body bytes.
 */
public record IncomingRequest(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    UnaryOperator<String> header,
    byte[] body) {}
