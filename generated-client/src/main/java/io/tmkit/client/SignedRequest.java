package io.tmkit.client;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request as it leaves the client, signed: method, URL (the query as encoded for the wire), the
 * headers in the order they are written ({@code Host} first, as the connection sends it and the
 * signature covers it) and the body. What {@link TrafficMirrorClient#prepare} returns and what a
 * {@link WireTap} sees before each attempt.
 */
public record SignedRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** A header's value by name, ignoring case, or null. */
  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedRequest r && method.equals(r.method) && uri.equals(r.uri)
        && headers.equals(r.headers) && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body));
  }
}
