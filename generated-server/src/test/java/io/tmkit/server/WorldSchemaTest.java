package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.contract.Contract;
import io.tmkit.server.world.DocumentSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * world.schema.json: its tables are the contract's, every committed world file passes it, and a
 * mistake is reported at the line and column of the offending value.
 */
class WorldSchemaTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final JsonNode SCHEMA = read(DocumentSchema.world().text());

  @Test
  void quotaNamesAreTheContractsQuotas() {
    assertEquals(new TreeSet<>(CONTRACT.quotaDefaults().keySet()), enumOf("quotaName"),
        "world.schema.json $defs.quotaName must list the keys of the contract's x-quota-defaults");
  }

  @Test
  void faultCodesAreTheContractsCodesWithOneRow() {
    Set<String> expected = CONTRACT.errors().codes().stream()
        .filter(code -> CONTRACT.errors().byCode(code).size() == 1).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, enumOf("faultCode"), () -> "world.schema.json $defs.faultCode.enum must be the codes the"
        + " contract documents with one row (the server answers a fault with that row): "
        + expected.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")));
  }

  @Test
  void sessionBoundsAreThoseOfTheRequestParametersOfTheSameName() {
    JsonNode properties = SCHEMA.path("$defs").path("session").path("properties");
    List<String> compared = new ArrayList<>();
    properties.fieldNames().forEachRemaining(field -> {
      if (Set.of("trafficMirrorSessionId", "networkInterfaceId", "trafficMirrorTargetId", "trafficMirrorFilterId",
          "projectName").contains(field)) {
        return; // the session's ID and its references to the world's resources and projects, which the world names
      }
      String parameter = Character.toUpperCase(field.charAt(0)) + field.substring(1);
      CONTRACT.parameter(parameter).ifPresent(rule -> {
        JsonNode p = properties.path(field);
        assertBound(rule.minimum(), p.path("minimum"), field + ".minimum");
        assertBound(rule.maximum(), p.path("maximum"), field + ".maximum");
        assertBound(rule.maxLength() == null ? null : rule.maxLength().longValue(), p.path("maxLength"), field + ".maxLength");
        compared.add(field);
      });
    });
    assertEquals(List.of("trafficMirrorSessionName", "description", "priority", "virtualNetworkId", "packetLength"), compared,
        "the session fields that mirror a request parameter");
    assertEquals(CONTRACT.tagList().maxItems(), properties.path("tags").path("maxItems").asInt(), "tags.maxItems");
  }

  private static void assertBound(Long contract, JsonNode schema, String what) {
    if (contract == null) {
      assertTrue(schema.isMissingNode(), what + " has no bound in the contract");
    } else {
      assertEquals(contract.longValue(), schema.asLong(), what + " is the contract's");
    }
  }

  /** Every world file in the repository (by name) passes the schema and loads. */
  @Test
  void everyCommittedWorldFileValidates() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> worlds = new ArrayList<>();
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        // Built and installed trees, and the user-mistakes suite's worlds, which are wrong on purpose.
        boolean skip = !dir.equals(root) && (name.equals("target") || name.equals("node_modules")
            || name.startsWith(".") || name.equals("user-mistakes"));
        return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
        String name = file.getFileName().toString();
        if (name.matches("(?i).*world.*\\.(json|ya?ml)") && !name.endsWith(".schema.json")) {
          worlds.add(file);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    worlds.sort(null);
    List<String> names = worlds.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
    assertTrue(names.contains("generated-server/src/main/resources/io/tmkit/server/demo-world.json"), names::toString);
    assertTrue(names.contains("conformance-tests/schemathesis/world.yaml"), names::toString);
    for (Path world : worlds) {
      DocumentSchema.world().check(Files.readAllBytes(world), world.toString());
      new io.tmkit.server.domain.World(WorldSource.file(world).read(), CONTRACT.quotaDefaults());
    }
  }

  @Test
  void anUnknownEnumValueIsRefusedAtItsLineAndColumn() {
    String yaml = """
        region: cn-beijing
        accounts:
          - accountId: '1'
            networkInterfaces:
              - {networkInterfaceId: eni-1, type: Primry, status: InUse}
        """;
    String message = refused(yaml, "w.yaml");
    assertTrue(message.startsWith("w.yaml:5:43: "), message);
    assertTrue(message.contains("/accounts/0/networkInterfaces/0/type"), message);
    assertTrue(message.contains("Primary"), "names the values allowed: " + message);
  }

  @Test
  void anUnknownKeyIsRefusedAtItsValue() {
    String json = "{\"region\": \"r\",\n \"accounts\": [{\"accountId\": \"1\",\n   \"quotaz\": {}}]}";
    String message = refused(json, "w.json");
    assertTrue(message.startsWith("w.json:3:14: "), message);
    assertTrue(message.contains("quotaz"), message);
  }

  @Test
  void aQuotaTheContractDoesNotNameIsRefused() {
    String message = refused("{\"region\":\"r\",\"accounts\":[{\"accountId\":\"1\",\"quotas\":{\"NoSuchQuota\":1}}]}", "q.json");
    assertTrue(message.startsWith("q.json:1:"), message);
    assertTrue(message.contains("NoSuchQuota"), message);
  }

  @Test
  void malformedDocumentsNameTheirLineAndColumn() {
    String json = refused("{\"region\": \"r\",\n \"accounts\": [\n", "bad.json");
    assertTrue(json.startsWith("bad.json:3:1: not well-formed JSON: "), json);
    assertEquals(1, json.lines().count(), json);
    String yaml = refused("region: r\naccounts:\n  - accountId: [1\n", "bad.yaml");
    assertTrue(yaml.matches("bad\\.yaml:\\d+:\\d+: not well-formed YAML: .*"), yaml);
    assertEquals(1, yaml.lines().count(), yaml);
    assertTrue(refused("  \n", "empty.yaml").startsWith("empty.yaml: the file is empty"));
    assertTrue(refused("just text\n", "scalar.yaml").startsWith("scalar.yaml:1:1: "));
  }

  @Test
  void countsTheOtherProblems() {
    String message = refused("{\"region\": 1, \"accounts\": [{\"accountId\": \"\"}], \"x\": 2}", "many.json");
    assertTrue(message.contains("(and 2 more)"), message);
  }

  /** The server binds the embedded demo files without the check (start-up time): this is their check. */
  @Test
  void theEmbeddedDemoFilesValidate() {
    DocumentSchema.world().check(WorldSource.resource(WorldSource.DEMO_RESOURCE), "demo world");
    DocumentSchema.credentials().check(WorldSource.resource(CredentialsSource.DEMO_RESOURCE), "demo credentials");
  }

  @Test
  void aMalformedCredentialsFileIsRefusedAtItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DocumentSchema.credentials().check("{\"credentials\": [\n {\"accesKey\": \"x\"}]}".getBytes(), "c.json"));
    assertTrue(e.getMessage().startsWith("c.json:2:"), e.getMessage());
  }

  private static String refused(String document, String label) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DocumentSchema.world().check(document.getBytes(java.nio.charset.StandardCharsets.UTF_8), label));
    return e.getMessage();
  }

  private static Set<String> enumOf(String def) {
    Set<String> values = new TreeSet<>();
    SCHEMA.path("$defs").path(def).path("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  private static JsonNode read(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
