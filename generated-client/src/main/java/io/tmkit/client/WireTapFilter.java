package io.tmkit.client;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each signed request and its answer to a {@link WireTap}. Runs after the signing filter
 * (a higher priority value runs later), so it sees the headers that are sent; the answer's body is read
 * once and put back, so the generated client reads the same bytes.
 */
@Priority(Priorities.AUTHENTICATION + 100)
final class WireTapFilter implements ClientRequestFilter, ClientResponseFilter {
  private final WireTap tap;

  WireTapFilter(WireTap tap) {
    this.tap = tap;
  }

  /** The request in the context as it will be written: Host (which the connection adds) first. */
  static SignedRequest signed(ClientRequestContext request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", VolcengineSigningFilter.hostHeader(request.getUri()));
    request.getStringHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
    return new SignedRequest(request.getMethod(), request.getUri(), headers, new byte[0]);
  }

  @Override
  public void filter(ClientRequestContext request) {
    tap.request(signed(request));
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
    byte[] body = new byte[0];
    if (response.hasEntity()) {
      try (InputStream in = response.getEntityStream()) {
        body = in.readAllBytes();
      }
      response.setEntityStream(new ByteArrayInputStream(body));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(response.getHeaders());
    tap.response(response.getStatus(), headers, body);
  }
}
