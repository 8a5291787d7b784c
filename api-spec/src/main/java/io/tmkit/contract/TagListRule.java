package io.tmkit.contract;

import java.util.List;

/**
 * The contract's {@code x-tag-list}: how the indexed {@code Tags.N.Key} / {@code Tags.N.Value}
 * parameters form one list, and which documented error each list-level rule yields.
 */
public record TagListRule(
    String name,
    int maxItems,
    List<String> fields,
    ErrorRow tooMany,
    ErrorRow disorder,
    ErrorRow valueWithoutKey,
    ErrorRow duplicateKey,
    ParameterRule keyRule,
    ParameterRule valueRule) {

  /** Whether a parameter name belongs to this list ({@code Tags.} followed by anything). */
  public boolean owns(String parameterName) {
    return parameterName.startsWith(name + ".");
  }
}
