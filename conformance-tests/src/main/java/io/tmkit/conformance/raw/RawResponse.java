package io.tmkit.conformance.raw;

import io.tmkit.conformance.http.WireResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One answer read off a raw connection: status line, every header as sent, the body, when it ended. */
public record RawResponse(String statusLine, int status, List<Map.Entry<String, String>> headers, byte[] body,
    long completedMs) {

  public RawResponse {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public List<String> all(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
  }

  public Optional<String> first(String name) {
    return all(name).stream().findFirst();
  }

  /** Whether the answer announces that the server closes the connection after it. */
  public boolean saysClose() {
    return all("Connection").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
  }

  public WireResponse asWireResponse() {
    return new WireResponse(status, first("Content-Type").orElse(null), body, completedMs);
  }
}
