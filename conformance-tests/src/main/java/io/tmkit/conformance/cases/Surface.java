package io.tmkit.conformance.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whom a case tests: the HTTP answer, the generated client, the client's own validation, or the
 * server's HTTP/1.1 edge fed raw bytes over a plain socket (framing, Host, methods, slow clients).
 */
public enum Surface {
  HTTP("http"),
  CLIENT("client"),
  CLIENT_VALIDATION("clientValidation"),
  RAW("raw");

  private final String key;

  Surface(String key) {
    this.key = key;
  }

  /** The name case files use. */
  public String key() {
    return key;
  }

  public static Optional<Surface> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
