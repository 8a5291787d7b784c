package io.tmkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.contract.signing.AuthorizationHeader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint, region and each credential field are resolved on their own: the flag, then the
 * environment variable, then the profile. Each field is taken from a different place in one run, so a
 * resolver that picks one source for all (as the CLI once did: one credential flag discarded both
 * variables) fails.
 */
class SettingsResolutionTest {
  private static final String DEFAULT_ENDPOINT = ContractHelp.defaultEndpoint(io.tmkit.contract.Contract.bundled());

  @TempDir
  Path home;

  private Path profileFile(String content) throws IOException {
    Path dir = Files.createDirectories(home.resolve(".volcengine"));
    return Files.writeString(dir.resolve("config.json"), content);
  }

  private static final String FULL_PROFILE = "{\"current\": \"work\", \"profiles\": {"
      + "\"work\": {\"name\": \"work\", \"mode\": \"ak\", \"access-key\": \"AK-profile\", \"secret-key\": \"SK-profile\","
      + " \"session-token\": \"TOKEN-profile\", \"region\": \"cn-shanghai\", \"endpoint\": \"profile.example\","
      + " \"disable-ssl\": true},"
      + "\"other\": {\"access-key\": \"AK-other\", \"secret-key\": \"SK-other\", \"region\": \"ap-southeast-1\"}}}";

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Settings.Flags flags() {
    return new Settings.Flags(null, null, null, null, null, null, null);
  }

  private Settings.Resolved resolve(Map<String, String> env, Settings.Flags flags) {
    return new Settings(env, DEFAULT_ENDPOINT).resolve(flags);
  }

  @Test
  void theProfileAloneGivesEveryField() throws IOException {
    profileFile(FULL_PROFILE);
    Settings.Resolved r = resolve(env(), flags());
    assertEquals(URI.create("http://profile.example"), r.endpoint(), "a bare host, http since disable-ssl is true");
    assertEquals("cn-shanghai", r.region().value());
    assertEquals("AK-profile", r.accessKey().value());
    assertEquals("SK-profile", r.secretKey().value());
    assertEquals("TOKEN-profile", r.sessionToken().value());
    assertTrue(r.accessKey().source().contains("profile 'work'"), r.accessKey().source());
    assertTrue(r.notes().isEmpty(), "no default used, nothing to say: " + r.notes());
  }

  @Test
  void eachFieldTakesTheFlagThenTheVariableThenTheProfile() throws IOException {
    profileFile(FULL_PROFILE);
    // access key: flag beats variable and profile; secret key: variable beats profile; token: profile;
    // region: variable; endpoint: flag.
    Map<String, String> env = env("VOLCENGINE_ACCESS_KEY", "AK-env", "VOLCENGINE_SECRET_KEY", "SK-env",
        "VOLCENGINE_REGION", "cn-guangzhou", "VOLCENGINE_ENDPOINT", "http://env.example:8080");
    Settings.Resolved r = resolve(env, new Settings.Flags("http://127.0.0.1:1234", null, "AK-flag", null, null, null, null));
    assertEquals(URI.create("http://127.0.0.1:1234"), r.endpoint());
    assertEquals("--endpoint", r.endpointSetting().source());
    assertEquals("cn-guangzhou", r.region().value());
    assertEquals("VOLCENGINE_REGION", r.region().source());
    assertEquals("AK-flag", r.accessKey().value());
    assertEquals("SK-env", r.secretKey().value());
    assertEquals("VOLCENGINE_SECRET_KEY", r.secretKey().source());
    assertEquals("TOKEN-profile", r.sessionToken().value());

    // Without the flag, the variable; a blank variable counts as unset.
    Settings.Resolved r2 = resolve(env("VOLCENGINE_ACCESS_KEY", "AK-env", "VOLCENGINE_SECRET_KEY", " ",
        "VOLCENGINE_ENDPOINT", "http://env.example:8080"), flags());
    assertEquals("AK-env", r2.accessKey().value());
    assertEquals("SK-profile", r2.secretKey().value());
    assertEquals(URI.create("http://env.example:8080"), r2.endpoint());
    assertEquals("cn-shanghai", r2.region().value());

    // Every field's flag beats its variable (and the profile).
    Settings.Resolved r3 = resolve(env, new Settings.Flags("http://flag.example", "cn-flag", "AK-flag", "SK-flag",
        "TOKEN-flag", null, null));
    assertEquals(java.util.List.of("http://flag.example", "cn-flag", "AK-flag", "SK-flag", "TOKEN-flag"),
        java.util.List.of(r3.endpoint().toString(), r3.region().value(), r3.accessKey().value(), r3.secretKey().value(),
            r3.sessionToken().value()));
  }

  @Test
  void theProfileIsTheFlagsThenTheVariablesThenTheFilesCurrent() throws IOException {
    profileFile(FULL_PROFILE);
    assertEquals("AK-other", resolve(env(), new Settings.Flags(null, null, null, null, null, "other", null))
        .accessKey().value());
    assertEquals("AK-other", resolve(env("VOLCENGINE_PROFILE", "other"), flags()).accessKey().value());
    assertEquals("AK-profile", resolve(env("VOLCENGINE_PROFILE", "other"),
        new Settings.Flags(null, null, null, null, null, "work", null)).accessKey().value());
    assertNull(resolve(env("VOLCENGINE_PROFILE", "other"), flags()).sessionToken().value(),
        "the token is not borrowed from another profile");
  }

  @Test
  void withoutCurrentTheDefaultProfileIsUsedAndAnotherFileCanBeNamed() throws IOException {
    profileFile("{\"profiles\": {\"default\": {\"access-key\": \"AK-d\", \"secret-key\": \"SK-d\"}}}");
    assertEquals("AK-d", resolve(env(), flags()).accessKey().value());
    Path elsewhere = Files.writeString(home.resolve("other.json"),
        "{\"profiles\": {\"default\": {\"access-key\": \"AK-e\", \"secret-key\": \"SK-e\"}}}");
    assertEquals("AK-e", resolve(env("VOLCENGINE_CLI_CONFIG_FILE", elsewhere.toString()), flags()).accessKey().value());
    assertEquals("AK-d", resolve(env("VOLCENGINE_CLI_CONFIG_FILE", elsewhere.toString()),
        new Settings.Flags(null, null, null, null, null, null, home.resolve(".volcengine/config.json").toString()))
        .accessKey().value(), "--config-file beats the variable");
  }

  @Test
  void noEndpointAnywhereUsesTheContractsServerAndSaysSo() {
    Settings.Resolved r = resolve(env("VOLCENGINE_ACCESS_KEY", "a", "VOLCENGINE_SECRET_KEY", "b"), flags());
    assertEquals(URI.create(DEFAULT_ENDPOINT), r.endpoint());
    assertEquals(1, r.notes().size());
    assertTrue(r.notes().get(0).contains(DEFAULT_ENDPOINT) && r.notes().get(0).contains("VOLCENGINE_ENDPOINT"), r.notes().toString());
  }

  /** The same order end to end: what --dry-run prints shows the URL, key and region that were used. */
  @Test
  void theCliSignsWithTheResolvedFields() throws IOException {
    profileFile(FULL_PROFILE);
    CliRun r = CliRun.run(env("VOLCENGINE_ACCESS_KEY", "AK-env", "VOLCENGINE_REGION", "cn-guangzhou"),
        CliRun.create("--dry-run", "--endpoint", "http://127.0.0.1:9"));
    assertEquals(0, r.exit(), r.err());
    JsonNode printed = new ObjectMapper().readTree(r.out());
    assertTrue(printed.path("Url").asText().startsWith("http://127.0.0.1:9/?"), r.out());
    AuthorizationHeader auth = AuthorizationHeader.parse(printed.path("Headers").path("Authorization").asText()).orElseThrow();
    assertEquals("AK-env", auth.accessKey());
    assertEquals("cn-guangzhou", auth.region());
    assertEquals("<redacted>", printed.path("Headers").path("X-Security-Token").asText(), "the profile's token, redacted");
    assertEquals("", r.err(), "an endpoint was given: nothing to note");
  }

  @Test
  void theCliNamesTheDefaultEndpointOnStderr() {
    CliRun r = CliRun.run(Map.of("VOLCENGINE_ACCESS_KEY", "a", "VOLCENGINE_SECRET_KEY", "b"), CliRun.create("--dry-run"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(DEFAULT_ENDPOINT), r.err());
    assertTrue(r.out().contains(DEFAULT_ENDPOINT), r.out());
  }
}
