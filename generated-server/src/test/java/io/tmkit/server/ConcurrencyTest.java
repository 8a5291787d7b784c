package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.server.domain.TrafficMirrorSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Parallel requests never create two sessions for one token or one priority, nor pass a quota. */
class ConcurrencyTest extends ServerTest {
  private static final int THREADS = 16;
  private static final String DEMO = Demo.account("demo").accountId();

  /** Sends THREADS requests released at the same moment; request i is made by {@code request}. */
  private List<Reply> race(IntFunction<Params> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Params p = request.apply(i);
        Callable<Reply> call = () -> {
          start.await();
          return api.get(p);
        };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> f : futures) {
        replies.add(f.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Long> codes(List<Reply> replies) {
    return replies.stream().collect(Collectors.groupingBy(r -> r.status() == 200 ? "OK" : r.code(), Collectors.counting()));
  }

  @Test
  void oneTokenMakesOneSession() throws Exception {
    int before = server.admin().sessions(DEMO).size();
    List<Reply> replies = race(i -> Params.valid().set("ClientToken", "race-token").set("Priority", "77"));
    Set<String> ids = replies.stream().filter(r -> r.status() == 200).map(Reply::sessionId).collect(Collectors.toSet());
    assertEquals(1, ids.size(), () -> "one session ID for one token: " + codes(replies));
    replies.stream().filter(r -> r.status() != 200)
        .forEach(r -> assertEquals("IdempotentProcessing", r.code(), r::toString));
    assertEquals(before + 1, server.admin().sessions(DEMO).size());
  }

  @Test
  void onePriorityMakesOneSession() throws Exception {
    int before = server.admin().sessions(DEMO).size();
    List<Reply> replies = race(i -> Params.valid().set("Priority", "88").set("ClientToken", "prio-" + i));
    Map<String, Long> codes = codes(replies);
    assertEquals(1L, codes.get("OK"), codes::toString);
    assertEquals(THREADS - 1L, codes.get("InvalidTrafficMirrorSessionPriority.Conflict"), codes::toString);
    assertEquals(before + 1, server.admin().sessions(DEMO).size());
  }

  @Test
  void theLastUnitOfAQuotaGoesToOneRequest() throws Exception {
    // Fill the source quota of the demo source but one unit, then race for that unit.
    int quota = Demo.account("demo").quotas().get("TrafficMirrorSourceSession");
    for (int i = 0; i < quota - 1; i++) {
      assertEquals(200, api.get(Params.valid().set("TrafficMirrorTargetId", "tmt-spare000" + (1 + i))
          .set("Priority", String.valueOf(900 + i))).status());
    }
    List<Reply> replies = race(i -> Params.valid()
        .set("TrafficMirrorTargetId", "tmt-spare000" + (1 + i % 5)).set("TrafficMirrorFilterId", "tmf-spare000" + (1 + i % 5))
        .set("Priority", String.valueOf(1000 + i)));
    Map<String, Long> codes = codes(replies);
    assertEquals(1L, codes.get("OK"), codes::toString);
    assertEquals(THREADS - 1L, codes.get("QuotaExceeded.TrafficMirrorSourceSession"), codes::toString);
    assertInvariants(server.admin().sessions(DEMO));
  }

  @Test
  void mixedRacesKeepEveryInvariant() throws Exception {
    List<Reply> replies = race(i -> Params.valid()
        .set("NetworkInterfaceId", "eni-src000" + (2 + i % 2))
        .set("TrafficMirrorTargetId", "tmt-spare000" + (1 + i % 5))
        .set("TrafficMirrorFilterId", "tmf-spare000" + (1 + i % 3))
        .set("Priority", String.valueOf(2000 + i % 4))
        .set("ClientToken", "mixed-" + i % 6));
    replies.forEach(r -> assertTrue(r.status() < 500, r::toString));
    assertInvariants(server.admin().sessions(DEMO));
  }

  /** Unique priorities and every quota of the demo account respected. */
  private static void assertInvariants(List<TrafficMirrorSession> sessions) {
    Map<String, Integer> quotas = Demo.account("demo").quotas();
    Set<Integer> priorities = new HashSet<>();
    sessions.forEach(s -> assertTrue(priorities.add(s.priority()), "priority " + s.priority() + " twice"));
    assertTrue(sessions.size() <= quotas.getOrDefault("TrafficMirrorSession", Integer.MAX_VALUE));
    countBy(sessions, TrafficMirrorSession::networkInterfaceId).values()
        .forEach(n -> assertTrue(n <= quotas.get("TrafficMirrorSourceSession"), "source quota"));
    countBy(sessions, TrafficMirrorSession::trafficMirrorTargetId).values()
        .forEach(n -> assertTrue(n <= quotas.get("TrafficMirrorTargetSession"), "target quota"));
    countBy(sessions, TrafficMirrorSession::trafficMirrorFilterId).values()
        .forEach(n -> assertTrue(n <= quotas.get("TrafficMirrorFilterSession"), "filter quota"));
    sessions.stream().collect(Collectors.groupingBy(TrafficMirrorSession::trafficMirrorTargetId,
            Collectors.mapping(TrafficMirrorSession::networkInterfaceId, Collectors.toSet())))
        .values().forEach(sources -> assertTrue(sources.size() <= quotas.get("TrafficMirrorTargetSource"), "sources per target"));
  }

  private static Map<String, Long> countBy(List<TrafficMirrorSession> sessions,
      java.util.function.Function<TrafficMirrorSession, String> key) {
    return sessions.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
