package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tmkit.conformance.RequestMutations.Mutation;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.client.ClientValidationSurface;
import io.tmkit.conformance.client.TypedRequestShape;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.http.HttpTransport;
import io.tmkit.conformance.http.ResponseSchemas;
import io.tmkit.conformance.http.WireRequest;
import io.tmkit.conformance.http.WireRequests;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.run.Observation;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import io.tmkit.testing.AdversarialCount;
import io.tmkit.testing.Generated;
import io.tmkit.testing.Shrink;
import io.tmkit.testing.Source;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Beyond the documented rows: thousands of requests generated from the contract's constraints
 * ({@link RequestMutations}), each sent signed to the reference server. Each must get a documented
 * 4xx in a schema-valid envelope, never a 5xx; where {@link QueryOracle} (the envelope rules plus
 * {@code RequestRules}) predicts an answer, exactly that status, code and message; and where the
 * client can judge the request locally, the client's verdict must be the same. The three properties
 * run on inputs from a seeded generator (the seed is printed; {@code -Dtmkit.seed=N} replays a run)
 * and, in one {@code @FuzzTest}, on inputs that Jazzer steers by the server's coverage.
 */
class NegativeInputPropertiesTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final QueryOracle ORACLE = new QueryOracle(CONTRACT);
  private static final Fixtures FIXTURES = Fixtures.demo();
  private static final AccessKeyFixture DEMO = FIXTURES.accessKey("demo").orElseThrow();
  private static final RequestMutations MUTATIONS = new RequestMutations(CONTRACT, base());
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
  private static final AdversarialCount GENERATED = new AdversarialCount("NegativeInputs.generated");
  private static final AdversarialCount FUZZED = AdversarialCount.ofFuzzTest("NegativeInputs");
  private static final AtomicInteger PREDICTED = new AtomicInteger();
  private static final AtomicInteger CLIENT_JUDGED = new AtomicInteger();

  private static HttpSurface http;
  private static HttpTransport transport;
  private static WireRequests wire;
  private static ClientValidationSurface clientValidation;
  private static TypedRequestShape typed;

  private static synchronized void init() {
    if (http == null) {
      var server = DemoServer.get();
      transport = new HttpTransport(server.baseUri());
      wire = new WireRequests(CONTRACT, server.baseUri(), FIXTURES.region(), Clock.systemUTC());
      http = new HttpSurface(CONTRACT, transport, wire, new ResponseSchemas(CONTRACT), FIXTURES.region());
      clientValidation = new ClientValidationSurface(CONTRACT, FIXTURES.region());
      typed = new TypedRequestShape(CONTRACT);
    }
  }

  /** The valid request of the demo world that every mutation starts from. */
  private static List<Map.Entry<String, String>> base() {
    String account = DEMO.account();
    List<Map.Entry<String, String>> p = new ArrayList<>();
    p.add(Map.entry("Action", CONTRACT.onlyValueOf("Action")));
    p.add(Map.entry("Version", CONTRACT.onlyValueOf("Version")));
    p.add(Map.entry("NetworkInterfaceId", FIXTURES.role(account, "source.ok").orElseThrow()));
    p.add(Map.entry("TrafficMirrorTargetId", FIXTURES.role(account, "target.ok").orElseThrow()));
    p.add(Map.entry("Priority", "7"));
    p.add(Map.entry("TrafficMirrorFilterId", FIXTURES.role(account, "filter.ok").orElseThrow()));
    return p;
  }

  private static ResolvedRequest request(List<Map.Entry<String, String>> params) {
    return new ResolvedRequest("GET", DEMO, Signing.SIGNED, params, null, false);
  }

  /** A documented 4xx in a valid envelope; never anything else. */
  private static Observation sendAndCheckDocumented(WireRequest request, AdversarialCount count) {
    Observation seen = http.read(transport.send(request), null, null);
    count.answered(seen.status());
    assertTrue(seen.status() >= 400 && seen.status() < 500, "status " + seen.status() + " " + seen.message());
    assertTrue(seen.findings().isEmpty(), seen.findings().toString());
    Optional<ErrorRow> row = CONTRACT.errors().find(seen.code(), seen.message());
    assertTrue(row.isPresent(), "undocumented answer " + seen.code() + " \"" + seen.message() + "\"");
    assertEquals(row.get().status(), seen.status());
    return seen;
  }

  private static void assertPredicted(Violation expected, Observation seen) {
    assertEquals(expected.status(), seen.status());
    assertEquals(expected.code(), seen.code());
    assertEquals(expected.message(), seen.message());
  }

  // ---- the properties: false when the input does not apply (a valid request would create a session) ----

  private static boolean getsThePredictedDocumentedAnswer(List<Mutation> mutations, AdversarialCount count) {
    init();
    WireRequest wireRequest = wire.build(request(MUTATIONS.applied(mutations)));
    Optional<Violation> predicted = ORACLE.predict(wireRequest.rawQuery());
    if (predicted.isEmpty()) {
      return false;
    }
    Observation seen = sendAndCheckDocumented(wireRequest, count);
    PREDICTED.incrementAndGet();
    assertPredicted(predicted.get(), seen);
    return true;
  }

  private static boolean rawBytesGetTheirDocumentedAnswer(String rawQuery, AdversarialCount count) {
    init();
    ResolvedRequest r = new ResolvedRequest("GET", DEMO, Signing.SIGNED, List.of(), rawQuery, false);
    Optional<Violation> predicted = ORACLE.predict(rawQuery);
    if (predicted.isEmpty()) {
      return false;
    }
    Observation seen = sendAndCheckDocumented(wire.build(r), count);
    PREDICTED.incrementAndGet();
    assertPredicted(predicted.get(), seen);
    return true;
  }

  private static boolean theClientJudgesAsTheServerAnswers(List<Mutation> mutations, AdversarialCount count) {
    init();
    List<Map.Entry<String, String>> params = MUTATIONS.applied(mutations);
    ResolvedRequest r = request(params);
    if (typed.whyNot(r).isPresent()) {
      return false;
    }
    WireRequest wireRequest = wire.build(r);
    if (ORACLE.predict(wireRequest.rawQuery()).isEmpty()) {
      return false;
    }
    Observation server = sendAndCheckDocumented(wireRequest, count);
    ResolvedCase asCase = new ResolvedCase(null, List.of(), r, 0, null, null, null);
    Observation local = clientValidation.observe(asCase);
    CLIENT_JUDGED.incrementAndGet();
    assertTrue(local.local() && local.status() != 0, "the client let through what the server answers "
        + server.status() + " " + server.code() + " \"" + server.message() + "\": " + params);
    assertEquals(server.status(), local.status());
    assertEquals(server.code(), local.code());
    assertEquals(server.message(), local.message());
    return true;
  }

  // ---- generated inputs ----------------------------------------------------------------------

  @Test
  void mutatedRequestsGetThePredictedDocumentedAnswer() {
    Generated.of("NegativeInputs.mutatedRequests", MUTATIONS::mutations)
        .shrinking(Shrink::dropOne)
        .check(3500, mutations -> getsThePredictedDocumentedAnswer(mutations, GENERATED));
  }

  @Test
  void rawBytesGetADocumentedAnswer() {
    Generated.of("NegativeInputs.rawBytes", MUTATIONS::rawQuery)
        .check(1500, rawQuery -> rawBytesGetTheirDocumentedAnswer(rawQuery, GENERATED));
  }

  @Test
  void theClientJudgesLocallyAsTheServerAnswers() {
    Generated.of("NegativeInputs.clientJudges", MUTATIONS::typedMutations)
        .shrinking(Shrink::dropOne)
        .check(2500, mutations -> theClientJudgesAsTheServerAnswers(mutations, GENERATED));
  }

  // ---- fuzzed inputs -------------------------------------------------------------------------

  /**
   * The three properties on inputs of the same families, whose every choice Jazzer makes from its
   * input bytes, steered by the coverage of the server (which runs in this JVM). CI fuzzes it for a
   * few seconds (see the pom); otherwise it runs the committed inputs under
   * {@code src/test/resources/io/tmkit/conformance/NegativeInputPropertiesTestInputs/}.
   */
  @FuzzTest(maxDuration = "8s")
  void fuzzedRequestsGetTheirDocumentedAnswer(FuzzedDataProvider data) {
    // Jazzer's SSRF detector reports every connection it was not told about: these, to loopback, are meant.
    BugDetectors.allowNetworkConnections((host, port) -> LOOPBACK.contains(host));
    Source s = Source.of(data);
    switch (s.weighted(15, 7, 10)) {
      case 0 -> getsThePredictedDocumentedAnswer(MUTATIONS.mutations(s), FUZZED);
      case 1 -> rawBytesGetTheirDocumentedAnswer(MUTATIONS.rawQuery(s), FUZZED);
      default -> theClientJudgesAsTheServerAnswers(MUTATIONS.typedMutations(s), FUZZED);
    }
  }

  @AfterAll
  static void printCounts() {
    GENERATED.report();
    FUZZED.report();
    System.out.printf("NegativeInputs: %d answers matched the predicted row exactly; %d also judged locally by the "
        + "client with the same answer%n", PREDICTED.get(), CLIENT_JUDGED.get());
  }
}
