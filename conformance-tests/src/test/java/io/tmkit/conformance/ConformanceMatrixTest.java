package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import io.tmkit.contract.Contract;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole matrix as JUnit dynamic tests: family → case → one test per surface the case applies to,
 * against the reference server on the demo world. A skip is a failure here: the demo fixtures must
 * provide every role and the embedded server every capability.
 */
class ConformanceMatrixTest {
  private static final AtomicLong CASES_RUN = new AtomicLong();
  private static final AtomicLong MILLIS = new AtomicLong();

  private static ConformanceSuite suite;

  @TestFactory
  Stream<DynamicNode> everyCaseOnEverySurface() {
    suite = new ConformanceSuite(Contract.bundled(), DemoServer.get(), Fixtures.demo(),
        EnumSet.allOf(Surface.class), false);
    Map<String, List<DynamicNode>> byFamily = new LinkedHashMap<>();
    for (ConformanceCase c : CaseSet.bundled().cases()) {
      Supplier<CaseResult> result = memoized(() -> {
        long started = System.nanoTime();
        CaseResult r = suite.run(c);
        MILLIS.addAndGet((System.nanoTime() - started) / 1_000_000);
        CASES_RUN.incrementAndGet();
        return r;
      });
      List<DynamicTest> tests = new ArrayList<>();
      for (Surface surface : Surface.values()) {
        if (c.appliesTo(surface)) {
          tests.add(DynamicTest.dynamicTest(surface.key(), () -> {
            SurfaceResult s = result.get().on(surface).orElseThrow();
            assertEquals(Verdict.PASSED, s.verdict(), c.id() + " on " + surface.key() + ": " + s.reasons());
          }));
        }
      }
      byFamily.computeIfAbsent(c.family(), f -> new ArrayList<>())
          .add(DynamicContainer.dynamicContainer(c.id() + " — " + c.documentation(), tests.stream()));
    }
    assertTrue(byFamily.size() > 10);
    return byFamily.entrySet().stream()
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue().stream()));
  }

  @AfterAll
  static void printTime() {
    System.out.printf("conformance matrix (JUnit): %d cases on all surfaces in %.1f s%n",
        CASES_RUN.get(), MILLIS.get() / 1000.0);
    if (suite != null) {
      System.out.printf("raw: %,d adversarial inputs sent, %d answered with a 5xx%n",
          suite.raw().inputsSent(), suite.raw().serverErrors());
      io.tmkit.testing.AdversarialCount.reportTotals("RawProtocol.cases", suite.raw().inputsSent(),
          suite.raw().serverErrors());
    }
  }

  private static <T> Supplier<T> memoized(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }
}
