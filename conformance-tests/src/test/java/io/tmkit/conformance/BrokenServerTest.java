package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.cli.Main;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.http.WireResponse;
import io.tmkit.conformance.run.CaseResult;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.SurfaceResult;
import io.tmkit.conformance.run.Verdict;
import io.tmkit.conformance.targets.Target;
import io.tmkit.conformance.targets.WorldControl;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite notices a wrong answer: a proxy in front of the real server changes the message of one
 * documented row (drops its last character, the kind of slip a hand-typed table makes), and the
 * cases of that row, and only those, fail.
 */
class BrokenServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Contract CONTRACT = Contract.bundled();
  private static RewritingProxy proxy;

  @TempDir
  Path reports;

  @BeforeAll
  static void startProxy() throws IOException {
    proxy = new RewritingProxy(DemoServer.get().baseUri());
  }

  @AfterAll
  static void stopProxy() throws IOException {
    proxy.close();
  }

  /** The answer with the message of {@code row} cut by its last character; any other answer unchanged. */
  static UnaryOperator<WireResponse> breaking(ErrorRow row) {
    return answer -> {
      try {
        JsonNode body = JSON.readTree(answer.body());
        JsonNode error = body.path("ResponseMetadata").path("Error");
        String message = error.path("Message").asText(null);
        if (!row.code().equals(error.path("Code").asText(null)) || !row.matchesMessage(message)) {
          return answer;
        }
        ((ObjectNode) error).put("Message", message.substring(0, message.length() - 1));
        return new WireResponse(answer.status(), answer.contentType(), JSON.writeValueAsBytes(body), answer.millis());
      } catch (IOException e) {
        return answer;
      }
    };
  }

  /** The demonstration: the runner, pointed at the proxy, reports exactly the case of the broken row. */
  @Test
  void theRunnerReportsExactlyTheCaseOfTheBrokenRow() {
    DemoServer.get().control().orElseThrow().reset();
    proxy.rewrite(breaking(CONTRACT.errors().only("Forbidden.PurchaseLimited")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--endpoint", proxy.baseUri().toString(), "--safe", "--surface", "http",
            "--report-dir", reports.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    System.out.println("broken-row demonstration (Forbidden.PurchaseLimited's message cut by one character; "
        + "the FAIL below is what the test expects):");
    // The broken run's tally is quoted, not printed bare: CI reads bare "N passed, N failed" lines as verdicts.
    lines.stream().filter(l -> l.contains("FAIL")).forEach(l -> System.out.println("  " + l));
    System.out.println("  the broken run's own tally, as expected: [" + lines.get(lines.size() - 1) + "]");

    // Safe cases that only a client can send (a lone surrogate) are left out with --surface http: a case
    // on no selected surface is neither run nor counted as skipped.
    List<ConformanceCase> safe = CaseSet.bundled().cases().stream().filter(ConformanceCase::isSafe).toList();
    long safeCases = safe.stream().filter(c -> c.appliesTo(Surface.HTTP)).count();
    assertEquals((safeCases - 1) + " passed, 1 failed, 0 skipped", lines.get(lines.size() - 1));
    assertEquals(1, exit);
    List<String> failedRows = lines.stream().filter(l -> l.matches("^\\S+\\s+\\d{3}\\s.*FAIL.*")).toList();
    assertEquals(1, failedRows.size(), failedRows.toString());
    assertTrue(failedRows.get(0).startsWith("purchase-not-allowed "), failedRows.get(0));
    String documented = CONTRACT.errors().only("Forbidden.PurchaseLimited").message();
    String cut = documented.substring(0, documented.length() - 1);
    assertTrue(lines.contains("     http FAIL: message \"" + cut + "\", expected \"" + documented + "\""),
        String.join("\n", lines));
  }

  /**
   * For every row of the catalog: breaking it alone makes each of its cases fail on http, and on the
   * client wherever the server (not the client's own check of a missing parameter) gave the answer.
   */
  @TestFactory
  Stream<DynamicTest> breakingAnyRowFailsEveryCaseOfThatRow() {
    Target behindProxy = new Target() {
      @Override
      public URI baseUri() {
        return proxy.baseUri();
      }

      @Override
      public String description() {
        return "proxy " + proxy.baseUri();
      }

      @Override
      public Optional<WorldControl> control() {
        return DemoServer.get().control();
      }
    };
    ConformanceSuite suite = new ConformanceSuite(CONTRACT, behindProxy, Fixtures.demo(),
        EnumSet.of(Surface.HTTP, Surface.CLIENT), false);
    List<ConformanceCase> cases = CaseSet.bundled().cases();
    return CONTRACT.errors().rows().stream().map(row -> DynamicTest.dynamicTest(row.label(), () -> {
      proxy.rewrite(breaking(row));
      List<ConformanceCase> ofRow = cases.stream().filter(c -> row.equals(c.expect().row())).toList();
      assertTrue(ofRow.stream().anyMatch(c -> c.appliesTo(Surface.HTTP)), "no http case of the row");
      for (ConformanceCase c : ofRow) {
        CaseResult result = suite.run(c);
        for (SurfaceResult s : result.surfaces()) {
          boolean answeredByServer = s.surface() == Surface.HTTP
              || (s.surface() == Surface.CLIENT && s.observation() != null && !s.observation().local());
          if (answeredByServer) {
            assertEquals(Verdict.FAILED, s.verdict(), c.id() + " on " + s.surface().key() + " did not notice");
            assertTrue(s.reasons().stream().anyMatch(r -> r.startsWith("message ")), s.reasons().toString());
          }
        }
        // A case only a client can send (a lone surrogate, refused before sending) never meets the server.
        if (c.appliesTo(Surface.HTTP)) {
          assertEquals(Verdict.FAILED, result.on(Surface.HTTP).orElseThrow().verdict(), c.id());
        }
      }
      proxy.rewrite(UnaryOperator.identity());
    }));
  }
}
