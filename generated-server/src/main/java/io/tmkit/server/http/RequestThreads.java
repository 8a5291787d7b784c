package io.tmkit.server.http;

import io.tmkit.server.domain.AccountState;
import io.tmkit.server.domain.World;
import io.tmkit.server.domain.WorldState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Chooses the thread a request runs on. Almost every request is answered from memory without waiting
 * for anything, so it runs on the I/O thread that read it: handing every request to a worker pool cost
 * more CPU than all of Jersey's own processing (measured in the README's benchmark section).
 *
 * <p>Nothing that waits may run there, nor on a thread that unrelated requests need:
 * <ul>
 *   <li>a request with a body (a form POST, an admin world) reaches the handler only once the whole
 *       body is in ({@link WholeBodies}), so a body that trickles in holds no thread;</li>
 *   <li>the admin endpoint (it loads whole worlds) runs on the shared worker pool;</li>
 *   <li>a request of an account with a processing delay (the service sleeps through it, which is what
 *       makes IdempotentProcessing observable) runs on that account's own pool, so that however many
 *       of its requests sleep, no other account's request waits for a thread.</li>
 * </ul>
 * The account is the one the request's Authorization header names (before the signature is checked:
 * only the thread depends on it, never the answer).
 */
final class RequestThreads implements RequestExecutorProvider {
  private static final int PER_ACCOUNT = 16;

  private final World world;
  private final Executor workers;
  private final BiFunction<String, WorldState, AccountState> accountOf;
  private final Map<String, Executor> accountPools = new ConcurrentHashMap<>();

  /** {@code accountOf}: the account a request with this Authorization header (maybe null) is for. */
  RequestThreads(World world, Executor workers, BiFunction<String, WorldState, AccountState> accountOf) {
    this.world = world;
    this.workers = workers;
    this.accountOf = accountOf;
  }

  @Override
  public Executor getExecutor(Request request) {
    HttpRequestPacket packet = request.getRequest();
    if (hasBody(packet) && packet.requiresAcknowledgement()) {
      // Its client sends the body only after 100 Continue: read with blocking reads, so on a worker.
      return workers;
    }
    return afterBody(request);
  }

  /** A request whose body must be collected before it can run (a GET's body is never read). */
  static boolean hasBody(HttpRequestPacket packet) {
    return packet.getMethod() != Method.GET && (packet.getContentLength() > 0 || packet.isChunked());
  }

  /** Where a request runs (its body, if any, is in): null for the I/O thread that read it. */
  private Executor afterBody(Request request) {
    HttpRequestPacket packet = request.getRequest();
    String path = packet.getRequestURI();
    if (path != null && path.startsWith("/" + EnvelopeStage.ADMIN_PATH)) {
      return workers;
    }
    WorldState current = world.current();
    if (!current.delaysProcessing()) {
      return null;
    }
    AccountState account = accountOf.apply(packet.getHeader("Authorization"), current);
    if (account == null || account.processingDelayMs() <= 0) {
      return null;
    }
    return accountPools.computeIfAbsent(account.accountId(), RequestThreads::pool);
  }

  /** Up to 16 threads for one account, which end when idle for a while (worlds change). */
  private static Executor pool(String accountId) {
    AtomicInteger next = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "tmkit-account-" + accountId + "(" + next.incrementAndGet() + ")");
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(PER_ACCOUNT, PER_ACCOUNT, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
