package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.ErrorRow;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries against a scripted loopback server: which answers are retried, and always with one token. */
class RetryTest {
  private static ErrorRow only(String code) {
    return Fixtures.CONTRACT.errors().only(code);
  }

  private static String body(ErrorRow row) {
    return LoopbackStub.error(row.code(), row.message(), "req-" + row.code());
  }

  private static List<String> tokens(LoopbackStub stub) {
    return stub.arrivals().stream()
        .map(a -> VolcengineSigningFilter.queryPairs(a.rawQuery()).stream()
            .filter(e -> e.getKey().equals("ClientToken")).map(Map.Entry::getValue).findFirst().orElse(null))
        .toList();
  }

  @Test
  void transientAnswersAreRetriedWithTheSameGeneratedToken() {
    ErrorRow internal = only(ErrorCode.INTERNAL_ERROR);
    ErrorRow throttled = only(ErrorCode.FLOW_LIMIT_EXCEEDED);
    ErrorRow processing = only(ErrorCode.IDEMPOTENT_PROCESSING);
    List<Duration> waits = new ArrayList<>();
    try (LoopbackStub stub = new LoopbackStub()
            .then(internal.status(), body(internal))
            .then(throttled.status(), body(throttled))
            .then(processing.status(), body(processing))
            .then(200, LoopbackStub.success("tms-abc", "req-ok"));
        TrafficMirrorClient client = Fixtures.client(stub.uri(), waits).build()) {
      CreateTrafficMirrorSessionResult result = client.createTrafficMirrorSession(Fixtures.valid().build());

      assertEquals("tms-abc", result.trafficMirrorSessionId());
      assertEquals("req-ok", result.requestId());
      assertEquals(4, result.attempts());
      List<String> tokens = tokens(stub);
      assertEquals(4, tokens.size());
      assertNotNull(tokens.get(0));
      assertEquals(1, tokens.stream().distinct().count(), "one token for every attempt: " + tokens);
      assertEquals(tokens.get(0), result.clientToken());
      assertEquals(3, waits.size());
    }
  }

  @Test
  void aCallersTokenIsKeptAsGiven() {
    try (LoopbackStub stub = new LoopbackStub().then(503, "").then(200, LoopbackStub.success("tms-b", "r"));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      client.createTrafficMirrorSession(Fixtures.valid().clientToken("mine-1").build());
      assertEquals(List.of("mine-1", "mine-1"), tokens(stub));
    }
  }

  @Test
  void aDocumentedClientErrorIsFinalAtOnce() {
    ErrorRow conflict = only(ErrorCode.INVALID_TRAFFIC_MIRROR_SESSION_PRIORITY_CONFLICT);
    try (LoopbackStub stub = new LoopbackStub().then(conflict.status(), body(conflict));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().build()));
      assertEquals(1, stub.arrivals().size());
      assertEquals(conflict.status(), e.status());
      assertEquals(conflict.code(), e.code());
      assertEquals(conflict.message(), e.errorMessage());
      assertEquals("req-" + conflict.code(), e.requestId());
      assertEquals(conflict, e.row().orElseThrow());
    }
  }

  @Test
  void attemptsAreBoundedAndTheLastAnswerIsThrown() {
    ErrorRow internal = only(ErrorCode.INTERNAL_ERROR);
    List<Duration> waits = new ArrayList<>();
    try (LoopbackStub stub = new LoopbackStub();
        TrafficMirrorClient client = Fixtures.client(stub.uri(), waits)
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(15))).build()) {
      for (int i = 0; i < 3; i++) {
        stub.then(internal.status(), body(internal));
      }
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().build()));
      assertEquals(3, stub.arrivals().size());
      assertEquals(internal.code(), e.code());
      assertEquals(2, waits.size());
      waits.forEach(w -> assertTrue(w.toMillis() <= 15, "bounded by maxDelay: " + w));
    }
  }

  @Test
  void noAnswerIsRetriedThenReportedAsTransportFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    List<Duration> waits = new ArrayList<>();
    try (TrafficMirrorClient client =
        Fixtures.client(URI.create("http://127.0.0.1:" + closedPort + "/"), waits).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().build()));
      assertTrue(e.isTransportFailure());
      assertEquals(0, e.status());
      assertEquals(3, waits.size(), "4 attempts, 3 waits");
    }
  }

  @Test
  void backoffCeilingDoublesUpToTheMaximumAndJitterStaysBelowIt() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
        List.of(1, 2, 3, 4, 5, 30).stream().map(a -> p.ceilingAfter(a).toMillis()).toList());
    RandomGenerator random = new SplittableRandom(42);
    long distinct = java.util.stream.IntStream.range(0, 200)
        .mapToLong(i -> p.delayAfter(3, random).toMillis())
        .peek(d -> assertTrue(d >= 0 && d <= 400, "within [0, ceiling]: " + d))
        .distinct().count();
    assertTrue(distinct > 50, "jittered, not constant: " + distinct);
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void whatIsRetryable() {
    assertTrue(TrafficMirrorClient.isRetryable(new TrafficMirrorException(429, "X", "m", "r", null, false, null)));
    assertTrue(TrafficMirrorClient.isRetryable(new TrafficMirrorException(502, null, "m", null, null, false, null)));
    assertTrue(TrafficMirrorClient.isRetryable(
        new TrafficMirrorException(412, ErrorCode.IDEMPOTENT_PROCESSING, "m", "r", null, false, null)));
    assertTrue(!TrafficMirrorClient.isRetryable(new TrafficMirrorException(412, "Other", "m", "r", null, false, null)));
    assertTrue(!TrafficMirrorClient.isRetryable(new TrafficMirrorException(400, "X", "m", "r", null, false, null)));
    assertTrue(!TrafficMirrorClient.isRetryable(new TrafficMirrorException(404, "X", "m", "r", null, false, null)));
  }
}
