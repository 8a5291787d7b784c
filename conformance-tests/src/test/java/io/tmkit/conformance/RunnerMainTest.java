package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's command line: totals line, reports, --safe, --endpoint with fixtures that lack roles. */
class RunnerMainTest {
  @TempDir
  Path reports;

  private record Run(int exit, List<String> lines) {
    String last() {
      return lines.get(lines.size() - 1);
    }

    boolean has(String fragment) {
      return lines.stream().anyMatch(l -> l.contains(fragment));
    }
  }

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    return new Run(exit, text.lines().toList());
  }

  @Test
  void runsTheEmbeddedServerAndEndsWithTheTotals() throws Exception {
    Run r = run("--case", "^(priority-taken|create-minimal|source-not-found|unsigned)$", "--report-dir", reports.toString());
    assertEquals("4 passed, 0 failed, 0 skipped", r.last());
    assertEquals(0, r.exit());
    String xml = Files.readString(reports.resolve("junit.xml"));
    assertTrue(xml.contains("tests=\"8\" failures=\"0\""), xml);
    assertTrue(Files.readString(reports.resolve("report.md")).contains("| `priority-taken` | conflicts | 409 |"));
  }

  @Test
  void safeKeepsOnlyTheCasesThatCannotCreate() {
    Run r = run("--safe", "--case", "^(priority-taken|create-minimal)$", "--report-dir", reports.toString());
    assertEquals("1 passed, 0 failed, 0 skipped", r.last());
    assertTrue(r.has("priority-taken") && !r.has("create-minimal"));
  }

  @Test
  void anEndpointWhoseFixturesLackARoleGetsSkipsWithReasonsNotPasses() {
    String fixtures = Path.of("src/test/resources/fixtures/partial.yaml").toString();
    Run r = run("--endpoint", DemoServer.get().baseUri().toString(), "--fixtures", fixtures,
        "--case", "^(source-service-managed|internal-error-injected-once|account-in-arrears|create-minimal)$",
        "--report-dir", reports.toString());
    assertEquals("1 passed, 0 failed, 3 skipped", r.last());
    assertEquals(0, r.exit());
    assertTrue(r.has("fixtures give no role source.managed for account demo"));
    assertTrue(r.has("the target has no admin API to inject a fault"));
    assertTrue(r.has("fixtures give no access key arrears"));
  }

  @Test
  void aFailureMakesTheExitCodeNonZero() {
    // The demo secret replaced by a wrong one: every signed request fails, so the case fails.
    Run r = run("--endpoint", DemoServer.get().baseUri().toString(), "--access-key", "AKLTdemo0000000000000000000000001",
        "--secret-key", "wrong", "--case", "^priority-taken$", "--report-dir", reports.toString());
    assertEquals("0 passed, 1 failed, 0 skipped", r.last());
    assertEquals(1, r.exit());
    assertTrue(r.has("code SignatureDoesNotMatch, expected InvalidTrafficMirrorSessionPriority.Conflict"));
  }
}
