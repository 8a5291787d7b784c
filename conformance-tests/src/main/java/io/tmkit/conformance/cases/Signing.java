package io.tmkit.conformance.cases;

import io.tmkit.contract.signing.Credentials;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * How a case's request is signed: properly, not at all, or with one named mutation that the
 * authentication stage must notice. Options carry what the mutation needs (a service name, an access
 * key, a parameter to tamper with) so that the case file shows every value its expectation depends on.
 */
public record Signing(Kind kind, Map<String, String> options) {

  public enum Kind {
    SIGNED("signed"),
    UNSIGNED("unsigned"),
    /** A parameter's value changes after the signature was computed ({@code param}, {@code value}). */
    TAMPER_AFTER_SIGNING("tamper-after-signing"),
    /** X-Date (and scope) too far in the past: {@code clockSkewSeconds} plus five minutes. */
    EXPIRED("expired"),
    /** Signed at now plus {@code seconds} (negative for the past). */
    CLOCK_OFFSET("clock-offset"),
    /** A well-formed access key that the server does not know ({@code accessKey}). */
    UNKNOWN_KEY("unknown-key"),
    /** A known access key signed with another secret. */
    WRONG_SECRET("wrong-secret"),
    /** The credential scope names another service ({@code service}). */
    WRONG_SERVICE("wrong-service"),
    /** A valid signature, then the X-Date header removed. */
    NO_X_DATE("no-x-date"),
    /** An Authorization header that does not have the documented form. */
    MALFORMED_AUTHORIZATION("malformed-authorization"),
    /**
     * SignedHeaders lists exactly {@code names} (lower case, {@code ;}-separated), as an SDK that signs
     * fewer headers than this project's client would: Volcengine's Java SDK lists {@code x-date} alone.
     */
    SIGNED_HEADERS("signed-headers");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Optional<Kind> byKey(String key) {
      return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
  }

  public static final Signing SIGNED = new Signing(Kind.SIGNED, Map.of());

  public Signing {
    options = Map.copyOf(options);
  }

  public String option(String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalStateException("signing " + kind.key() + " needs option " + name);
    }
    return v;
  }

  /** What each kind needs in {@link #options()}; checked when a case file is read. */
  public static java.util.List<String> requiredOptions(Kind kind) {
    return switch (kind) {
      case TAMPER_AFTER_SIGNING -> java.util.List.of("param", "value");
      case CLOCK_OFFSET -> java.util.List.of("seconds");
      case UNKNOWN_KEY -> java.util.List.of("accessKey");
      case WRONG_SERVICE -> java.util.List.of("service");
      case SIGNED_HEADERS -> java.util.List.of("names");
      default -> java.util.List.of();
    };
  }

  /**
   * The credentials a client signs with to send this request: the access key's own, or the ones the
   * mutation names ({@code unknown-key}: another access key; {@code wrong-secret}: the key's secret
   * with {@code not-} in front). Every other mutation changes the request, not the credentials.
   */
  public Credentials signWith(Credentials own) {
    return switch (kind) {
      case UNKNOWN_KEY -> Credentials.of(option("accessKey"), own.secretKey());
      case WRONG_SECRET -> Credentials.of(own.accessKey(), "not-" + own.secretKey());
      default -> own;
    };
  }

  public String label() {
    return options.isEmpty() ? kind.key() : kind.key() + options;
  }
}
