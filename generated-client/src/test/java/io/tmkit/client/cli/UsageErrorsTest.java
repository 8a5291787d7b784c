package io.tmkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user mistake is a usage error: exit 2, the error and a one-line hint on stderr (never the help,
 * never a stack trace), nothing on stdout, and the message names what the user typed (the CLI option or
 * variable, not a wire parameter). Nothing listens on the endpoint: a mistake must be caught before a
 * send.
 */
class UsageErrorsTest {
  @TempDir
  static Path dir;

  static Path file(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final Map<String, String> KEYS = Map.of("VOLCENGINE_ACCESS_KEY", "AKLTtest", "VOLCENGINE_SECRET_KEY", "c2VjcmV0");

  static Stream<Arguments> mistakes() {
    String endpoint = "http://127.0.0.1:9";
    Path notJson = file("not-json.json", "{\"profiles\": {\n  \"a\": {\"region\": \"cn-beijing\",,}\n}}\n");
    Path wrongType = file("wrong-type.json", "{\"profiles\": {\"a\": {\"access-key\": 42}}}");
    Path sso = file("sso.json", "{\"profiles\": {\"s\": {\"mode\": \"sso\"}}}");
    Path good = file("good.json", "{\"current\": \"a\", \"profiles\": {\"a\": {\"access-key\": \"AK\", \"secret-key\": \"SK\"}}}");
    Path list = file("list.json", "[]");
    return Stream.of(
        Arguments.of("endpoint not a URL", KEYS, CliRun.create("--endpoint", "not a url"), "--endpoint 'not a url'"),
        Arguments.of("ftp endpoint", KEYS, CliRun.create("--endpoint", "ftp://x"), "scheme 'ftp'"),
        Arguments.of("endpoint with a path", KEYS, CliRun.create("--endpoint", "http://h/x"), "no path"),
        Arguments.of("bad VOLCENGINE_ENDPOINT", with(KEYS, "VOLCENGINE_ENDPOINT", "http://"), CliRun.create(), "VOLCENGINE_ENDPOINT"),
        Arguments.of("bad region", KEYS, CliRun.create("--endpoint", endpoint, "--region", "cn/beijing"), "--region 'cn/beijing'"),
        Arguments.of("empty flag", KEYS, CliRun.create("--endpoint", endpoint, "--region", ""), "--region is empty"),
        Arguments.of("zero attempts", KEYS, CliRun.create("--endpoint", endpoint, "--max-attempts", "0"), "--max-attempts 0"),
        Arguments.of("attempts not a number", KEYS, CliRun.create("--max-attempts", "many"), "--max-attempts"),
        Arguments.of("zero timeout", KEYS, CliRun.create("--connect-timeout-ms", "0"), "--connect-timeout-ms 0"),
        Arguments.of("unknown output", KEYS, CliRun.create("--output", "yaml"), "--output"),
        Arguments.of("unknown option", KEYS, CliRun.create("--no-such-option"), "--no-such-option"),
        Arguments.of("typo of an option, required ones missing too", KEYS,
            new String[] {CliRun.COMMAND, "--prio", "7"}, "--prio"),
        Arguments.of("missing required option", KEYS,
            new String[] {CliRun.COMMAND, "--endpoint", endpoint, "--network-interface-id", "eni-a",
                "--traffic-mirror-target-id", "tmt-a", "--traffic-mirror-filter-id", "tmf-a"}, "'--priority=N'"),
        Arguments.of("no command", KEYS, new String[0], "Missing command"),
        Arguments.of("unknown command", KEYS, new String[] {"describe-sessions"}, "describe-sessions"),
        Arguments.of("no credentials", Map.of(), CliRun.create("--endpoint", endpoint), "no credentials"),
        Arguments.of("secret key alone", Map.of("VOLCENGINE_SECRET_KEY", "x"), CliRun.create("--endpoint", endpoint), "no access key"),
        Arguments.of("profile file missing", KEYS, CliRun.create("--config-file", dir.resolve("none.json").toString()), "does not exist"),
        Arguments.of("profile file a directory", KEYS, CliRun.create("--config-file", dir.toString()), "is a directory"),
        Arguments.of("profile file not JSON", KEYS, CliRun.create("--config-file", notJson.toString()), "not-json.json:2:"),
        Arguments.of("profile file a list", KEYS, CliRun.create("--config-file", list.toString()), "JSON object"),
        Arguments.of("profile field of the wrong type", KEYS,
            CliRun.create("--config-file", wrongType.toString(), "--profile", "a"), "\"access-key\" must be a string"),
        Arguments.of("profile not in the file", KEYS, CliRun.create("--config-file", good.toString(), "--profile", "b"),
            "profile 'b'"),
        Arguments.of("profile of another mode", KEYS, CliRun.create("--config-file", sso.toString(), "--profile", "s"),
            "mode 'sso'"),
        Arguments.of("profile file from the variable, missing", with(KEYS, "VOLCENGINE_CLI_CONFIG_FILE",
            dir.resolve("gone.json").toString()), CliRun.create(), "VOLCENGINE_CLI_CONFIG_FILE"),
        Arguments.of("a profile named, no file at all", with(KEYS, "HOME", dir.resolve("nohome").toString()),
            CliRun.create("--profile", "p"), "profile 'p'"),
        Arguments.of("VOLCENGINE_DISABLE_SSL not a boolean", with(KEYS, "VOLCENGINE_DISABLE_SSL", "yes"),
            CliRun.create("--endpoint", "h:1"), "VOLCENGINE_DISABLE_SSL"));
  }

  static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> out = new HashMap<>(env);
    out.put(name, value);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeIsOneLineAndAHint(String why, Map<String, String> env, String[] args, String named) throws IOException {
    try (ServerSocket nothingListens = new ServerSocket(0)) {
      CliRun r = CliRun.run(env, args);
      assertEquals(2, r.exit(), why + ": " + r.err());
      assertFalse(r.hasStackTrace(), r.err());
      List<String> lines = r.errLines();
      assertEquals(2, lines.size(), why + ": the error and a hint: " + r.err());
      assertTrue(lines.get(0).contains(named), why + ": names " + named + ": " + lines.get(0));
      assertFalse(lines.get(0).contains("%s"), lines.get(0));
      assertEquals("", r.out(), "nothing on stdout");
    }
  }

  @Test
  void aParseErrorHintsAtTheHelpAndTheNearestOption() {
    CliRun r = CliRun.run(KEYS, CliRun.create("--prioriti", "3"));
    assertEquals(2, r.exit());
    assertTrue(r.errLines().get(1).contains("--help"), r.err());
    assertTrue(r.errLines().get(1).contains("--priority"), r.err());
  }
}
