package io.tmkit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation page, parsed from the copy kept in the repository
 * ({@code src/test/resources/seed/CreateTrafficMirrorSession.zh.txt}), so that tests compare the
 * contract with the page itself rather than with a second typed-in table.
 */
final class SeedPage {
  record ErrorTableRow(int status, String code, String message, String descriptionZh) {}

  record ParameterRow(String name, String type, boolean required, String example, String descriptionZh) {}

  private static final Pattern ERROR_ROW =
      Pattern.compile("^(\\d{3}) \\| ([A-Za-z.]+) \\| (.+?) \\| (.+?) \\|$");
  private static final Pattern PARAM_ROW =
      Pattern.compile("^([A-Za-z.N]+) \\| (String|Integer) \\| (是|否) \\| (.*?) \\| (.*)$");

  private final List<String> lines;

  private SeedPage(List<String> lines) {
    this.lines = lines;
  }

  static SeedPage load() {
    try (InputStream in = SeedPage.class.getResourceAsStream("/seed/CreateTrafficMirrorSession.zh.txt")) {
      if (in == null) {
        throw new IllegalStateException("the seed copy is missing from src/test/resources/seed");
      }
      return new SeedPage(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of the page's error table, in the page's order. */
  List<ErrorTableRow> errorTable() {
    List<ErrorTableRow> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines) {
      if (line.startsWith("HttpCode | ")) {
        inTable = true;
        continue;
      }
      if (!inTable) {
        continue;
      }
      Matcher m = ERROR_ROW.matcher(line.strip());
      if (m.matches()) {
        rows.add(new ErrorTableRow(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4)));
      }
    }
    return rows;
  }

  /** The rows of the page's request-parameter table, descriptions joined across continuation lines. */
  List<ParameterRow> parameterTable() {
    List<ParameterRow> rows = new ArrayList<>();
    boolean inTable = false;
    String[] current = null;
    for (String line : lines) {
      if (line.contains("参数名称 | 类型 | 是否必选")) {
        inTable = true;
        continue;
      }
      if (inTable && line.startsWith("参数名称 | 类型 | 示例值")) {
        break;
      }
      if (!inTable || line.startsWith("---")) {
        continue;
      }
      Matcher m = PARAM_ROW.matcher(line);
      if (m.matches()) {
        if (current != null) {
          rows.add(toRow(current));
        }
        current = new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)};
      } else if (current != null) {
        current[4] = current[4] + line;
      }
    }
    if (current != null) {
      rows.add(toRow(current));
    }
    return rows;
  }

  private static ParameterRow toRow(String[] c) {
    String description = c[4].replaceAll("\\s*\\|\\s*$", "").replaceAll("\\s*\\|\\s*", "").strip();
    return new ParameterRow(c[0], c[1], c[2].equals("是"), c[3], description);
  }
}
