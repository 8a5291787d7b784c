package io.tmkit.client;

/**
 * One tag of a session. Folded into the contract's indexed parameters ({@code Tags.N.Key},
 * {@code Tags.N.Value}) by its position in the request's list. A null value sends the key alone; a
 * null key sends the value alone (which the contract rejects: a value needs its key).
 */
public record Tag(String key, String value) {
  public static Tag of(String key, String value) {
    return new Tag(key, value);
  }

  /** {@code key=value} → key and value; {@code key} alone → a key without value. */
  public static Tag parse(String keyEqualsValue) {
    int eq = keyEqualsValue.indexOf('=');
    return eq < 0
        ? new Tag(keyEqualsValue, null)
        : new Tag(keyEqualsValue.substring(0, eq), keyEqualsValue.substring(eq + 1));
  }
}
