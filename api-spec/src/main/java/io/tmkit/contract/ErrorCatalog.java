package io.tmkit.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every documented error of the operation, read from the contract's {@code x-error-catalog}, in the
 * document's order. The one place in the code base where codes and messages come from.
 */
public final class ErrorCatalog {
  private final List<ErrorRow> rows;
  private final Map<String, List<ErrorRow>> byCode = new LinkedHashMap<>();

  ErrorCatalog(List<ErrorRow> rows) {
    this.rows = List.copyOf(rows);
    for (ErrorRow row : this.rows) {
      byCode.computeIfAbsent(row.code(), c -> new ArrayList<>()).add(row);
    }
    byCode.replaceAll((code, list) -> List.copyOf(list));
  }

  public List<ErrorRow> rows() {
    return rows;
  }

  /** The rows of the documentation page's error table (not common), in the page's order. */
  public List<ErrorRow> seedRows() {
    return rows.stream().filter(r -> !r.common()).toList();
  }

  public List<ErrorRow> commonRows() {
    return rows.stream().filter(ErrorRow::common).toList();
  }

  public Set<String> codes() {
    return new LinkedHashSet<>(byCode.keySet());
  }

  public List<ErrorRow> byCode(String code) {
    return byCode.getOrDefault(code, List.of());
  }

  /** The row of a code that has exactly one message; fails loudly if the code is ambiguous or unknown. */
  public ErrorRow only(String code) {
    List<ErrorRow> found = byCode(code);
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          "code " + code + " has " + found.size() + " rows in the contract; name the message too");
    }
    return found.get(0);
  }

  /** The row with this code whose message (template) matches the given message. */
  public Optional<ErrorRow> find(String code, String message) {
    return byCode(code).stream().filter(r -> r.matchesMessage(message)).findFirst();
  }

  /** The row with this code whose message (template) is exactly the given template text. */
  public ErrorRow row(String code, String messageTemplate) {
    return byCode(code).stream()
        .filter(r -> r.message().equals(messageTemplate))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no row " + code + " with message \"" + messageTemplate + "\" in the contract"));
  }

  /** The row of a code whose message contains the given fragment (to pick among a code's messages). */
  public ErrorRow rowContaining(String code, String fragment) {
    List<ErrorRow> found = byCode(code).stream().filter(r -> r.message().contains(fragment)).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.size() + " rows of " + code + " contain \"" + fragment + "\"");
    }
    return found.get(0);
  }
}
