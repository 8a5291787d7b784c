package io.tmkit.conformance.run;

import java.util.List;

/**
 * What a surface saw: the answer's status, code and message (null code for a success), the session
 * and request IDs, whether the answer was given locally (client-side validation), and the
 * surface's own findings (a schema violation, a wrong content type).
 */
public record Observation(
    int status,
    String code,
    String message,
    String sessionId,
    String requestId,
    boolean local,
    List<String> findings) {

  public Observation {
    findings = List.copyOf(findings);
  }

  public static Observation passedLocally() {
    return new Observation(0, null, null, null, null, true, List.of());
  }

  public String label() {
    if (status == 0 && code == null) {
      return local ? "no local verdict" : "no answer";
    }
    return status + " " + (code == null ? "OK" : code) + (local ? " (local)" : "");
  }
}
