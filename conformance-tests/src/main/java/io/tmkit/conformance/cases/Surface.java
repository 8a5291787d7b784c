package io.tmkit.conformance.cases;

import java.util.Arrays;
import java.util.Optional;

/** Whom a case tests: the raw HTTP answer, the generated client, or the client's own validation. */
public enum Surface {
  HTTP("http"),
  CLIENT("client"),
  CLIENT_VALIDATION("clientValidation");

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
