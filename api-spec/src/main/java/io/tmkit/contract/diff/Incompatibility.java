package io.tmkit.contract.diff;

/** One change that breaks a client of the released contract: where it is and what changed. */
public record Incompatibility(String where, String change) {
  @Override
  public String toString() {
    return where + ": " + change;
  }
}
