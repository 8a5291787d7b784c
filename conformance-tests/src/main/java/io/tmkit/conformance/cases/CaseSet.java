package io.tmkit.conformance.cases;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cases read from a set of family files, and the problems met while reading them (a case with a
 * problem that prevents building it is left out; the problem says which and why).
 */
public record CaseSet(List<ConformanceCase> cases, List<String> problems, Map<String, List<Param>> bases) {

  public CaseSet {
    cases = List.copyOf(cases);
    problems = List.copyOf(problems);
    bases = Map.copyOf(bases);
  }

  /** The cases of the bundled family files ({@code cases/index.yaml} lists them). */
  public static CaseSet bundled() {
    return CaseLoader.bundled();
  }

  public Optional<ConformanceCase> byId(String id) {
    return cases.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public ConformanceCase require(String id) {
    return byId(id).orElseThrow(() -> new IllegalArgumentException("no case " + id));
  }
}
