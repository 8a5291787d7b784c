import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test of issue 14, against the server jar as a separate process with --data: for each kill
 * point, creates with ClientTokens from several threads, kill -9 (Process.destroyForcibly is SIGKILL
 * on Linux) at a random moment of the load, a restart on the same directory, then the checks: every
 * create answered 200 exists with its parameters, every token retried with its parameters gets its
 * original ID, a token whose request got no answer exists once or not at all, no priority is held
 * twice, no quota is exceeded. Each kill point loads its own account; every earlier account is checked
 * again after every restart. Exit 1 on any failure.
 *
 * <p>Run by run-crash.sh: {@code java -cp traffic-mirror-server.jar CrashTest.java JAR [KILL_POINTS]}
 * (the jar brings Jackson). Loopback only, ephemeral ports.
 */
public final class CrashTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "crash-test-admin";
  static final int THREADS = 8;
  static final int SOURCES = 4;
  static final int TARGETS = 2;
  static final int FILTERS = 2;
  /** Few enough that parallel creates fight over them (409 Conflict). */
  static final int PRIORITIES = 600;
  /**
   * Three sources per target of four: some creates meet that quota from the start; the filters'
   * quota is reached once an account holds 240 sessions; the others stay out of the way.
   */
  static final Map<String, Integer> QUOTAS = Map.of(
      "TrafficMirrorSession", 2000, "TrafficMirrorSourceSession", 600, "TrafficMirrorTargetSession", 1200,
      "TrafficMirrorTargetSource", 3, "TrafficMirrorFilterSession", 120);
  static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
  static final Pattern SESSION_ID = Pattern.compile("\"TrafficMirrorSessionId\":\"(tms-[a-z0-9]+)\"");

  /** One create as sent: its token and parameters. */
  record Create(String account, String token, String source, String target, String filter, int priority, int vni,
      int packetLength) {
    String name() {
      return "n-" + token;
    }

    String description() {
      return "d-" + token;
    }

    String query() {
      return "Action=CreateTrafficMirrorSession&Version=2020-04-01&NetworkInterfaceId=" + source
          + "&TrafficMirrorTargetId=" + target + "&TrafficMirrorFilterId=" + filter + "&Priority=" + priority
          + "&VirtualNetworkId=" + vni + "&PacketLength=" + packetLength + "&TrafficMirrorSessionName=" + name()
          + "&Description=" + description() + "&ClientToken=" + token;
    }
  }

  record Answer(int status, String sessionId, String body) {}

  final Path jar;
  final Path work;
  final Path data;
  /** Every create answered 200 so far, by token, with the ID it got. */
  final Map<String, Create> acknowledged = new ConcurrentHashMap<>();
  final Map<String, String> acknowledgedIds = new ConcurrentHashMap<>();
  final List<String> accounts = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  boolean lastPointOk;
  long lastSurvived;
  long totalRetries;
  long totalSameId;
  /** As of the last restart: every acknowledgement of every kill point so far is checked each time. */
  long lastLost;
  long totalDuplicates;

  CrashTest(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
    this.data = work.resolve("data");
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int killPoints = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory("tmkit-crash");
    long started = System.nanoTime();
    CrashTest test = new CrashTest(jar, work);
    int passed = 0;
    int failed = 0;
    try {
      test.writeWorld(killPoints);
      // The server restarted after one kill point carries the load of the next, and is killed in turn.
      Server server = Server.start(jar, work, test.data);
      try {
        for (int k = 1; k <= killPoints; k++) {
          Server restarted = test.killPoint(k, server);
          server = restarted;
          if (test.lastPointOk) {
            passed++;
          } else {
            failed++;
          }
        }
      } finally {
        server.kill();
      }
    } finally {
      deleteTree(work);
    }
    System.out.printf("crash: acknowledged %d, survived %d, retries %d same id (of %d), lost %d, duplicates %d"
            + " over %d kill points in %.0f s%n", test.acknowledged.size(), test.lastSurvived, test.totalSameId,
        test.totalRetries, test.lastLost, test.totalDuplicates, killPoints, (System.nanoTime() - started) / 1e9);
    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 && passed == killPoints ? 0 : 1);
  }

  /** One account per kill point, with quotas that the load reaches and priorities it fights over. */
  void writeWorld(int killPoints) throws IOException {
    ObjectNode world = JSON.createObjectNode().put("description", "crash test world").put("region", "cn-beijing")
        .put("activationDelayMs", 200);
    ArrayNode accountList = world.putArray("accounts");
    ArrayNode credentials = JSON.createArrayNode();
    for (int k = 1; k <= killPoints; k++) {
      String id = "40000000" + String.format("%02d", k);
      accounts.add(id);
      ObjectNode a = accountList.addObject().put("accountId", id).put("name", "crash" + k);
      ObjectNode q = a.putObject("quotas");
      QUOTAS.forEach(q::put);
      a.putArray("projects").add("default");
      a.putArray("instances").addObject().put("instanceId", "i-crash" + k).put("instanceType", "ecs.g3i.large")
          .put("supportsTrafficMirror", true);
      ArrayNode enis = a.putArray("networkInterfaces");
      for (int s = 0; s < SOURCES; s++) {
        enis.addObject().put("networkInterfaceId", "eni-src" + s).put("type", "Primary").put("status", "InUse")
            .put("instanceId", "i-crash" + k);
      }
      ArrayNode clbs = a.putArray("clbInstances");
      ArrayNode targets = a.putArray("trafficMirrorTargets");
      for (int t = 0; t < TARGETS; t++) {
        clbs.addObject().put("clbInstanceId", "clb-" + t).put("status", "Active");
        targets.addObject().put("trafficMirrorTargetId", "tmt-" + t).put("instanceType", "ClbInstance")
            .put("instanceId", "clb-" + t).put("status", "Available");
      }
      ArrayNode filters = a.putArray("trafficMirrorFilters");
      for (int f = 0; f < FILTERS; f++) {
        filters.addObject().put("trafficMirrorFilterId", "tmf-" + f).put("status", "Available");
      }
      credentials.addObject().put("accessKey", key(id)).put("secretKey", "Y3Jhc2g=").put("accountId", id)
          .putArray("allowedActions").add("*");
    }
    Files.writeString(work.resolve("world.json"), JSON.writeValueAsString(world));
    ObjectNode creds = JSON.createObjectNode().put("description", "crash test keys");
    creds.set("credentials", credentials);
    Files.writeString(work.resolve("credentials.json"), JSON.writeValueAsString(creds));
  }

  static String key(String accountId) {
    return "AKLTcrash" + accountId;
  }

  /** Load, kill -9, restart, check; returns the restarted server (killed by the next kill point). */
  Server killPoint(int k, Server loaded) throws Exception {
    String account = accounts.get(k - 1);
    int failuresBefore = failures.size();
    URI base = loaded.base;
    // Creates keep coming until the kill; the kill falls at a random moment after the first 200s.
    Map<String, Create> sent = new ConcurrentHashMap<>();
    Map<String, Create> unanswered = new ConcurrentHashMap<>();
    Map<String, Create> roundAcked = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch firstAcks = new CountDownLatch(50);
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; !killed.get(); i++) {
          Create c = new Create(account, "k" + k + "-t" + thread + "-" + i, "eni-src" + random.nextInt(SOURCES),
              "tmt-" + random.nextInt(TARGETS), "tmf-" + random.nextInt(FILTERS), 1 + random.nextInt(PRIORITIES),
              random.nextInt(1000), 64 + random.nextInt(1437));
          sent.put(c.token(), c);
          Answer a;
          try {
            a = send(loaded.http, base, c);
          } catch (IOException | InterruptedException e) {
            unanswered.put(c.token(), c); // the server died under it: no answer
            return;
          }
          if (a.status() == 200) {
            roundAcked.put(c.token(), c);
            acknowledged.put(c.token(), c);
            acknowledgedIds.put(c.token(), a.sessionId());
            firstAcks.countDown();
          } else if (a.status() >= 500) {
            fail("kill point " + k + ": " + c.token() + " answered " + a.status() + " " + a.body());
          }
        }
      }, "crash-load-" + t);
      load.add(th);
      th.start();
    }
    if (!firstAcks.await(30, TimeUnit.SECONDS)) {
      fail("kill point " + k + ": fewer than 50 creates answered 200 within 30 s");
    }
    long delay = ThreadLocalRandom.current().nextLong(100, 900);
    Thread.sleep(delay);
    loaded.kill();
    killed.set(true);
    for (Thread th : load) {
      th.join(30_000);
    }

    // Restart on the same directory.
    Server server = Server.start(jar, work, data);
    {
      Map<String, List<JsonNode>> byToken = new HashMap<>();
      Map<String, JsonNode> byId = new HashMap<>();
      checkInvariants(server, k, byToken, byId);
      int survived = 0;
      int lost = 0;
      for (Map.Entry<String, Create> e : acknowledged.entrySet()) {
        JsonNode s = byId.get(acknowledgedIds.get(e.getKey()));
        if (s == null || !sameParameters(s, e.getValue())) {
          lost++;
          fail("kill point " + k + ": acknowledged " + e.getKey() + " (" + acknowledgedIds.get(e.getKey()) + ") "
              + (s == null ? "is gone" : "has other parameters: " + s));
        } else {
          survived++;
        }
      }
      int duplicates = 0;
      for (Map.Entry<String, List<JsonNode>> e : byToken.entrySet()) {
        if (e.getValue().size() > 1) {
          duplicates += e.getValue().size() - 1;
          fail("kill point " + k + ": token " + e.getKey() + " has " + e.getValue().size() + " sessions");
        }
      }
      int existedUnanswered = 0;
      for (String token : unanswered.keySet()) {
        if (byToken.containsKey(token)) {
          existedUnanswered++;
        }
      }
      // Retry every token of this kill point with its parameters.
      int retries = 0;
      int sameId = 0;
      List<Create> retry = new ArrayList<>(roundAcked.values());
      retry.addAll(unanswered.values());
      for (Create c : retry) {
        Answer a = send(server.http, server.base, c);
        String expected = acknowledgedIds.get(c.token());
        if (expected == null && byToken.containsKey(c.token())) {
          expected = byToken.get(c.token()).get(0).get("trafficMirrorSessionId").asText();
        }
        if (expected != null) {
          retries++;
          if (a.status() == 200 && expected.equals(a.sessionId())) {
            sameId++;
          } else {
            fail("kill point " + k + ": retry of " + c.token() + " answered " + a.status() + " " + a.sessionId()
                + ", not " + expected);
          }
        } else if (a.status() >= 500) {
          fail("kill point " + k + ": retry of unanswered " + c.token() + " answered " + a.status());
        }
      }
      // After the retries: still one session per token, unique priorities, quotas kept.
      checkInvariants(server, k, new HashMap<>(), new HashMap<>());
      long activeBefore = server.sessions(account).size();
      int acks = roundAcked.size();
      totalRetries += retries;
      totalSameId += sameId;
      lastLost = lost;
      totalDuplicates += duplicates;
      boolean ok = failures.size() == failuresBefore;
      lastPointOk = ok;
      lastSurvived = survived;
      System.out.printf("kill point %d (%d ms after the first 50 acks, %d sent): acknowledged %d (all rounds %d),"
              + " survived %d, retries %d same id, unanswered %d (%d existed, once each), lost %d, duplicates %d,"
              + " sessions now %d: %s%n", k, delay, sent.size(), acks, acknowledged.size(), survived, sameId,
          unanswered.size(), existedUnanswered, lost, duplicates, activeBefore, ok ? "ok" : "FAILED");
      return server;
    }
  }

  /** Reads every account's sessions; one session per token, no priority twice, no quota exceeded. */
  void checkInvariants(Server server, int k, Map<String, List<JsonNode>> byToken, Map<String, JsonNode> byId)
      throws Exception {
    Map<String, List<JsonNode>> perAccount = new HashMap<>();
    for (String account : accounts) {
      perAccount.put(account, server.sessions(account));
    }
    for (Map.Entry<String, List<JsonNode>> e : perAccount.entrySet()) {
      Set<Integer> priorities = new HashSet<>();
      Map<String, Integer> perSource = new HashMap<>();
      Map<String, Integer> perTarget = new HashMap<>();
      Map<String, Integer> perFilter = new HashMap<>();
      Map<String, Set<String>> sourcesOfTarget = new HashMap<>();
      for (JsonNode s : e.getValue()) {
        byId.put(s.get("trafficMirrorSessionId").asText(), s);
        if (!s.get("clientToken").isNull()) {
          byToken.computeIfAbsent(s.get("clientToken").asText(), t -> new ArrayList<>()).add(s);
        }
        if (!priorities.add(s.get("priority").asInt())) {
          fail("kill point " + k + ": account " + e.getKey() + " holds priority " + s.get("priority") + " twice");
        }
        perSource.merge(s.get("networkInterfaceId").asText(), 1, Integer::sum);
        perTarget.merge(s.get("trafficMirrorTargetId").asText(), 1, Integer::sum);
        perFilter.merge(s.get("trafficMirrorFilterId").asText(), 1, Integer::sum);
        sourcesOfTarget.computeIfAbsent(s.get("trafficMirrorTargetId").asText(), t -> new HashSet<>())
            .add(s.get("networkInterfaceId").asText());
      }
      String where = "kill point " + k + ": account " + e.getKey();
      within(where, "TrafficMirrorSession", e.getValue().size());
      perSource.values().forEach(n -> within(where, "TrafficMirrorSourceSession", n));
      perTarget.values().forEach(n -> within(where, "TrafficMirrorTargetSession", n));
      perFilter.values().forEach(n -> within(where, "TrafficMirrorFilterSession", n));
      sourcesOfTarget.values().forEach(n -> within(where, "TrafficMirrorTargetSource", n.size()));
    }
  }

  void within(String where, String quota, int count) {
    if (count > QUOTAS.get(quota)) {
      fail(where + " exceeds quota " + quota + ": " + count + " > " + QUOTAS.get(quota));
    }
  }

  static boolean sameParameters(JsonNode s, Create c) {
    return c.token().equals(s.get("clientToken").asText())
        && c.source().equals(s.get("networkInterfaceId").asText())
        && c.target().equals(s.get("trafficMirrorTargetId").asText())
        && c.filter().equals(s.get("trafficMirrorFilterId").asText())
        && c.priority() == s.get("priority").asInt()
        && c.vni() == s.get("virtualNetworkId").asInt()
        && c.packetLength() == s.get("packetLength").asInt()
        && c.name().equals(s.get("trafficMirrorSessionName").asText())
        && c.description().equals(s.get("description").asText());
  }

  Answer send(HttpClient http, URI base, Create c) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/?" + c.query()))
        .header("Authorization", "HMAC-SHA256 Credential=" + key(c.account())
            + "/20260101/cn-beijing/vpc/request, SignedHeaders=x-date, Signature=" + "0".repeat(64))
        .header("X-Date", "20260101T000000Z")
        .timeout(Duration.ofSeconds(20)).GET().build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher m = SESSION_ID.matcher(r.body());
    return new Answer(r.statusCode(), m.find() ? m.group(1) : null, r.body());
  }

  synchronized void fail(String problem) {
    if (failures.size() < 20) {
      System.out.println("FAIL " + problem);
    }
    failures.add(problem);
  }

  /** The server jar as a child process, on an ephemeral loopback port. */
  static final class Server {
    final Process process;
    final URI base;
    /** One client per server process: connections of a killed one are never reused. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private Server(Process process, URI base) {
      this.process = process;
      this.base = base;
    }

    static Server start(Path jar, Path work, Path data) throws Exception {
      ProcessBuilder pb = new ProcessBuilder("java", "-XX:+UseParallelGC", "-jar", jar.toString(), "--port", "0",
          "--no-auth", "--quiet", "--world", work.resolve("world.json").toString(),
          "--credentials", work.resolve("credentials.json").toString(), "--admin-token", ADMIN,
          "--data", data.toString());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
        seen.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Thread drain = new Thread(() -> {
            try {
              String more;
              while ((more = out.readLine()) != null) {
                // the request log is off (--quiet): anything here is worth seeing
                System.out.println("  server: " + more);
              }
            } catch (IOException ignored) {
              // the process is gone
            }
          });
          drain.setDaemon(true);
          drain.start();
          return new Server(p, URI.create(m.group(1)));
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("the server did not start:\n" + seen);
    }

    List<JsonNode> sessions(String account) throws Exception {
      HttpRequest r = HttpRequest.newBuilder(base.resolve("/_admin/sessions?accountId=" + account))
          .header("X-Admin-Token", ADMIN).timeout(Duration.ofSeconds(30)).GET().build();
      HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("admin sessions answered " + answer.statusCode() + ": " + answer.body());
      }
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(answer.body()).forEach(out::add);
      return out;
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
