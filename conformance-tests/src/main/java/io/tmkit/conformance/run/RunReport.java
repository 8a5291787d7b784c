package io.tmkit.conformance.run;

import java.util.List;

/**
 * A whole run: what was tested, each case's result, the wall time (server start included), and lines
 * a surface adds about the run as a whole (how many adversarial inputs the raw surface sent).
 */
public record RunReport(String target, List<CaseResult> cases, long wallMillis, List<String> notes) {
  public RunReport {
    cases = List.copyOf(cases);
    notes = List.copyOf(notes);
  }

  public RunReport(String target, List<CaseResult> cases, long wallMillis) {
    this(target, cases, wallMillis, List.of());
  }

  public long count(Verdict v) {
    return cases.stream().filter(c -> c.verdict() == v).count();
  }

  public boolean ok() {
    return count(Verdict.FAILED) == 0;
  }

  /** The last line of every run: {@code N passed, N failed, N skipped} (cases). */
  public String totals() {
    return count(Verdict.PASSED) + " passed, " + count(Verdict.FAILED) + " failed, " + count(Verdict.SKIPPED) + " skipped";
  }
}
