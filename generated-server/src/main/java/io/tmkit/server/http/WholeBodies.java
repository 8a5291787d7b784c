package io.tmkit.server.http;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Holds a request with a body back from the handler until the whole body is in, so that no thread
 * ever waits for a body to arrive: the pieces are joined as the I/O thread reads them, and the
 * handler (and {@link RequestThreads}' choice of thread) sees a request whose body is complete.
 * A body still incomplete {@code deadlineMs} after its head gets the 400 envelope and its
 * connection is closed. Once more than {@code cap} bytes are in, or at once when the Content-Length
 * says there will be, the request is handed on as it is (too long: the envelope stage answers so).
 *
 * <p>A request that asks for {@code 100 Continue} is handed on at once (its client waits for the
 * interim answer before it sends the body); it is read on a worker, as before this filter.
 */
final class WholeBodies extends BaseFilter {
  private static final Logger LOG = Logger.getLogger(WholeBodies.class.getName());
  private static final Attribute<Pending> PENDING =
      AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WholeBodies.class.getName() + ".pending");

  /** The body collected so far on a connection and its deadline; whoever finishes it first (body or deadline) claims it. */
  private static final class Pending {
    HttpContent content;
    ScheduledFuture<?> deadline;
    boolean claimed;

    synchronized boolean claim() {
      boolean first = !claimed;
      claimed = true;
      return first;
    }
  }

  private final ScheduledExecutorService timer;
  private final long deadlineMs;
  private final int cap;
  private final int adminCap;
  private final Supplier<byte[]> incomplete;

  WholeBodies(ScheduledExecutorService timer, long deadlineMs, int cap, int adminCap, Supplier<byte[]> incomplete) {
    this.timer = timer;
    this.deadlineMs = deadlineMs;
    this.cap = cap;
    this.adminCap = adminCap;
    this.incomplete = incomplete;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) {
    if (!(ctx.getMessage() instanceof HttpContent piece)) {
      return ctx.getInvokeAction();
    }
    Connection<?> connection = ctx.getConnection();
    Pending pending = PENDING.get(connection);
    HttpRequestPacket request = (HttpRequestPacket) piece.getHttpHeader();
    if (HttpContent.isBroken(piece) && !request.requiresAcknowledgement()) {
      // A body the codec could not read (a bad chunk): it has answered and closes the connection.
      // Handed on, the request would only fail in Grizzly's handler, a warning with a stack trace.
      if (pending != null && pending.claim()) {
        PENDING.remove(connection);
        pending.deadline.cancel(false);
      }
      return ctx.getStopAction();
    }
    int limit = request.getRequestURI() != null && request.getRequestURI().startsWith("/" + EnvelopeStage.ADMIN_PATH)
        ? adminCap : cap;
    if (pending == null) {
      if (piece.isLast() || !RequestThreads.hasBody(request) || request.requiresAcknowledgement()
          || request.getContentLength() > limit) {
        // Nothing to wait for, or a body announced too long to be used: the envelope stage answers
        // it from its Content-Length at once.
        return ctx.getInvokeAction();
      }
      pending = new Pending();
      pending.content = piece;
      PENDING.set(connection, pending);
      Pending started = pending;
      pending.deadline = timer.schedule(() -> missedDeadline(connection, started), deadlineMs, TimeUnit.MILLISECONDS);
      return ctx.getStopAction();
    }
    synchronized (pending) {
      if (pending.claimed) {
        // The deadline answered first: the rest is not read.
        piece.recycle();
        return ctx.getStopAction();
      }
      pending.content = pending.content.append(piece);
      if (!piece.isLast() && pending.content.getContent().remaining() <= limit) {
        return ctx.getStopAction();
      }
      pending.claimed = true;
    }
    PENDING.remove(connection);
    pending.deadline.cancel(false);
    ctx.setMessage(pending.content);
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) {
    Pending pending = PENDING.remove(ctx.getConnection());
    if (pending != null) {
      pending.deadline.cancel(false);
    }
    return ctx.getInvokeAction();
  }

  /** The 400 envelope through the codec (so it is framed like any answer), then the connection closed. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void missedDeadline(Connection connection, Pending pending) {
    if (!pending.claim()) {
      return;
    }
    try {
      HttpRequestPacket request = (HttpRequestPacket) pending.content.getHttpHeader();
      HttpResponsePacket response = request.getResponse();
      byte[] body = incomplete.get();
      response.setStatus(400);
      response.setReasonPhrase("Bad Request");
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getProcessingState().setKeepAlive(false);
      response.setHeader("Connection", "close");
      connection.write(HttpContent.builder(response).content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
          .last(true).build(), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
              connection.closeSilently();
            }

            @Override
            public void failed(Throwable t) {
              connection.closeSilently();
            }
          });
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not answer a request whose body missed its deadline", e);
      connection.closeSilently();
    }
  }
}
