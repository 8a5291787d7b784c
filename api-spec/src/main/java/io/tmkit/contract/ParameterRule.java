package io.tmkit.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One query parameter of the operation with its schema constraints and, per violated keyword, the
 * documented error ({@code x-errors}). Keywords: {@code missing}, {@code type}, {@code enum},
 * {@code minLength}, {@code maxLength}, {@code pattern}, {@code minimum}, {@code maximum}.
 */
public record ParameterRule(
    String name,
    int position,
    boolean required,
    String type,
    Long minimum,
    Long maximum,
    Integer minLength,
    Integer maxLength,
    String pattern,
    List<String> enumValues,
    String defaultValue,
    String example,
    String seedExample,
    ListItem listItem,
    Map<String, ErrorRow> errors) {

  /** Where a parameter sits in an indexed list such as {@code Tags.3.Key}. */
  public record ListItem(String list, int index, String field) {}

  public boolean isInteger() {
    return "integer".equals(type);
  }

  /** The documented error for a violated keyword, falling back to the {@code default} entry. */
  public ErrorRow errorFor(String keyword) {
    ErrorRow row = errors.get(keyword);
    if (row == null) {
      row = errors.get("default");
    }
    if (row == null) {
      throw new IllegalStateException("parameter " + name + " documents no error for " + keyword);
    }
    return row;
  }

  public Optional<ListItem> item() {
    return Optional.ofNullable(listItem);
  }

  /** The compiled pattern, with the schema's meaning of {@code $} ({@link SchemaRegex}); use with find(). */
  public Optional<Pattern> compiledPattern() {
    return Optional.ofNullable(pattern).map(SchemaRegex::compile);
  }
}
