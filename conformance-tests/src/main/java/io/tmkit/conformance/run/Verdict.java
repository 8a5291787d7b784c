package io.tmkit.conformance.run;

/** The outcome of one case on one surface. */
public enum Verdict {
  PASSED,
  FAILED,
  /** Not run, with a reason (the world lacks a role, the target lacks an admin API); never a pass. */
  SKIPPED
}
