package io.tmkit.contract.review;

import java.util.List;
import java.util.stream.Collectors;

/** The little Markdown the review table needs: table rows whose cells cannot break the table. */
final class Markdown {
  private Markdown() {}

  /**
   * A table row; each cell is escaped so that a {@code |} or a line break in the contract's text stays
   * inside it. GFM splits cells before it reads code spans, so {@code \|} is right inside code too;
   * backslashes are left alone, since inside a code span they are literal.
   */
  static String row(List<String> cells) {
    return cells.stream().map(Markdown::cell).collect(Collectors.joining(" | ", "| ", " |"));
  }

  static String header(List<String> titles) {
    return row(titles) + "\n" + titles.stream().map(t -> "---").collect(Collectors.joining(" | ", "| ", " |"));
  }

  static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return text.strip().replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }

  /** Inline code that survives backticks in the text (a longer fence). */
  static String code(String text) {
    if (text == null) {
      return "";
    }
    String fence = text.contains("`") ? "``" : "`";
    String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return fence + pad + text + pad + fence;
  }

  static String quoted(String text) {
    return "“" + text + "”";
  }
}
