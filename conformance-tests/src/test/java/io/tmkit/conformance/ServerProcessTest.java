package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.Precondition;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.Verdict;
import io.tmkit.conformance.targets.ProcessTarget;
import io.tmkit.contract.Contract;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case on the HTTP surface (and the raw family's cases with slow clients) against the reference server as a separate process (its
 * {@code Main}, started with {@code --port 0 --admin-token}), its world reset through the HTTP admin
 * endpoint: what the in-process matrix checks, with no shared JVM between suite and server.
 */
class ServerProcessTest {
  @Test
  void theMatrixHoldsAgainstTheServerAsAProcess() {
    long started = System.nanoTime();
    try (ProcessTarget server = ProcessTarget.startFromClassPath()) {
      ConformanceSuite suite = new ConformanceSuite(Contract.bundled(), server, Fixtures.demo(),
          EnumSet.of(Surface.HTTP, Surface.RAW), false);
      // Of the raw family, the cases with slow clients held open: there the session count goes through
      // the HTTP admin endpoint, which they must not stall either (in process it is a method call).
      RunReport report = suite.runAll(CaseSet.bundled().cases().stream()
          .filter(c -> c.appliesTo(Surface.HTTP)
              || c.preconditions().stream().anyMatch(p -> p instanceof Precondition.Stalled))
          .toList(), started);
      List<String> failed = report.cases().stream().filter(c -> c.verdict() != Verdict.PASSED)
          .map(c -> c.id() + " " + c.surfaces().get(0).reasons()).toList();
      System.out.printf("server process (pid %d): %s in %.1f s (start included)%n",
          server.pid(), report.totals(), report.wallMillis() / 1000.0);
      assertEquals(List.of(), failed);
      assertEquals(report.cases().size(), report.cases().stream().map(CaseResult::verdict).filter(Verdict.PASSED::equals).count());
    }
  }
}
