package io.tmkit.server.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Injected faults of one account: a documented code to answer at a phase of the order stage, for a
 * number of requests (-1: every request). Guarded by the owning account's lock.
 */
final class FaultPlan {
  static final String BEFORE_CREATE = "beforeCreate";
  static final String AFTER_CREATE = "afterCreate";

  private static final class Fault {
    final String code;
    final String phase;
    int remaining;

    Fault(String code, String phase, int remaining) {
      this.code = code;
      this.phase = phase;
      this.remaining = remaining;
    }
  }

  private final List<Fault> faults = new ArrayList<>();

  void add(String code, String phase, int times) {
    if (!BEFORE_CREATE.equals(phase) && !AFTER_CREATE.equals(phase)) {
      throw new IllegalArgumentException("phase must be " + BEFORE_CREATE + " or " + AFTER_CREATE + ", not " + phase);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive or -1 (always), not " + times);
    }
    faults.add(new Fault(code, phase, times));
  }

  /** The code of the first fault armed for this phase, using up one of its requests. */
  Optional<String> take(String phase) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.phase.equals(phase)) {
        if (f.remaining > 0 && --f.remaining == 0) {
          it.remove();
        }
        return Optional.of(f.code);
      }
    }
    return Optional.empty();
  }
}
