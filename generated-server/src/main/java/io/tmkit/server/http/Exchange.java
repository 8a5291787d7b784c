package io.tmkit.server.http;

import io.tmkit.contract.RequestParameters;
import io.tmkit.server.auth.Caller;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;

/**
 * What the stages learn about one request, carried from filter to resource to mapper: its RequestId,
 * the method as sent, the decoded parameters, the caller. Jersey runs a synchronous request's filters,
 * resource method, mappers and response filters on one worker thread, so the exchange is that
 * thread's for the request; looking it up through HK2 instead cost more than the rest of the adapter.
 * A durable create is the exception: its answer is finished on the thread that completed its commit,
 * which {@link #adopt}s the exchange first.
 * {@link EnvelopeGuard} clears it when a request arrives, the request log when the answer leaves.
 */
final class Exchange {
  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  final String requestId;
  final long startNanos;
  final String method;
  String action = "";
  String version = "";
  String region;
  RequestParameters parameters;
  /** The parameters of the query string alone, as the signature covers them. */
  List<Map.Entry<String, String>> signedQuery = List.of();
  byte[] body = new byte[0];
  Caller caller;
  boolean admin;
  /** The documented code answered, for the request log (null on success). */
  String code;
  /** Jersey's view of the request (null for a detached exchange). */
  final ContainerRequestContext context;

  private Exchange(String requestId, String method, String region, ContainerRequestContext context) {
    this.requestId = requestId;
    this.context = context;
    this.startNanos = System.nanoTime();
    this.method = method;
    this.region = region;
  }

  /** An exchange for a request Jersey never saw (Grizzly's own error pages). */
  static Exchange detached(String method, String defaultRegion) {
    return new Exchange(RequestIds.next(), method, defaultRegion, null);
  }

  static Exchange begin(ContainerRequestContext ctx, String defaultRegion) {
    Exchange e = new Exchange(RequestIds.next(), ctx.getMethod(), defaultRegion, ctx);
    CURRENT.set(e);
    return e;
  }

  /** The current request's exchange; one is made up if a failure struck before the first filter ran. */
  static Exchange current(String defaultRegion) {
    Exchange e = CURRENT.get();
    if (e == null) {
      e = detached("-", defaultRegion);
      CURRENT.set(e);
    }
    return e;
  }

  /** The current request's exchange, or null before the envelope stage. */
  static Exchange peek() {
    return CURRENT.get();
  }

  /**
   * Makes {@code e} the current thread's exchange again: a create answered once its commit is in
   * finishes (its answer, the request log) on the store's writer thread, not on the one that began it.
   */
  static void adopt(Exchange e) {
    CURRENT.set(e);
  }

  static void end() {
    CURRENT.remove();
  }
}
