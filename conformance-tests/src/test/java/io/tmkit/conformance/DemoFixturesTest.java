package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import io.tmkit.conformance.fixtures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code fixtures/demo.yaml} says what the demo world holds; this checks it against the server's own
 * files, so that a role cannot point at an ID the world does not have (or an "unknown" one it has).
 */
class DemoFixturesTest {
  private static final Fixtures DEMO = Fixtures.demo();

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = DemoFixturesTest.class.getClassLoader().getResourceAsStream("io/tmkit/server/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /**
   * The same file in YAML's flow style (keys unquoted, so not JSON, though it starts with a brace, as
   * JSON does) is read as YAML and says the same.
   */
  @Test
  void theDemoFixturesInYamlFlowStyleReadTheSame() throws IOException {
    JsonNode tree;
    try (InputStream in = DemoFixturesTest.class.getClassLoader().getResourceAsStream(Fixtures.DEMO_RESOURCE)) {
      tree = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    String flow = new ObjectMapper().writeValueAsString(tree).replaceAll("\"([A-Za-z][A-Za-z0-9.]*)\":", "$1: ");
    assertTrue(flow.startsWith("{description: "), flow);
    Fixtures read = Fixtures.parse("flow.yaml", flow.getBytes(StandardCharsets.UTF_8));
    assertEquals(DEMO.accessKeys(), read.accessKeys());
    assertEquals(DEMO.roles(), read.roles());
    assertEquals(DEMO.accountIds(), read.accountIds());
    assertEquals(DEMO.region(), read.region());
  }

  @Test
  void everyKeyPairIsADemoCredentialOfItsAccount() throws IOException {
    JsonNode credentials = resource("demo-credentials.json").path("credentials");
    for (AccessKeyFixture key : DEMO.accessKeys().values()) {
      JsonNode match = null;
      for (JsonNode c : credentials) {
        if (c.path("accessKey").asText().equals(key.accessKey())) {
          match = c;
        }
      }
      assertTrue(match != null, key + " is not a demo credential");
      assertEquals(match.path("secretKey").asText(), key.secretKey(), key.role());
      assertEquals(match.path("accountId").asText(), DEMO.accountId(key.account()).orElseThrow(), key.role());
    }
  }

  @Test
  void everyIdIsInItsAccountAndEveryUnknownIdIsNot() throws IOException {
    JsonNode world = resource("demo-world.json");
    Set<String> allIds = new HashSet<>();
    world.path("accounts").forEach(a -> allIds.addAll(ids(a)));
    int checked = 0;
    for (Map.Entry<String, Map<String, String>> account : DEMO.roles().entrySet()) {
      String accountId = DEMO.accountId(account.getKey()).orElseThrow();
      JsonNode node = null;
      for (JsonNode a : world.path("accounts")) {
        if (a.path("accountId").asText().equals(accountId)) {
          node = a;
        }
      }
      assertTrue(node != null, "no account " + accountId + " in the demo world");
      Set<String> ids = ids(node);
      for (Map.Entry<String, String> role : account.getValue().entrySet()) {
        String value = role.getValue();
        if (!value.matches("(eni|tmt|tmf)-.*") && !role.getKey().startsWith("project.")) {
          continue;
        }
        checked++;
        if (role.getKey().endsWith(".unknown")) {
          assertFalse(allIds.contains(value), role.getKey() + " " + value + " exists in the demo world");
        } else {
          assertTrue(ids.contains(value), role.getKey() + " " + value + " is not in account " + accountId);
        }
      }
    }
    assertTrue(checked > 40, "only " + checked + " roles checked");
  }

  private static Set<String> ids(JsonNode account) {
    Set<String> ids = new HashSet<>();
    account.path("networkInterfaces").forEach(n -> ids.add(n.path("networkInterfaceId").asText()));
    account.path("trafficMirrorTargets").forEach(n -> ids.add(n.path("trafficMirrorTargetId").asText()));
    account.path("trafficMirrorFilters").forEach(n -> ids.add(n.path("trafficMirrorFilterId").asText()));
    account.path("projects").forEach(n -> ids.add(n.asText()));
    return ids;
  }
}
