package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import io.tmkit.conformance.targets.EndpointTarget;
import io.tmkit.conformance.targets.HttpWorldControl;
import io.tmkit.conformance.targets.ProcessTarget;
import io.tmkit.conformance.targets.Target;
import io.tmkit.contract.Contract;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "runs twice in a row": ONE reference server started as its own process on port 0 (demo
 * world, signatures on), and the full suite run against it as an endpoint (the later runs without the
 * slow clients that only wait out a deadline, see {@link #waitsOutADeadline}), twice without its admin
 * API and then once with it. Nothing may fail in any of the three runs. Without the admin API the
 * world is never reset, so the creates of the first run fill the demo world's quotas: those case
 * runs must come back skipped, each with a reason that names what the target no longer has room for,
 * and never as passes (the second run proves the state was met); none may be a priority conflict,
 * since the runner asks the target which priorities are taken before it hands one out. With the admin
 * API nothing is skipped: it resets the world before every case that can create, so its run after two
 * runs that filled the quotas is the proof; a second run with it would repeat the same resets (about a
 * minute of CI time for nothing new).
 */
class EndpointRerunTest {
  private static final String NO_ROOM = "needs room the target no longer has: ";
  private static final String NO_FAULT = "the target has no admin API to inject a fault";

  @Test
  void theFullSuiteRunsTwiceAgainstOneServerWithAndWithoutItsAdminApi() {
    Contract contract = Contract.bundled();
    CaseSet cases = CaseSet.bundled();
    try (ProcessTarget server = ProcessTarget.startFromClassPath()) {
      URI base = server.baseUri();
      RunReport first = run(contract, cases.cases(), new EndpointTarget(base));
      List<ConformanceCase> again = cases.cases().stream().filter(c -> !waitsOutADeadline(c)).toList();
      assertTrue(cases.cases().size() - again.size() <= 6, "only the slow clients are left out of the later runs");
      RunReport second = run(contract, again, new EndpointTarget(base));
      for (RunReport r : List.of(first, second)) {
        assertEquals(0, r.count(Verdict.FAILED), () -> failures(r));
        assertTrue(r.count(Verdict.PASSED) > 300, r::totals);
        for (SurfaceResult s : skips(r)) {
          String reason = String.join("; ", s.reasons());
          assertTrue(reason.startsWith(NO_ROOM) || reason.equals(NO_FAULT), reason);
          // The priority probe passes over the priorities earlier sessions hold: none is met.
          assertFalse(reason.contains("InvalidTrafficMirrorSessionPriority.Conflict"), reason);
        }
      }
      long blocked = skips(second).stream().filter(s -> s.reasons().get(0).startsWith(NO_ROOM)).count();
      assertTrue(blocked > 20, "the second run met the state the first left: " + blocked + " skipped for it");

      HttpWorldControl admin = HttpWorldControl.at(base, server.adminToken());
      RunReport withAdmin = run(contract, again, new EndpointTarget(base, admin));
      assertEquals(0, withAdmin.count(Verdict.FAILED), () -> failures(withAdmin));
      assertEquals(List.of(), skips(withAdmin).stream().map(s -> s.surface().key() + ": " + s.reasons()).toList());
      System.out.println("endpoint with admin API, after the two runs without: " + withAdmin.totals());
      System.out.println("endpoint without admin API: " + first.totals() + "; then " + second.totals()
          + " (" + blocked + " surface runs skipped for the state the first run left)");
    }
  }

  private static RunReport run(Contract contract, List<ConformanceCase> cases, Target target) {
    ConformanceSuite suite = new ConformanceSuite(contract, target, Fixtures.demo(), EnumSet.allOf(Surface.class), true);
    return suite.runAll(cases, System.nanoTime());
  }

  /**
   * The slow clients that stall and wait out the server's head or body deadline (10 s each, 40 s a run):
   * they send Priority 0, so no state can change their answer. They run in the first run only, which
   * keeps this test's cost to one such wait per case.
   */
  private static boolean waitsOutADeadline(ConformanceCase c) {
    return c.request().wire() != null && c.request().wire().stallAfter() != null;
  }

  private static List<SurfaceResult> skips(RunReport r) {
    return r.cases().stream().flatMap(c -> c.surfaces().stream()).filter(s -> s.verdict() == Verdict.SKIPPED).toList();
  }

  private static String failures(RunReport r) {
    StringBuilder b = new StringBuilder(r.totals());
    r.cases().forEach(c -> c.surfaces().stream().filter(s -> s.verdict() == Verdict.FAILED)
        .forEach(s -> b.append("\n").append(c.id()).append(" ").append(s.surface().key()).append(": ").append(s.reasons())));
    return b.toString();
  }
}
