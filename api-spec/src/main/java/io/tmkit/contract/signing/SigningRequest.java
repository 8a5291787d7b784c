package io.tmkit.contract.signing;

import java.util.List;
import java.util.Map;

/**
 * What a signature covers: method, path, the decoded query parameters (order and repeats kept), the
 * headers to sign (name to value) and the body bytes.
 */
public record SigningRequest(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    Map<String, String> headers,
    byte[] body) {

  public SigningRequest {
    query = List.copyOf(query);
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
