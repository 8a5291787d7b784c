package io.tmkit.server.domain;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;

/**
 * A request answered with a documented error. Thrown from any stage and turned into the error
 * envelope by one mapper; it carries no stack trace because it is an answer, not a failure.
 */
public final class Rejection extends RuntimeException {
  private final transient Violation violation;

  public Rejection(Violation violation) {
    super(violation.code() + ": " + violation.message(), null, false, false);
    this.violation = violation;
  }

  public static Rejection of(ErrorRow row, String... args) {
    return new Rejection(Violation.of(row, null, args));
  }

  public Violation violation() {
    return violation;
  }
}
