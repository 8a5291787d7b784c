package io.tmkit.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently to retry: at most {@code maxAttempts} attempts in all; before attempt
 * n+1 the client waits a random time in [0, min(maxDelay, baseDelay * 2^(n-1))] ("full jitter"), so
 * that clients failing together do not retry together.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The upper bound of the wait after failed attempt {@code attempt} (1-based). */
  public Duration ceilingAfter(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = baseDelay.toMillis() << shift;
    if (ceiling < 0 || ceiling > maxDelay.toMillis()) {
      ceiling = maxDelay.toMillis();
    }
    return Duration.ofMillis(ceiling);
  }

  /** A jittered wait after failed attempt {@code attempt}: uniform in [0, ceiling]. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long ceiling = ceilingAfter(attempt).toMillis();
    return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
  }
}
