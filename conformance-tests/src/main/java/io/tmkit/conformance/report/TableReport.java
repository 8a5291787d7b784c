package io.tmkit.conformance.report;

import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The console table: one row per case (id, expected status and code, each surface's result, total
 * milliseconds), the reasons under each failed or skipped row, per-surface counts, and the closing
 * line {@code N passed, N failed, N skipped}.
 */
public final class TableReport {
  private TableReport() {}

  public static void print(RunReport report, PrintStream out) {
    int idWidth = Math.max(4, report.cases().stream().mapToInt(c -> c.id().length()).max().orElse(4));
    int codeWidth = Math.max(8, report.cases().stream()
        .mapToInt(c -> c.code() == null ? 2 : c.code().length()).max().orElse(8));
    String format = "%-" + idWidth + "s  %3s  %-" + codeWidth + "s  %-5s %-6s %-16s %-5s %6s%n";
    out.printf(format, "case", "st", "code", "http", "client", "clientValidation", "raw", "ms");
    String family = null;
    for (CaseResult c : report.cases()) {
      if (!c.source().family().equals(family)) {
        family = c.source().family();
        out.println("-- " + family);
      }
      out.printf(format, c.id(), c.status() == 0 ? "-" : c.status(), code(c),
          cell(c, Surface.HTTP), cell(c, Surface.CLIENT), cell(c, Surface.CLIENT_VALIDATION), cell(c, Surface.RAW),
          c.millis());
      for (SurfaceResult s : c.surfaces()) {
        if (s.verdict() != Verdict.PASSED) {
          for (String reason : s.reasons()) {
            out.println("     " + s.surface().key() + " " + s.summary() + ": " + reason);
          }
        }
      }
    }
    out.println();
    for (Surface surface : Surface.values()) {
      long passed = count(report, surface, Verdict.PASSED);
      long failed = count(report, surface, Verdict.FAILED);
      long skipped = count(report, surface, Verdict.SKIPPED);
      if (passed + failed + skipped == 0) {
        continue; // a surface left out of the run (--surface)
      }
      out.printf("%-17s %4d passed, %d failed, %d skipped%n", surface.key() + ":", passed, failed, skipped);
    }
    report.notes().forEach(out::println);
    out.printf("target: %s; wall time %.1f s%n", report.target(), report.wallMillis() / 1000.0);
    out.println(report.totals());
  }

  private static long count(RunReport report, Surface surface, Verdict v) {
    return report.cases().stream().map(c -> c.on(surface)).flatMap(Optional::stream)
        .filter(s -> s.verdict() == v).count();
  }

  /** The expected code; a case that admits several rows or only a close says so. */
  static String code(CaseResult c) {
    if (c.code() != null) {
      return c.code();
    }
    if (c.source().expect().row() != null) {
      return c.source().expect().row().code();
    }
    if (!c.source().expect().anyOf().isEmpty()) {
      return "any of " + c.source().expect().anyOf().stream().map(r -> r.code()).distinct().count() + " codes";
    }
    return c.source().expect().isSuccess() ? "OK" : "close";
  }

  private static String cell(CaseResult c, Surface surface) {
    return c.on(surface).map(SurfaceResult::summary).orElse("-");
  }
}
