package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.Surface;
import java.util.List;

/** One case on one surface: the verdict, why (failures or the reason for a skip), what was seen, how long it took. */
public record SurfaceResult(Surface surface, Verdict verdict, List<String> reasons, Observation observation, long millis) {
  public SurfaceResult {
    reasons = List.copyOf(reasons);
  }

  public static SurfaceResult skipped(Surface surface, String reason) {
    return new SurfaceResult(surface, Verdict.SKIPPED, List.of(reason), null, 0);
  }

  public String summary() {
    return switch (verdict) {
      case PASSED -> "pass";
      case FAILED -> "FAIL";
      case SKIPPED -> "skip";
    };
  }
}
