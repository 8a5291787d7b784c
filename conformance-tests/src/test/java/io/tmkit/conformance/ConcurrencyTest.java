package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.http.HttpTransport;
import io.tmkit.conformance.http.ResponseSchemas;
import io.tmkit.conformance.http.WireRequests;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.run.Observation;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.server.Admin;
import io.tmkit.server.domain.TrafficMirrorSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Requests that race for one thing, released together from a gate: the priority, the ClientToken,
 * the last unit of a quota. Every answer must be documented, and the invariants are checked on the
 * world itself through the admin API: one session per priority, one per token, never past a quota.
 */
class ConcurrencyTest {
  private static final int RACERS = 24;
  private static final Contract CONTRACT = Contract.bundled();
  private static final Fixtures FIXTURES = Fixtures.demo();
  private static final AccessKeyFixture DEMO = FIXTURES.accessKey("demo").orElseThrow();
  private static final String ACCOUNT = FIXTURES.accountId("demo").orElseThrow();
  private static final String SOURCE = FIXTURES.role("demo", "source.ok").orElseThrow();
  private static final String TARGET = FIXTURES.role("demo", "target.ok").orElseThrow();
  private static final String FILTER = FIXTURES.role("demo", "filter.ok").orElseThrow();
  private static ExecutorService pool;
  private static HttpSurface http;
  private static int rounds;
  private static int requests;

  @BeforeAll
  static void start() {
    var server = DemoServer.get();
    http = new HttpSurface(CONTRACT, new HttpTransport(server.baseUri()),
        new WireRequests(CONTRACT, server.baseUri(), FIXTURES.region(), Clock.systemUTC()),
        new ResponseSchemas(CONTRACT), FIXTURES.region());
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    DemoServer.get().server().admin().reset();
    System.out.printf("concurrency: %d rounds of %d racing requests (%d requests), invariants held%n",
        rounds, RACERS, requests);
  }

  private static Admin admin() {
    return DemoServer.get().server().admin();
  }

  private static List<Map.Entry<String, String>> create(String priority, String... extra) {
    List<Map.Entry<String, String>> p = new ArrayList<>(List.of(
        Map.entry("Action", CONTRACT.onlyValueOf("Action")), Map.entry("Version", CONTRACT.onlyValueOf("Version")),
        Map.entry("NetworkInterfaceId", SOURCE), Map.entry("TrafficMirrorTargetId", TARGET),
        Map.entry("Priority", priority), Map.entry("TrafficMirrorFilterId", FILTER)));
    for (int i = 0; i < extra.length; i += 2) {
      p.add(Map.entry(extra[i], extra[i + 1]));
    }
    return p;
  }

  /** Sends RACERS requests at once; every answer must be documented and schema-valid. */
  private static List<Observation> race(IntFunction<List<Map.Entry<String, String>>> request) throws Exception {
    admin().reset();
    rounds++;
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Observation>> futures = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      ResolvedRequest r = new ResolvedRequest("GET", DEMO, Signing.SIGNED, request.apply(i), null, false);
      futures.add(pool.submit(() -> {
        gate.await();
        return http.send(r);
      }));
    }
    gate.countDown();
    List<Observation> answers = new ArrayList<>();
    for (Future<Observation> f : futures) {
      Observation o = f.get();
      requests++;
      assertTrue(o.findings().isEmpty(), o.findings().toString());
      assertTrue(o.status() == 200 || CONTRACT.errors().find(o.code(), o.message()).isPresent(), o.label() + " " + o.message());
      answers.add(o);
    }
    return answers;
  }

  private static long count(List<Observation> answers, int status, String code) {
    return answers.stream().filter(o -> o.status() == status && java.util.Objects.equals(o.code(), code)).count();
  }

  private static List<TrafficMirrorSession> created() {
    Set<String> preloaded = DemoServer.get().server().admin().world().accounts().stream()
        .filter(a -> a.accountId().equals(ACCOUNT)).flatMap(a -> a.trafficMirrorSessions().stream())
        .map(s -> s.trafficMirrorSessionId()).collect(Collectors.toSet());
    return admin().sessions(ACCOUNT).stream().filter(s -> !preloaded.contains(s.trafficMirrorSessionId())).toList();
  }

  @RepeatedTest(5)
  void onePriorityHasOneWinner() throws Exception {
    List<Observation> answers = race(i -> create("7", "ClientToken", "race-priority-" + rounds + "-" + i));
    ErrorRow conflict = CONTRACT.errors().only("InvalidTrafficMirrorSessionPriority.Conflict");
    assertEquals(1, count(answers, 200, null), answers.toString());
    assertEquals(RACERS - 1, count(answers, conflict.status(), conflict.code()));
    assertEquals(1, created().stream().filter(s -> s.priority() == 7).count());
    assertEquals(1, created().size());
  }

  @RepeatedTest(5)
  void oneTokenCreatesOneSession() throws Exception {
    String token = "race-token-" + rounds;
    List<Observation> answers = race(i -> create("8", "ClientToken", token));
    ErrorRow processing = CONTRACT.errors().only("IdempotentProcessing");
    Set<String> ids = answers.stream().filter(o -> o.status() == 200).map(Observation::sessionId).collect(Collectors.toSet());
    assertEquals(1, ids.size(), "every success names the one session: " + ids);
    assertEquals(RACERS, count(answers, 200, null) + count(answers, processing.status(), processing.code()));
    assertEquals(1, created().size());
    assertEquals(ids.iterator().next(), created().get(0).trafficMirrorSessionId());
  }

  @RepeatedTest(5)
  void theLastUnitOfAQuotaGoesOnce() throws Exception {
    int quota = DemoServer.get().server().admin().world().accounts().stream()
        .filter(a -> a.accountId().equals(ACCOUNT)).findFirst().orElseThrow()
        .quotas().get("TrafficMirrorSourceSession");
    List<Observation> answers = race(i -> create(String.valueOf(10 + i)));
    ErrorRow full = CONTRACT.errors().only("QuotaExceeded.TrafficMirrorSourceSession");
    assertEquals(quota, count(answers, 200, null), answers.toString());
    assertEquals(RACERS - quota, count(answers, full.status(), full.code()));
    assertEquals(quota, created().stream().filter(s -> s.networkInterfaceId().equals(SOURCE)).count());
  }
}
