package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented row, triggered through HTTP by a request against the demo world. The scenarios are
 * the test data; two tests fail if a row of the catalog (seed or common) has no scenario.
 */
class ErrorRowsTest extends ServerTest {
  private static final ErrorCatalog CATALOG = CONTRACT.errors();

  /** A request that earns {@code row}; {@code args} fill the message's placeholders (empty: any fill). */
  record Scenario(String name, ErrorRow row, List<String> args, Function<Api, Reply> request) {
    @Override
    public String toString() {
      return name + " -> " + row.code();
    }
  }

  private static Scenario demo(String name, ErrorRow row, Params params) {
    return new Scenario(name, row, List.of(), api -> api.get(params));
  }

  private static Scenario account(String accountName, ErrorRow row) {
    return new Scenario("account " + accountName, row, List.of(), api -> api.get(Demo.key(accountName), Demo.validFor(accountName)));
  }

  private static ErrorRow row(String code) {
    return CATALOG.only(code);
  }

  private static ErrorRow row(String code, String fragment) {
    return CATALOG.rowContaining(code, fragment);
  }

  private static Params with(String name, String value) {
    return Params.valid().set(name, value);
  }

  static List<Scenario> scenarios() {
    Credentials demoKey = Demo.key("demo");
    List<Scenario> s = new ArrayList<>();
    // --- the 38 rows of the documentation page ---
    s.add(new Scenario("same token, other parameters", row("IdempotentParameterMismatch"), List.of(), api -> {
      assertEquals(200, api.get(with("ClientToken", "token-mismatch").set("Priority", "7")).status());
      return api.get(with("ClientToken", "token-mismatch").set("Priority", "8"));
    }));
    s.add(new Scenario("same token while the first is in process (slow account)", row("IdempotentProcessing"), List.of(), api -> {
      Params p = Demo.validFor("slow").set("ClientToken", "token-slow");
      CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> api.get(Demo.key("slow"), p));
      sleep(Duration.ofMillis(400));
      Reply second = api.get(Demo.key("slow"), p);
      assertEquals(200, first.join().status(), "the first request completes");
      return second;
    }));
    s.add(demo("description of 256 characters", row("InvalidDescription.Malformed", "255"), with("Description", "d".repeat(256))));
    s.add(demo("description starting with '-'", Contract.bundled().requireParameter("Description").errorFor("pattern"),
        with("Description", "-not-a-start")));
    s.add(demo("secondary ENI not attached", row("InvalidEni.InstanceMismatch"), with("NetworkInterfaceId", "eni-detached0001")));
    s.add(demo("ENI attaching", row("InvalidEni.InvalidStatus"), with("NetworkInterfaceId", "eni-attaching0001")));
    s.add(demo("trunk ENI", row("InvalidEni.InvalidType"), with("NetworkInterfaceId", "eni-trunk0001")));
    s.add(demo("instance without mirroring", row("InvalidInstanceSpecification.Malformed"), with("NetworkInterfaceId", "eni-nomirror0001")));
    s.add(demo("name starting with '_'", Contract.bundled().requireParameter("TrafficMirrorSessionName").errorFor("pattern"),
        with("TrafficMirrorSessionName", "_name")));
    s.add(demo("empty name", Contract.bundled().requireParameter("TrafficMirrorSessionName").errorFor("pattern"),
        with("TrafficMirrorSessionName", "")));
    s.add(demo("name of 129 characters", row("InvalidName.Malformed", "128"), with("TrafficMirrorSessionName", "n".repeat(129))));
    s.add(demo("packet length 63", row("InvalidPacketLength.Malformed"), with("PacketLength", "63")));
    s.add(demo("packet length 9601", row("InvalidPacketLength.Malformed"), with("PacketLength", "9601")));
    s.add(demo("client token of 65 characters", row("InvalidParameter.ClientTokenMalformed"), with("ClientToken", "t".repeat(65))));
    s.add(demo("client token with a space", row("InvalidParameter.ClientTokenMalformed"), with("ClientToken", "a b")));
    s.add(demo("source is a target's ENI", row("InvalidParameter.NetworkInterfaceId"), with("NetworkInterfaceId", "eni-tgt0001")));
    s.add(demo("priority 0", row("InvalidPriority.Malformed"), with("Priority", "0")));
    s.add(demo("priority 32767", row("InvalidPriority.Malformed"), with("Priority", "32767")));
    s.add(demo("priority abc", row("InvalidPriority.Malformed"), with("Priority", "abc")));
    s.add(demo("priority beyond 64 bits", row("InvalidPriority.Malformed"), with("Priority", "99999999999999999999999")));
    s.add(demo("tag index 2 without 1", row("InvalidTag.Disorder"), with("Tags.2.Key", "k")));
    s.add(demo("tag index with a leading zero", row("InvalidTag.Disorder"), with("Tags.01.Key", "k")));
    s.add(demo("reserved tag key prefix", row("InvalidTagKey.Malformed"), with("Tags.1.Key", "volc:owner")));
    s.add(demo("tag value without key", row("InvalidTagKey.Malformed"), with("Tags.1.Value", "v")));
    s.add(demo("duplicate tag key", row("InvalidTagKey.Malformed"), with("Tags.1.Key", "k").add("Tags.2.Key", "k")));
    s.add(demo("tag value of 257 characters", row("InvalidTagValue.Malformed"),
        with("Tags.1.Key", "k").add("Tags.1.Value", "v".repeat(257))));
    s.add(demo("filter being created", row("InvalidTrafficMirrorFilter.InvalidStatus"), with("TrafficMirrorFilterId", "tmf-creating0001")));
    s.add(demo("target on a stopped CLB", row("InvalidTrafficMirrorTarget.InvalidInstance"), with("TrafficMirrorTargetId", "tmt-clbdown0001")));
    s.add(demo("target on a detaching ENI", row("InvalidTrafficMirrorTarget.InvalidInstance"), with("TrafficMirrorTargetId", "tmt-enidown0001")));
    s.add(demo("target being created", row("InvalidTrafficMirrorTarget.InvalidStatus"), with("TrafficMirrorTargetId", "tmt-creating0001")));
    s.add(demo("VNI 16777216", row("InvalidVirtualNetworkId.Malformed"), with("VirtualNetworkId", "16777216")));
    s.add(demo("VNI -1", row("InvalidVirtualNetworkId.Malformed"), with("VirtualNetworkId", "-1")));
    s.add(demo("tag index 21", row("LimitExceeded.Tags"), with("Tags.21.Key", "k")));
    s.add(account("orderfail", row("OrderError")));
    s.add(demo("filter at its quota", row("QuotaExceeded.TrafficMirrorFilterSession"), with("TrafficMirrorFilterId", "tmf-fullflt0001")));
    s.add(account("quotafull", row("QuotaExceeded.TrafficMirrorSession")));
    s.add(demo("source at its quota", row("QuotaExceeded.TrafficMirrorSourceSession"), with("NetworkInterfaceId", "eni-busysrc0001")));
    s.add(demo("target at its session quota", row("QuotaExceeded.TrafficMirrorTargetSession"), with("TrafficMirrorTargetId", "tmt-fulltgt0001")));
    s.add(demo("target at its source quota", row("QuotaExceeded.TrafficMirrorTargetSource"), with("TrafficMirrorTargetId", "tmt-manysrc0001")));
    s.add(account("arrears", row("UnsupportedOperation", "arrears")));
    s.add(account("lowbalance", row("UnsupportedOperation", "balance")));
    s.add(demo("service-managed ENI", row("Forbidden"), with("NetworkInterfaceId", "eni-managed0001")));
    s.add(account("nopurchase", row("Forbidden.PurchaseLimited")));
    s.add(demo("target's ENI is gone", row("InvalidEniId.NotFound"), with("TrafficMirrorTargetId", "tmt-orphan0001")));
    s.add(demo("unknown source", row("InvalidNetworkInterfaceId.NotFound"), with("NetworkInterfaceId", "eni-nosuch0001")));
    s.add(demo("source not of ID form", row("InvalidNetworkInterfaceId.NotFound"), with("NetworkInterfaceId", "ENI-UPPER")));
    s.add(demo("unknown project", row("InvalidProject.NotFound"), with("ProjectName", "nosuchproject")));
    s.add(demo("empty project", row("InvalidProject.NotFound"), with("ProjectName", "")));
    s.add(demo("unknown filter", row("InvalidTrafficMirrorFilter.NotFound"), with("TrafficMirrorFilterId", "tmf-nosuch0001")));
    s.add(demo("unknown target", row("InvalidTrafficMirrorTarget.NotFound"), with("TrafficMirrorTargetId", "tmt-nosuch0001")));
    s.add(demo("priority 100 taken", row("InvalidTrafficMirrorSessionPriority.Conflict"), with("Priority", "100")));
    // --- common errors ---
    s.add(new Scenario("Priority missing", row("MissingParameter"), List.of("Priority"), api -> api.get(Params.valid().remove("Priority"))));
    s.add(new Scenario("Action missing", row("MissingParameter"), List.of("Action"), api -> api.get(Params.valid().remove("Action"))));
    s.add(new Scenario("misspelt parameter", row("InvalidParameter", "not recognized"), List.of("Prioirty"),
        api -> api.get(Params.valid().add("Prioirty", "1"))));
    s.add(new Scenario("repeated parameter", row("InvalidParameter", "more than once"), List.of("Priority"),
        api -> api.get(Params.valid().add("Priority", "2"))));
    s.add(new Scenario("bad escape", row("InvalidParameter", "malformed"), List.of(),
        api -> api.raw(("GET /?" + QueryPairs.encode(Params.valid().pairs()) + "&Description=%zz").getBytes(StandardCharsets.US_ASCII))));
    s.add(new Scenario("request line with a raw space", row("InvalidParameter", "well-formed HTTP"), List.of(),
        api -> api.raw(("GET /?" + QueryPairs.encode(Params.valid().pairs()) + " x").getBytes(StandardCharsets.US_ASCII))));
    s.add(new Scenario("query string over the limit", row("InvalidParameter", "exceeds"), List.of(), api -> api.get(
        with("Description", "d".repeat(CONTRACT.limits().maxQueryStringBytes())))));
    s.add(new Scenario("unknown action", row("InvalidActionOrVersion"), List.of("CreateTrafficMirrorSessions", "2020-04-01"),
        api -> api.get(with("Action", "CreateTrafficMirrorSessions"))));
    s.add(new Scenario("DELETE", row("MethodNotAllowed"), List.of("DELETE"), api -> api.send("DELETE", Params.valid(), Map.of(), null)));
    s.add(new Scenario("no Authorization", row("MissingAuthenticationToken"), List.of(), api -> api.send("GET", Params.valid(), Map.of(), null)));
    s.add(new Scenario("no X-Date", row("MissingRequestInfo"), List.of(), api -> {
      Map<String, String> h = api.signedHeaders(demoKey, "GET", Params.valid().pairs(), new byte[0], Instant.now(), Api.SERVICE);
      h.remove(CONTRACT.signing().dateHeader());
      return api.send("GET", Params.valid(), h, null);
    }));
    s.add(new Scenario("malformed Authorization", row("MissingSignature"), List.of(), api -> {
      Map<String, String> h = api.signedHeaders(demoKey, "GET", Params.valid().pairs(), new byte[0], Instant.now(), Api.SERVICE);
      h.put("Authorization", "HMAC-SHA256 Credential=" + demoKey.accessKey());
      return api.send("GET", Params.valid(), h, null);
    }));
    s.add(new Scenario("signed 20 minutes ago", row("InvalidTimestamp"), List.of(), api -> api.send("GET", Params.valid(),
        api.signedHeaders(demoKey, "GET", Params.valid().pairs(), new byte[0], Instant.now().minusSeconds(1200), Api.SERVICE), null)));
    s.add(new Scenario("scope of service ecs", row("ServiceNotFound"), List.of("ecs"), api -> api.send("GET", Params.valid(),
        api.signedHeaders(demoKey, "GET", Params.valid().pairs(), new byte[0], Instant.now(), "ecs"), null)));
    s.add(new Scenario("unknown access key", row("InvalidAccessKey"), List.of("AKLTnosuchkey"),
        api -> api.get(Credentials.of("AKLTnosuchkey", "c2VjcmV0"), Params.valid())));
    s.add(new Scenario("wrong secret", row("SignatureDoesNotMatch"), List.of(),
        api -> api.get(Credentials.of(demoKey.accessKey(), "d3Jvbmctc2VjcmV0"), Params.valid())));
    s.add(new Scenario("key without permission", row("AccessDenied"),
        List.of(CONTRACT.signing().service() + ":" + CONTRACT.onlyValueOf("Action"), "*"),
        api -> api.get(Demo.readOnlyKey(), Params.valid())));
    s.add(account("throttled", row("FlowLimitExceeded")));
    s.add(account("broken", row("InternalError")));
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenarioEarnsItsRow(Scenario scenario) {
    assertError(scenario.row(), scenario.request().apply(api), scenario.args().toArray(String[]::new));
  }

  @Test
  void everySeedRowHasATriggeringRequest() {
    Set<ErrorRow> covered = scenarios().stream().map(Scenario::row).collect(Collectors.toSet());
    List<String> missing = CATALOG.seedRows().stream().filter(r -> !covered.contains(r)).map(ErrorRow::label).toList();
    assertEquals(38, CATALOG.seedRows().size(), "the documentation page has 38 rows");
    assertTrue(missing.isEmpty(), () -> "seed rows without a triggering request: " + missing);
  }

  @Test
  void everyCommonRowHasATriggeringRequest() {
    Set<ErrorRow> covered = scenarios().stream().map(Scenario::row).collect(Collectors.toSet());
    List<String> missing = CATALOG.commonRows().stream().filter(r -> !covered.contains(r)).map(ErrorRow::label).toList();
    assertTrue(missing.isEmpty(), () -> "common rows without a triggering request: " + missing);
  }

  @Test
  void aRejectedRequestCreatesNothing() {
    int before = server.admin().sessions().size();
    for (Scenario s : scenarios()) {
      if (!s.row().code().equals("IdempotentParameterMismatch") && !s.row().code().equals("IdempotentProcessing")) {
        s.request().apply(api);
      }
    }
    assertEquals(before, server.admin().sessions().size());
  }


  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
