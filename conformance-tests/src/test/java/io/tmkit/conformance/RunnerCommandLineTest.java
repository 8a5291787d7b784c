package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cli.Main;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.fixtures.FixturesSchema;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's loud failures (issue 12): each user mistake is one line saying what is wrong, with its
 * documented exit code (2 usage, 3 unreachable), never a stack trace; nothing that ran nothing passes.
 */
class RunnerCommandLineTest {
  @TempDir
  Path tmp;

  private record Run(int exit, List<String> out, List<String> err) {
    String errText() {
      return String.join("\n", err);
    }

    String outText() {
      return String.join("\n", out);
    }

    String last() {
      return out.get(out.size() - 1);
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    Run r = new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
    assertFalse((r.outText() + r.errText()).contains("\tat "), "a stack trace:\n" + r.errText());
    return r;
  }

  private static String fixture(String name) {
    return Path.of("src/test/resources/fixtures", name).toString();
  }

  private static void assertMistake(Run r, int exit, int lines, String... fragments) {
    assertEquals(exit, r.exit(), r.errText() + r.outText());
    assertTrue(r.err().size() <= lines, "at most " + lines + " lines:\n" + r.errText());
    for (String f : fragments) {
      assertTrue(r.errText().contains(f), "'" + f + "' in:\n" + r.errText());
    }
  }

  @Test
  void misspelledFixturesKeysAreExit2NamingEachKeyAndLine() {
    Run r = run("--fixtures", fixture("misspelled.yaml"), "--case", "^unsigned$");
    assertMistake(r, 2, 2, "misspelled.yaml:3:1: unknown key 'accesKeys'", "did you mean 'accessKeys'?",
        "misspelled.yaml:5:1: unknown key 'acounts'", "did you mean 'accounts'?");
    assertTrue(r.out().isEmpty(), "nothing ran: " + r.outText());
  }

  @Test
  void wrongTypesAndMisspelledRolesAreExit2WithLineAndColumn() {
    Run r = run("--fixtures", fixture("wrong-types.yaml"));
    assertMistake(r, 2, 4, "wrong-types.yaml:2:1: 'region': array found, string expected",
        "wrong-types.yaml:4:", "'accessKeys.demo.secretKey': integer found, string expected",
        "wrong-types.yaml:8:7: unknown key 'sorce.ok'", "did you mean 'source.ok'?",
        "wrong-types.yaml:9:7: 'accounts.demo.roles.priority.free': array found");
  }

  @Test
  void aMissingFixturesFileIsOneLineExit2() {
    assertMistake(run("--fixtures", tmp.resolve("nope.yaml").toString()), 2, 1, "nope.yaml: no such fixtures file");
  }

  @Test
  void aFixturesFileThatIsNotYamlIsOneLineExit2WithItsPlace() {
    assertMistake(run("--fixtures", fixture("not-yaml.yaml")), 2, 1, "not-yaml.yaml:2:", "not YAML");
  }

  @Test
  void aCaseRegexThatMatchesNothingIsExit2() {
    assertMistake(run("--case", "zzz"), 2, 1, "no case matches --case 'zzz'");
    assertMistake(run("--case", "("), 2, 2, "'(' is not a regular expression");
  }

  @Test
  void anUnreachableEndpointIsDetectedBeforeTheRunExit3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run("--endpoint", "http://127.0.0.1:" + port + "/", "--report-dir", tmp.toString());
    assertMistake(r, 3, 1, "cannot reach the endpoint at http://127.0.0.1:" + port + "/", "Connection refused");
    assertTrue(r.out().isEmpty(), "no case ran: " + r.outText());
  }

  @Test
  void usageErrorsAreTheErrorAndAOneLineHintNotTheHelp() {
    assertMistake(run("--bogus"), 2, 2, "Unknown option: '--bogus'", "--help");
    assertMistake(run("--surface", "htp"), 2, 2, "unknown surface 'htp'");
    assertMistake(run("--endpoint", "not a url"), 2, 2, "'not a url' is not a URL");
    assertMistake(run("--endpoint", "ftp://x/"), 2, 2, "not an http:// or https:// URL");
    assertMistake(run("--access-key", "AK"), 2, 2, "--access-key and --secret-key go together");
    assertMistake(run("--admin-token", "t"), 2, 2, "go with --endpoint");
    assertMistake(run("--server-jar", tmp.resolve("none.jar").toString()), 2, 1, "no such file");
  }

  @Test
  void aReportDirThatCannotBeWrittenIsSaidBeforeTheRun() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Run r = run("--case", "^unsigned$", "--report-dir", file.resolve("reports").toString());
    assertMistake(r, 2, 1, "--report-dir", "cannot write there");
  }

  @Test
  void aWrongAdminTokenIsExit2() {
    // The in-process demo server has no admin endpoint: its /_admin/ is an unknown path of the API.
    Run r = run("--endpoint", DemoServer.get().baseUri().toString(), "--admin-token", "t", "--case", "^unsigned$");
    assertMistake(r, 3, 1, "the admin API at", "answered HTTP");
  }

  @Test
  void failOnSkipTurnsSkipsIntoExit1AndEverythingSkippedIsExit1() {
    String partial = fixture("partial.yaml");
    String base = DemoServer.get().baseUri().toString();
    Run skipped = run("--endpoint", base, "--fixtures", partial, "--case", "^(source-service-managed|priority-taken-by-new-session)$",
        "--report-dir", tmp.toString(), "--surface", "http");
    assertEquals(1, skipped.exit(), skipped.outText());
    assertTrue(skipped.outText().contains("nothing ran: every selected case was skipped"), skipped.outText());
    assertEquals("0 passed, 0 failed, 2 skipped", skipped.last());

    Run some = run("--endpoint", base, "--fixtures", partial, "--case", "^(source-service-managed|unsigned)$",
        "--report-dir", tmp.toString(), "--surface", "http");
    assertEquals(0, some.exit(), some.outText());
    Run strict = run("--endpoint", base, "--fixtures", partial, "--case", "^(source-service-managed|unsigned)$",
        "--report-dir", tmp.toString(), "--surface", "http", "--fail-on-skip");
    assertEquals(1, strict.exit(), strict.outText());
    assertTrue(strict.outText().contains("--fail-on-skip: 1 surface run(s) skipped"), strict.outText());
  }

  @Test
  void theJsonReportLiesBesideTheOthers() throws Exception {
    Run r = run("--case", "^(unsigned|create-minimal)$", "--report-dir", tmp.toString());
    assertEquals(0, r.exit(), r.outText());
    JsonNode json = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
    assertEquals("tm-conformance-report/1", json.path("format").asText());
    assertEquals(2, json.path("totals").path("passed").asInt());
    assertEquals(Contract.bundled().version(), json.path("contract").asText());
    assertEquals("create-minimal", json.path("cases").get(1).path("id").asText());
    assertEquals("passed", json.path("cases").get(1).path("surfaces").get(0).path("verdict").asText());
    assertTrue(Files.exists(tmp.resolve("junit.xml")) && Files.exists(tmp.resolve("report.md")));
  }

  @Test
  void listCasesAndListRolesPrintAndExit0() {
    Run cases = run("--list-cases", "--case", "^priority-");
    assertEquals(0, cases.exit());
    assertTrue(cases.out().stream().anyMatch(l -> l.startsWith("priority-taken  conflicts  http,client")), cases.outText());
    assertTrue(cases.last().matches("\\d+ cases"), cases.last());

    Run roles = run("--list-roles", "--fixtures", fixture("partial.yaml"));
    assertEquals(0, roles.exit());
    assertTrue(roles.out().stream().anyMatch(l -> l.startsWith("demo:source.ok") && l.contains("eni-bp1fgnh68xyz90001")), roles.outText());
    assertTrue(roles.out().stream().anyMatch(l -> l.startsWith("demo:source.managed") && l.contains("missing")), roles.outText());
  }

  @Test
  void versionNamesTheRunnerAndTheContract() {
    Run r = run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().get(0).startsWith("tm-conformance "), r.outText());
    assertTrue(r.outText().contains("contract " + Contract.bundled().version() + " (openapi.yaml info.version"), r.outText());
  }

  @Test
  void fixturesInitWritesATemplateOfEveryRoleThatTheSchemaAccepts() throws Exception {
    Path file = tmp.resolve("mine.yaml");
    Run r = run("fixtures", "init", "--endpoint", "http://127.0.0.1:8080/", "--output", file.toString());
    assertEquals(0, r.exit(), r.errText());
    String template = Files.readString(file);
    for (String role : FixturesSchema.bundled().roles()) {
      assertTrue(template.contains("#     " + role + ": \"\""), role + " in\n" + template);
    }
    for (String key : FixturesSchema.bundled().accessKeyRoles()) {
      assertTrue(template.contains("  # " + key + ": {accessKey: "), key);
    }
    Fixtures.parse(file.toString(), Files.readAllBytes(file)); // valid as written
    assertMistake(run("fixtures", "init", "--endpoint", "http://127.0.0.1:8080/", "--output", file.toString()), 2, 1, "exists");
    assertMistake(run("fixtures", "init"), 2, 2, "--endpoint");
  }

  /** The schema's role names are exactly the roles the cases ask for (so neither can drift). */
  @Test
  void theSchemaNamesExactlyTheRolesTheCasesUse() {
    Resolver resolver = new Resolver(Contract.bundled(), Fixtures.demo(), "", 0);
    Set<String> roles = new TreeSet<>();
    Set<String> keys = new TreeSet<>();
    CaseSet.bundled().cases().forEach(c -> resolver.needs(c).forEach(n -> {
      if (n.startsWith("accessKey ")) {
        keys.add(n.substring("accessKey ".length()));
      } else if (!n.endsWith(":accountId")) {
        roles.add(n.substring(n.indexOf(':') + 1));
      }
    }));
    assertEquals(roles, new TreeSet<>(FixturesSchema.bundled().roles()));
    assertEquals(keys, new TreeSet<>(FixturesSchema.bundled().accessKeyRoles()));
    Fixtures.demo(); // and the demo fixtures are valid against it (demo() validates)
  }
}
