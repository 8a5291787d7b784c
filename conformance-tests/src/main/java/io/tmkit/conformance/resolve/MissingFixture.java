package io.tmkit.conformance.resolve;

/** A case names a role, access key or capability that the world under test does not provide. */
public final class MissingFixture extends RuntimeException {
  public MissingFixture(String reason) {
    super(reason);
  }
}
