package io.tmkit.conformance.report;

import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JUnit XML (the Ant/Surefire format CI servers read): one {@code testcase} per case and surface,
 * classname {@code conformance.<family>}, with {@code failure} or {@code skipped} and the reasons.
 */
public final class JUnitXmlReport {
  private JUnitXmlReport() {}

  public static void write(RunReport report, Path file) {
    long tests = 0;
    long failures = 0;
    long skipped = 0;
    StringBuilder body = new StringBuilder();
    for (CaseResult c : report.cases()) {
      for (SurfaceResult s : c.surfaces()) {
        tests++;
        body.append("  <testcase classname=\"conformance.").append(xml(c.source().family()))
            .append("\" name=\"").append(xml(c.id() + " [" + s.surface().key() + "]"))
            .append("\" time=\"").append(seconds(s.millis())).append("\">");
        String reasons = xml(String.join("\n", s.reasons()));
        if (s.verdict() == Verdict.FAILED) {
          failures++;
          body.append("\n    <failure message=\"").append(xml(firstLine(s))).append("\">")
              .append(reasons).append("</failure>\n  ");
        } else if (s.verdict() == Verdict.SKIPPED) {
          skipped++;
          body.append("\n    <skipped message=\"").append(reasons).append("\"/>\n  ");
        }
        body.append("</testcase>\n");
      }
    }
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuite name=\"tm-conformance\" tests=\"" + tests + "\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"" + seconds(report.wallMillis()) + "\">\n"
        + "  <properties><property name=\"target\" value=\"" + xml(report.target()) + "\"/></properties>\n"
        + body + "</testsuite>\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(SurfaceResult s) {
    return s.reasons().isEmpty() ? "failed" : s.reasons().get(0);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Escapes for XML text and attributes; drops characters XML 1.0 cannot carry. */
  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\t' -> out.append("&#9;");
        default -> {
          if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF) {
            out.appendCodePoint(cp);
          } else {
            out.append("\\u").append(String.format("%04x", cp));
          }
        }
      }
    });
    return out.toString();
  }
}
