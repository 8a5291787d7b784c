package io.tmkit.conformance.report;

import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The run as a Markdown page: totals, then one table row per case with its documented answer. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void write(RunReport report, Path file) {
    StringBuilder md = new StringBuilder();
    md.append("# CreateTrafficMirrorSession conformance\n\n")
        .append("Target: ").append(report.target()).append("  \n")
        .append("Wall time: ").append(String.format("%.1f s", report.wallMillis() / 1000.0)).append("  \n")
        .append("**").append(report.totals()).append("**\n\n")
        .append("| case | family | status | code | message | http | client | clientValidation | raw | ms |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (CaseResult c : report.cases()) {
      md.append("| `").append(c.id()).append("` | ").append(c.source().family()).append(" | ").append(c.status() == 0 ? "–" : String.valueOf(c.status()))
          .append(" | ").append("`" + TableReport.code(c) + "`").append(" | ")
          .append(c.message() == null ? "" : cell(abbreviate(c.message()))).append(" | ")
          .append(mark(c, Surface.HTTP)).append(" | ").append(mark(c, Surface.CLIENT)).append(" | ")
          .append(mark(c, Surface.CLIENT_VALIDATION)).append(" | ").append(mark(c, Surface.RAW)).append(" | ")
          .append(c.millis()).append(" |\n");
    }
    report.notes().forEach(n -> md.append("\n").append(n).append("\n"));
    boolean any = false;
    for (CaseResult c : report.cases()) {
      for (SurfaceResult s : c.surfaces()) {
        if (s.verdict() != Verdict.PASSED) {
          if (!any) {
            md.append("\n## Failures and skips\n\n");
            any = true;
          }
          md.append("- `").append(c.id()).append("` on ").append(s.surface().key()).append(" (")
              .append(s.summary()).append("): ").append(cell(String.join("; ", s.reasons()))).append('\n');
        }
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, md, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mark(CaseResult c, Surface s) {
    return c.on(s).map(r -> switch (r.verdict()) {
      case PASSED -> "pass";
      case FAILED -> "**FAIL**";
      case SKIPPED -> "skip";
    }).orElse("–");
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
