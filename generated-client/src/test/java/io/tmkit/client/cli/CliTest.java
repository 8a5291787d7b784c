package io.tmkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI without a server: its options mirror the contract, its help is written from it. */
class CliTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final String COMMAND = "create-traffic-mirror-session";

  record Run(int exit, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TrafficMirrorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every contract parameter but Action, Version and the indexed tags has one option, named after it. */
  @Test
  void optionsMirrorTheContractsParameters() {
    CommandLine sub = TrafficMirrorCli.commandLine(System.out, System.err, Map.of()).getSubcommands().get(COMMAND);
    List<String> expected = new ArrayList<>();
    for (ParameterRule p : CONTRACT.parameters()) {
      if (p.listItem() == null && p.enumValues().size() != 1) {
        expected.add(p.name());
      }
    }
    List<String> keyed = sub.getCommandSpec().options().stream()
        .map(OptionSpec::descriptionKey)
        .filter(k -> k != null && !k.isEmpty() && CONTRACT.parameter(k).isPresent())
        .toList();
    assertEquals(expected.stream().sorted().toList(), keyed.stream().sorted().toList());
    for (String name : keyed) {
      OptionSpec option = sub.getCommandSpec().options().stream()
          .filter(o -> name.equals(o.descriptionKey())).findFirst().orElseThrow();
      assertEquals("--" + kebab(name), option.longestName(), name);
      assertEquals(CONTRACT.requireParameter(name).required(), option.required(), name + " required as the contract says");
    }
  }

  /** The synopsis shows a required option without brackets and an optional one within them. */
  @Test
  void theSynopsisMarksTheRequiredOptions() {
    String usage = run(Map.of(), COMMAND, "--help").out().replaceAll("\\s+", " ");
    for (ParameterRule p : CONTRACT.parameters()) {
      if (p.listItem() != null || p.enumValues().size() == 1) {
        continue;
      }
      String option = "--" + kebab(p.name()) + "=";
      int at = usage.indexOf(option);
      assertTrue(at > 0, option);
      assertEquals(p.required(), usage.charAt(at - 1) != '[', p.name() + " in " + usage.substring(0, 700));
    }
  }

  @Test
  void theHelpHasNoUnfilledTemplate() {
    String help = run(Map.of(), COMMAND, "--help").out();
    assertFalse(help.contains("%s"), help);
    assertFalse(help.contains("${"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("The request is missing NetworkInterfaceId parameter."),
        "a template filled with its parameter");
  }

  @Test
  void versionNamesTheCliAndTheContract() {
    for (String[] args : List.of(new String[] {"--version"}, new String[] {COMMAND, "--version"})) {
      Run r = run(Map.of(), args);
      assertEquals(0, r.exit());
      assertTrue(r.out().matches("(?s)traffic-mirror-cli \\d+\\.\\d+\\.\\d+\\S*\\R.*"), r.out());
      assertTrue(r.out().contains("contract " + CONTRACT.version()), r.out());
    }
  }

  @Test
  void helpListsEveryOptionWithItsConstraintAndDocumentedErrors() {
    Run help = run(Map.of(), COMMAND, "--help");
    assertEquals(0, help.exit());
    String text = help.out().replaceAll("\\s+", " ");
    for (ParameterRule p : CONTRACT.parameters()) {
      if (p.listItem() != null || p.enumValues().size() == 1) {
        continue;
      }
      assertTrue(text.contains("--" + kebab(p.name())), p.name());
      assertTrue(text.contains(p.required() ? "Required." : "Optional."), p.name());
      for (ErrorRow row : p.errors().values()) {
        assertTrue(text.replace(" ", "").contains(row.code()), p.name() + " help names " + row.code());
      }
      if (p.maximum() != null) {
        assertTrue(text.contains("to " + p.maximum()), p.name() + " help gives its maximum");
      }
    }
    assertTrue(text.contains("--tag"));
    assertTrue(text.contains("up to " + CONTRACT.tagList().maxItems() + " tags"));
  }

  @Test
  void aPriorityThatIsNoNumberEarnsTheContractsAnswerWithoutASend() {
    ErrorRow row = CONTRACT.requireParameter("Priority").errorFor("type");
    Run r = run(Map.of("VOLCENGINE_ACCESS_KEY", "ak", "VOLCENGINE_SECRET_KEY", "sk"), COMMAND,
        "--endpoint", "http://127.0.0.1:9", "--network-interface-id", "eni-a", "--traffic-mirror-target-id", "tmt-a",
        "--traffic-mirror-filter-id", "tmf-a", "--priority", "abc");
    assertEquals(TrafficMirrorCli.EXIT_ERROR_ANSWER, r.exit());
    assertTrue(r.err().contains("Status: " + row.status()), r.err());
    assertTrue(r.err().contains("Code: " + row.code()), r.err());
    assertTrue(r.err().contains("Message: " + row.message()), r.err());
    assertTrue(r.err().contains("RequestId: none"), r.err());
    assertEquals("", r.out());
  }

  /** A missing required option is the CLI's usage error naming the option, not the API's MissingParameter. */
  @Test
  void aMissingRequiredOptionIsAUsageErrorNamingTheOption() {
    Run r = run(Map.of("VOLCENGINE_ACCESS_KEY", "ak", "VOLCENGINE_SECRET_KEY", "sk"), COMMAND,
        "--endpoint", "http://127.0.0.1:9", "--network-interface-id", "eni-a", "--traffic-mirror-target-id", "tmt-a",
        "--traffic-mirror-filter-id", "tmf-a");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--priority"), r.err());
    assertFalse(r.err().contains(CONTRACT.requireParameter("Priority").errorFor("missing").code()), r.err());
    assertEquals(2, r.err().lines().count(), "the error and a hint, not the help: " + r.err());
  }

  @Test
  void withoutCredentialsTheCliSaysSoAndSendsNothing() {
    Run r = run(Map.of(), COMMAND, "--endpoint", "http://127.0.0.1:9", "--priority", "1",
        "--network-interface-id", "eni-a", "--traffic-mirror-target-id", "tmt-a", "--traffic-mirror-filter-id", "tmf-a");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("VOLCENGINE_ACCESS_KEY"), r.err());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run r = run(Map.of(), COMMAND, "--no-such-option");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--no-such-option"), r.err());
    assertEquals(2, r.err().lines().count(), "the error and a hint, not the help: " + r.err());
  }

  @Test
  void noAnswerExitsWithItsOwnCode() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Run r = run(Map.of("VOLCENGINE_ACCESS_KEY", "ak", "VOLCENGINE_SECRET_KEY", "sk"), COMMAND,
        "--endpoint", "http://127.0.0.1:" + closedPort, "--max-attempts", "1",
        "--network-interface-id", "eni-a", "--traffic-mirror-target-id", "tmt-a",
        "--traffic-mirror-filter-id", "tmf-a", "--priority", "1");
    assertEquals(TrafficMirrorCli.EXIT_NO_ANSWER, r.exit(), r.err());
  }

  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
