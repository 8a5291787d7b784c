package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.Contract;
import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.SessionStore;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorSession;
import io.tmkit.server.store.SqliteSessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --data DIR (issue 14): what a create that was answered 200 leaves behind in the data directory, what
 * a restart serves from it, and how it meets a world file that changed meanwhile. The kill -9 case is
 * the crash test's (generated-server/crash): here the servers stop with close(), which commits nothing
 * more than a crash would (every 200 was committed before it was sent).
 */
class DurableStateTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = Demo.account("demo").accountId();

  @TempDir
  Path data;

  private static ReferenceServer start(Path data, WorldSource world) {
    return ReferenceServer.start(ServerOptions.builder().port(0).world(world).data(data).build());
  }

  private static ReferenceServer start(Path data) {
    return start(data, WorldSource.demo());
  }

  private static Optional<TrafficMirrorSession> session(ReferenceServer server, String id) {
    return server.admin().sessions(DEMO).stream().filter(s -> s.trafficMirrorSessionId().equals(id)).findFirst();
  }

  /** The demo world with a change to its demo account. */
  private static WorldSource demoWith(Consumer<ObjectNode> change) throws Exception {
    ObjectNode world = (ObjectNode) JSON.readTree(WorldSource.resource(WorldSource.DEMO_RESOURCE));
    for (var account : world.withArray("accounts")) {
      if (DEMO.equals(account.path("accountId").asText())) {
        change.accept((ObjectNode) account);
      }
    }
    return WorldSource.json(JSON.writeValueAsString(world));
  }

  @Test
  void answeredCreatesTheirTokensAndPrioritiesSurviveARestart() {
    Params withToken = Params.valid().set("Priority", "7").set("ClientToken", "durable-1")
        .add("TrafficMirrorSessionName", "kept").add("Tags.1.Key", "team").add("Tags.1.Value", "blue");
    String first;
    String second;
    try (ReferenceServer server = start(data)) {
      Api api = new Api(server.baseUri());
      first = api.get(withToken).sessionId();
      second = api.get(Params.valid().set("Priority", "8")).sessionId();
    }
    try (ReferenceServer server = start(data)) {
      Api api = new Api(server.baseUri());
      TrafficMirrorSession kept = session(server, first).orElseThrow();
      assertEquals("kept", kept.trafficMirrorSessionName());
      assertEquals(7, kept.priority());
      assertEquals(List.of(new Tag("team", "blue")), kept.tags());
      assertEquals("durable-1", kept.clientToken());
      assertTrue(session(server, second).isPresent(), "a create without a token is kept too");
      Reply retry = api.get(withToken);
      assertEquals(200, retry.status(), retry::toString);
      assertEquals(first, retry.sessionId(), "a retried token answers its original ID after the restart");
      ServerTest.assertError(CONTRACT.errors().only("IdempotentParameterMismatch"),
          api.get(withToken.copy().set("Priority", "9")));
      ServerTest.assertError(CONTRACT.errors().only("InvalidTrafficMirrorSessionPriority.Conflict"),
          api.get(Params.valid().set("Priority", "8")));
      assertTrue(server.stateDescription().contains("restored 2 sessions, 1 ClientTokens"), server.stateDescription());
    }
  }

  @Test
  void activationSurvivesARestartWhetherOrNotTheServerWasUp() throws Exception {
    long delay = 2_500;
    WorldSource world = worldWithDelay(delay);
    String id;
    long createdAt;
    try (ReferenceServer server = start(data, world)) {
      id = new Api(server.baseUri()).get(Params.valid().set("Priority", "7")).sessionId();
      createdAt = session(server, id).orElseThrow().createdAtMillis();
    }
    try (ReferenceServer server = start(data, world)) {
      TrafficMirrorSession s = session(server, id).orElseThrow();
      assertEquals(createdAt, s.createdAtMillis(), "the creation instant is stored, not the restart's");
      if (System.currentTimeMillis() - createdAt < delay - 200) {
        assertEquals(TrafficMirrorSession.CREATING, s.status());
      }
    }
    // Down across the moment of activation: Active as soon as it is up again.
    Thread.sleep(Math.max(0, createdAt + delay + 100 - System.currentTimeMillis()));
    try (ReferenceServer server = start(data, world)) {
      assertEquals(TrafficMirrorSession.ACTIVE, session(server, id).orElseThrow().status());
    }
  }

  private static WorldSource worldWithDelay(long delay) throws Exception {
    ObjectNode world = (ObjectNode) JSON.readTree(WorldSource.resource(WorldSource.DEMO_RESOURCE));
    world.put("activationDelayMs", delay);
    return WorldSource.json(JSON.writeValueAsString(world));
  }

  @Test
  void theAdminResetClearsTheDataDirectory() {
    Params p = Params.valid().set("Priority", "7").set("ClientToken", "reset-me");
    String before;
    try (ReferenceServer server = start(data)) {
      before = new Api(server.baseUri()).get(p).sessionId();
      server.admin().reset();
    }
    try (ReferenceServer server = start(data)) {
      assertTrue(session(server, before).isEmpty(), "the reset cleared the stored session");
      String after = new Api(server.baseUri()).get(p).sessionId();
      assertNotEquals(before, after, "and the stored token: the same token creates anew");
    }
  }

  @Test
  void aStoredSessionOfAnAccountTheWorldNoLongerHasIsKeptButNotServed() throws Exception {
    String id;
    try (ReferenceServer server = start(data)) {
      id = new Api(server.baseUri()).get(Params.valid().set("Priority", "7")).sessionId();
    }
    ObjectNode world = (ObjectNode) JSON.readTree(WorldSource.resource(WorldSource.DEMO_RESOURCE));
    ArrayNode accounts = world.withArray("accounts");
    for (Iterator<?> it = accounts.elements(); it.hasNext(); ) {
      if (DEMO.equals(((ObjectNode) it.next()).path("accountId").asText())) {
        it.remove();
      }
    }
    try (ReferenceServer server = start(data, WorldSource.json(JSON.writeValueAsString(world)))) {
      assertTrue(server.stateDescription().contains("1 more kept but not served: accounts [" + DEMO + "]"),
          server.stateDescription());
    }
    try (ReferenceServer server = start(data)) {
      assertTrue(session(server, id).isPresent(), "back with its account");
    }
  }

  @Test
  void aLoweredQuotaKeepsTheStoredSessionsAndBoundsNewOnes() throws Exception {
    String id;
    try (ReferenceServer server = start(data)) {
      id = new Api(server.baseUri()).get(Params.valid().set("Priority", "7")).sessionId();
    }
    WorldSource lowered = demoWith(a -> ((ObjectNode) a.get("quotas")).put("TrafficMirrorSourceSession", 1));
    try (ReferenceServer server = start(data, lowered)) {
      assertTrue(session(server, id).isPresent());
      ServerTest.assertError(CONTRACT.errors().only("QuotaExceeded.TrafficMirrorSourceSession"),
          new Api(server.baseUri()).get(Params.valid().set("Priority", "8")));
    }
  }

  @Test
  void aStoredSessionWhoseResourcesAreGoneIsKeptAndStillCounts() throws Exception {
    String source = CONTRACT.requireParameter("NetworkInterfaceId").example();
    String id;
    try (ReferenceServer server = start(data)) {
      id = new Api(server.baseUri()).get(Params.valid().set("Priority", "7")).sessionId();
    }
    WorldSource without = demoWith(a -> {
      for (Iterator<?> it = a.withArray("networkInterfaces").elements(); it.hasNext(); ) {
        if (source.equals(((ObjectNode) it.next()).path("networkInterfaceId").asText())) {
          it.remove();
        }
      }
    });
    try (ReferenceServer server = start(data, without)) {
      assertEquals(source, session(server, id).orElseThrow().networkInterfaceId());
      // Its priority is still held (the existence stage answers first for the missing source, so ask with another one).
      Params other = Params.valid().set("Priority", "7").set("NetworkInterfaceId", "eni-src0002");
      assertEquals(409, new Api(server.baseUri()).get(other).status());
    }
  }

  @Test
  void aStoredSessionThatClashesWithTheWorldFilesOwnIsRefusedAtStart() throws Exception {
    try (ReferenceServer server = start(data)) {
      new Api(server.baseUri()).get(Params.valid().set("Priority", "7"));
    }
    WorldSource clashing = demoWith(a -> ((ObjectNode) a.withArray("trafficMirrorSessions").get(0)).put("priority", 7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(data, clashing));
    assertTrue(e.getMessage().startsWith("data directory " + data + " and the world file disagree: "), e.getMessage());
    assertTrue(e.getMessage().contains("share priority 7"), e.getMessage());
    // The refused start released the directory: the old world starts on it again.
    try (ReferenceServer server = start(data)) {
      assertEquals(1, server.admin().sessions(DEMO).stream().filter(s -> s.priority() == 7).count());
    }
  }

  @Test
  void theSchemaIsCreatedVersionedAndANewerOneRefused() throws Exception {
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL)) {
      assertEquals(0, store.foundVersion(), "a new directory starts at version 0 and is migrated");
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL));
      assertEquals("data directory " + data + " is in use by another server", twice.getMessage());
    }
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SqliteSessionStore.Sync.FULL)) {
      assertEquals(2, store.foundVersion(), "migrated once (to version 2), recorded");
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tmkit.db"));
        Statement st = db.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
        () -> SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL));
    assertTrue(newer.getMessage().contains("has schema version 99; this server knows versions up to 2"), newer.getMessage());
  }

  /**
   * A create that waits for its commit holds no thread: with the database's write lock taken from
   * outside, many more creates than the server has I/O threads all run their checks and wait, none is
   * answered; once the lock goes, all are answered 200 and kept. (When a create blocked its I/O thread
   * until the commit, only as many as there are I/O threads got that far.)
   */
  @Test
  void createsWaitingForTheirCommitHoldNoThreadAndAreAnsweredOnlyAfterIt() throws Exception {
    int creates = 4 * Runtime.getRuntime().availableProcessors() + 8;
    WorldSource roomy = demoWith(a -> ((ObjectNode) a.get("quotas")).put("TrafficMirrorSourceSession", 1000)
        .put("TrafficMirrorTargetSession", 1000).put("TrafficMirrorTargetSource", 1000)
        .put("TrafficMirrorFilterSession", 1000));
    ExecutorService clients = Executors.newFixedThreadPool(creates);
    try (ReferenceServer server = start(data, roomy)) {
      Api api = new Api(server.baseUri());
      assertEquals(200, api.get(Params.valid().set("Priority", "200")).status(), "the database is in use");
      int before = server.admin().sessions(DEMO).size();
      List<CompletableFuture<Reply>> replies = new ArrayList<>();
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tmkit.db"));
          Statement st = other.createStatement()) {
        // SQLite's write lock: the server's next commit waits for it (for up to its 3 s busy timeout).
        st.execute("BEGIN IMMEDIATE");
        for (int i = 0; i < creates; i++) {
          Params create = Params.valid().set("Priority", String.valueOf(201 + i));
          replies.add(CompletableFuture.supplyAsync(() -> new Api(server.baseUri()).get(create), clients));
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.admin().sessions(DEMO).size() < before + creates && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(before + creates, server.admin().sessions(DEMO).size(),
            "every create ran its checks while the commit waited");
        assertTrue(replies.stream().noneMatch(CompletableFuture::isDone), "no answer before the commit");
        st.execute("ROLLBACK");
      }
      Set<String> ids = new HashSet<>();
      for (CompletableFuture<Reply> reply : replies) {
        Reply r = reply.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r::body);
        ids.add(r.sessionId());
      }
      assertEquals(creates, ids.size());
    } finally {
      clients.shutdownNow();
    }
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL)) {
      assertEquals(creates + 1, store.restore().size(), "every answered create is kept");
    }
  }

  @Test
  void createsThatArriveTogetherShareACommitAndAllAreKept() throws Exception {
    int threads = 32;
    int each = 40;
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL)) {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread sender = new Thread(() -> {
          for (int i = 0; i < each; i++) {
            int n = thread * each + i;
            TrafficMirrorSession s = new TrafficMirrorSession("tms-" + n, "n" + n, "", "eni", "tmt", "tmf", n, 0, 1500,
                "default", List.of(), TrafficMirrorSession.CREATING, n, "token-" + n);
            CreateSessionRequest r = new CreateSessionRequest(null, null, "eni", "tmt", n, null, 1500, "tmf", "default",
                List.of(), null);
            CompletableFuture<Void> done = store.save(0, new SessionStore.Stored(DEMO, s, r));
            synchronized (all) {
              all.add(done);
            }
            done.join();
          }
        });
        senders.add(sender);
        sender.start();
      }
      for (Thread sender : senders) {
        sender.join();
      }
      all.forEach(CompletableFuture::join);
      assertTrue(store.transactions() < threads * each,
          "creates waiting together are committed together: " + store.transactions() + " transactions");
    }
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SqliteSessionStore.Sync.NORMAL)) {
      List<SessionStore.Stored> back = store.restore();
      assertEquals(threads * each, back.size());
      assertEquals(threads * each, back.stream().filter(s -> s.request() != null).count(), "every token with its request");
    }
  }

  @Test
  void aDataDirectoryThatCannotBeUsedIsOneLine() throws Exception {
    Path file = Files.writeString(data.resolve("not-a-directory"), "x");
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err, true))
        .execute("--port", "0", "--data", file.toString(), "--quiet");
    assertEquals(2, code);
    assertEquals(1, err.toString().strip().lines().count(), err::toString);
    assertTrue(err.toString().startsWith("traffic-mirror-server: cannot use data directory " + file), err::toString);
    StringWriter badSync = new StringWriter();
    assertEquals(2, Main.commandLine().setErr(new PrintWriter(badSync, true))
        .execute("--port", "0", "--data", data.resolve("d").toString(), "--data-sync", "sometimes"));
    assertEquals("traffic-mirror-server: --data-sync must be NORMAL or FULL, not sometimes", badSync.toString().strip());
  }
}
