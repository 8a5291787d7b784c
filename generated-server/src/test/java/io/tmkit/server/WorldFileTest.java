package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** World files: JSON or YAML, quotas from the contract unless set, and inconsistent worlds refused. */
class WorldFileTest {
  private static final String YAML = """
      region: cn-shanghai
      activationDelayMs: 0
      accounts:
        - accountId: '42'
          projects: [default]
          quotas: {TrafficMirrorSourceSession: 1}
          instances: [{instanceId: i-1, instanceType: ecs.g3i.large, supportsTrafficMirror: true}]
          networkInterfaces:
            - {networkInterfaceId: eni-a1, type: Primary, status: InUse, instanceId: i-1}
          clbInstances: [{clbInstanceId: clb-1, status: Active}]
          trafficMirrorTargets:
            - {trafficMirrorTargetId: tmt-c1, instanceType: ClbInstance, instanceId: clb-1, status: Available}
          trafficMirrorFilters: [{trafficMirrorFilterId: tmf-f1, status: Available}]
      """;

  /** The same world in YAML's flow style: it starts with a brace, as JSON does, and is not JSON. */
  private static final String YAML_FLOW = "{region: cn-shanghai, activationDelayMs: 0, accounts: [{accountId: '42',"
      + " projects: [default], quotas: {TrafficMirrorSourceSession: 1},"
      + " instances: [{instanceId: i-1, instanceType: ecs.g3i.large, supportsTrafficMirror: true}],"
      + " networkInterfaces: [{networkInterfaceId: eni-a1, type: Primary, status: InUse, instanceId: i-1}],"
      + " clbInstances: [{clbInstanceId: clb-1, status: Active}],"
      + " trafficMirrorTargets: [{trafficMirrorTargetId: tmt-c1, instanceType: ClbInstance, instanceId: clb-1,"
      + " status: Available}], trafficMirrorFilters: [{trafficMirrorFilterId: tmf-f1, status: Available}]}]}\n";

  @Test
  void aYamlWorldServesRequests(@TempDir Path dir) throws Exception {
    servesTheYamlWorld(dir, YAML);
  }

  @Test
  void aYamlWorldInFlowStyleIsYamlThoughItStartsWithABrace(@TempDir Path dir) throws Exception {
    servesTheYamlWorld(dir, YAML_FLOW);
  }

  private static void servesTheYamlWorld(Path dir, String text) throws Exception {
    Path file = dir.resolve("world.yaml");
    Files.writeString(file, text);
    try (ReferenceServer s = ReferenceServer.start(ServerOptions.builder().port(0).auth(false).world(WorldSource.file(file)).build())) {
      Api api = new Api(s.baseUri());
      Params p = Params.valid().set("NetworkInterfaceId", "eni-a1").set("TrafficMirrorTargetId", "tmt-c1")
          .set("TrafficMirrorFilterId", "tmf-f1");
      Reply first = api.send("GET", p, java.util.Map.of(), null);
      assertEquals(200, first.status(), first::toString);
      assertEquals("cn-shanghai", first.metadata().path("Region").asText());
      Reply second = api.send("GET", p.copy().set("Priority", "2"), java.util.Map.of(), null);
      assertEquals("QuotaExceeded.TrafficMirrorSourceSession", second.code(), "the file's quota of 1");
      assertEquals("Active", s.admin().sessions("42").get(0).status());
    }
  }

  @Test
  void inconsistentWorldsAreRefusedWithAReason() {
    String[] bad = {
        "{\"region\":\"r\",\"accounts\":[{\"accountId\":\"1\",\"quotas\":{\"NoSuchQuota\":1}}]}",
        "{\"region\":\"r\",\"accounts\":[{\"accountId\":\"1\"},{\"accountId\":\"1\"}]}",
        "{\"region\":\"r\",\"accounts\":[{\"accountId\":\"1\",\"networkInterfaces\":[{\"networkInterfaceId\":\"eni-1\",\"type\":\"Primary\",\"status\":\"InUse\",\"instanceId\":\"i-missing\"}]}]}",
        "{\"region\":\"r\",\"accounts\":[{\"accountId\":\"1\",\"typo\":true}]}",
        "{\"accounts\":[{\"accountId\":\"1\"}]}",
        "{\"region\":\"r\",\"accounts\":[]}"};
    for (String world : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ReferenceServer.start(ServerOptions.builder().port(0).world(WorldSource.json(world)).build()).close(), world);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
  }

  @Test
  void theDemoWorldLoadsWithTheContractsQuotaDefaultsWhereItSetsNone() {
    try (ReferenceServer s = ReferenceServer.start(ServerOptions.builder().port(0).build())) {
      assertEquals(Demo.WORLD, s.admin().world());
      assertEquals(14, s.admin().sessions(Demo.account("demo").accountId()).size());
    }
  }
}
