package io.tmkit.conformance.http;

import java.nio.charset.StandardCharsets;

/** What came back: status, the Content-Type header, the body and how long the round trip took. */
public record WireResponse(int status, String contentType, byte[] body, long millis) {
  public WireResponse {
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
