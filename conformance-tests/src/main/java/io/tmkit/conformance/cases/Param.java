package io.tmkit.conformance.cases;

import java.util.Objects;

/** One query parameter as a case writes it: name and value, either of which may hold placeholders. */
public record Param(String name, String value) {
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
