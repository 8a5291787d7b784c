package io.tmkit.conformance.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one HTTP request: method, the encoded query string exactly as sent, the headers and
 * the body. {@code hostHeader} is what the signature covered (and what the transport sends).
 */
public record WireRequest(String method, String rawQuery, Map<String, String> headers, byte[] body) {
  public WireRequest {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String pathAndQuery() {
    return rawQuery == null || rawQuery.isEmpty() ? "/" : "/?" + rawQuery;
  }
}
