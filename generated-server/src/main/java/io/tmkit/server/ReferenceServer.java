package io.tmkit.server;

import io.tmkit.contract.Contract;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.server.auth.Authenticator;
import io.tmkit.server.domain.TrafficMirrorService;
import io.tmkit.server.domain.SessionStore;
import io.tmkit.server.domain.World;
import io.tmkit.server.domain.WorldState;
import io.tmkit.server.store.SqliteSessionStore;
import io.tmkit.server.http.HttpAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;

/**
 * The stateful reference server: the contract's operation on Jersey over an embedded Grizzly, answering
 * from a world (accounts, network interfaces, targets, filters, sessions) that tests and users set up.
 */
public final class ReferenceServer implements AutoCloseable {
  /**
   * Grizzly's limit for the request line and headers. Far above the contract's query-string limit, so
   * that an over-long query string reaches the envelope stage and gets its documented answer.
   */
  static final int MAX_HEADER_BYTES = 1 << 20;
  static final int WORKERS = 16;

  private final HttpServer http;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final URI baseUri;
  private final Admin admin;
  private final HttpAdapter adapter;
  private final World world;

  private ReferenceServer(HttpServer http, ExecutorService workers, ScheduledExecutorService timer, URI baseUri,
      Admin admin, HttpAdapter adapter, World world) {
    this.world = world;
    this.http = http;
    this.workers = workers;
    this.timer = timer;
    this.baseUri = baseUri;
    this.admin = admin;
    this.adapter = adapter;
  }

  public static ReferenceServer start(ServerOptions options) {
    Contract contract = Contract.bundled();
    SessionStore store = options.data() == null ? SessionStore.inMemory()
        : SqliteSessionStore.open(options.data(), options.dataSync());
    World world;
    try {
      world = new World(options.world().read(), contract.quotaDefaults(), store);
    } catch (RuntimeException e) {
      store.close();
      if (options.data() != null && e instanceof IllegalArgumentException) {
        throw new IllegalArgumentException("data directory " + options.data() + " and the world file disagree: "
            + e.getMessage());
      }
      throw e;
    }
    TrafficMirrorService service = new TrafficMirrorService(contract, store);
    Authenticator authenticator = new Authenticator(contract, options.credentials().read());
    Admin admin = new Admin(world, service);
    HttpAdapter adapter = new HttpAdapter(contract, world, service, authenticator, options.auth(), admin,
        options.adminToken(), options.requestLog(), options.headDeadlineMs(), options.bodyDeadlineMs());
    HttpServer http = new HttpServer();
    NetworkListener listener = new NetworkListener("tmkit", options.host(), options.port());
    listener.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
    // Requests are parsed and, unless they may wait, answered on the I/O threads (RequestThreads);
    // Grizzly's own worker pool would take every request through a queue hand-off.
    listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
    // A fixed pool for the requests that may wait: sixteen leave room while a slow account's requests
    // sleep through their processing delay.
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, new WorkerThreads("tmkit-worker"));
    // One timer thread for the head and body deadlines (a daemon: it never keeps the JVM alive).
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tmkit-body-deadlines");
      t.setDaemon(true);
      return t;
    });
    listener.registerAddOn(adapter.codecErrors(timer));
    http.addListener(listener);
    // With a data directory a create waits for its commit on the I/O thread that read it: measured, that
    // cost half the CPU per create of handing every request to a pool of 64 threads that wait instead
    // (the hand-off's wake-ups, not SQLite, were the cost). The creates of both I/O threads share a commit.
    http.getServerConfiguration().addHttpHandler(adapter.httpHandler(workers), "/");
    // A body on a GET is ignored (the signature then covers an empty body) rather than refused by Grizzly.
    http.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
    // Grizzly answers TRACE itself (405, an empty body, an Allow header naming six methods); passed on,
    // it gets the MethodNotAllowed envelope like every other method but GET and the form POST.
    http.getServerConfiguration().setPassTraceRequest(true);
    http.getServerConfiguration().setDefaultErrorPageGenerator(adapter.errorPages());
    try {
      http.start();
    } catch (IOException e) {
      workers.shutdownNow();
      timer.shutdownNow();
      store.close();
      throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
    }
    URI actual = URI.create("http://" + options.host() + ":" + listener.getPort() + "/");
    return new ReferenceServer(http, workers, timer, actual, admin, adapter, world);
  }

  /** Where the server listens, e.g. {@code http://127.0.0.1:41234/}. */
  public URI baseUri() {
    return baseUri;
  }

  public int port() {
    return baseUri.getPort();
  }

  public Admin admin() {
    return admin;
  }

  /** Where the state is kept, and what the start restored from there: for the ready line. */
  public String stateDescription() {
    WorldState.Restored r = world.restored();
    String text = world.store().describe();
    if (world.store() != SessionStore.inMemory()) {
      text += "; restored " + r.sessions() + " sessions, " + r.clientTokens() + " ClientTokens";
      if (r.dormantSessions() > 0) {
        text += " (" + r.dormantSessions() + " more kept but not served: accounts " + r.dormantAccounts()
            + " are not in the world file)";
      }
    }
    return text;
  }

  /** The stages this server evaluates and the codes of each, in order (compare with the contract's). */
  public List<EvaluationStage> evaluationPlan() {
    return adapter.plan();
  }

  /** Named daemon threads: a worker never keeps the JVM alive after the server is closed. */
  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger();
    private final String name;

    WorkerThreads(String name) {
      this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, name + "(" + next.incrementAndGet() + ")");
      t.setDaemon(true);
      return t;
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
    workers.shutdownNow();
    timer.shutdownNow();
    // After the listener: what was queued is committed, then the database and its lock are released.
    world.store().close();
  }
}
