package io.tmkit.contract.signing;

import java.util.Objects;

/** An access key pair, optionally with an STS session token. {@link #toString()} never shows the secret. */
public record Credentials(String accessKey, String secretKey, String sessionToken) {
  public Credentials {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }

  public static Credentials of(String accessKey, String secretKey) {
    return new Credentials(accessKey, secretKey, null);
  }

  @Override
  public String toString() {
    return "Credentials[accessKey=" + accessKey + ", secretKey=***" + (sessionToken == null ? "" : ", sessionToken=***") + "]";
  }
}
