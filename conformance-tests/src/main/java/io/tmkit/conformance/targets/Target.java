package io.tmkit.conformance.targets;

import java.net.URI;
import java.util.Optional;

/** The implementation under test: where it listens, and its admin API if it has one. */
public interface Target extends AutoCloseable {
  URI baseUri();

  /** One line for the report: what was tested. */
  String description();

  Optional<WorldControl> control();

  @Override
  default void close() {}
}
