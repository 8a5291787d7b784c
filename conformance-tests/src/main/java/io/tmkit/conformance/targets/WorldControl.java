package io.tmkit.conformance.targets;

/**
 * What a target lets the suite do to its world besides ordinary requests: the reference server's
 * admin API (in process, or over HTTP with an admin token). Another implementation has none.
 */
public interface WorldControl {
  /** Back to the world the target started with. */
  void reset();

  /** How many sessions the account has now. */
  int sessionCount(String accountId);

  /** Makes the account's next {@code times} creates fail with {@code code} ({@code phase}: before/afterCreate). */
  void injectFault(String accountId, String code, String phase, int times);
}
