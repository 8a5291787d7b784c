package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import java.util.List;
import java.util.Optional;

/**
 * One case's results on the surfaces it applies to, and its expectation as resolved (status, code,
 * exact message). Its verdict: failed if any surface failed; skipped if every surface was skipped.
 */
public record CaseResult(ConformanceCase source, int status, String code, String message, List<SurfaceResult> surfaces) {
  public CaseResult {
    surfaces = List.copyOf(surfaces);
  }

  public String id() {
    return source.id();
  }

  public Verdict verdict() {
    if (surfaces.stream().anyMatch(s -> s.verdict() == Verdict.FAILED)) {
      return Verdict.FAILED;
    }
    if (surfaces.stream().allMatch(s -> s.verdict() == Verdict.SKIPPED)) {
      return Verdict.SKIPPED;
    }
    return Verdict.PASSED;
  }

  public Optional<SurfaceResult> on(Surface surface) {
    return surfaces.stream().filter(s -> s.surface() == surface).findFirst();
  }

  public long millis() {
    return surfaces.stream().mapToLong(SurfaceResult::millis).sum();
  }
}
