package io.tmkit.server.http;

import io.tmkit.contract.Violation;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Swaps Grizzly's HTTP codec for one that holds every request head to {@link MessageHead} and
 * answers whatever it refuses with the contract's envelope instead of an empty body or a 505:
 * a request line or header block over the limit as the "exceeds" row; a head {@link MessageHead}
 * refuses, or one Grizzly cannot parse, as the "not a well-formed HTTP/1.1 request" row (CONNECT
 * as MethodNotAllowed). Each of these answers closes the connection, so that nothing after an
 * unreadable head is read as a request. So does every other answer that says {@code Connection: close}
 * (a request that ends its connection, HTTP/1.0, and each 400 or 500, which Grizzly always closes
 * after): bytes pipelined after it are dropped unread, never executed, since no answer could follow.
 * A head that is not complete {@code headDeadlineMs} after it began closes its connection.
 * An {@code Upgrade} header is ignored (RFC 9110 section 7.8 lets a server do so), so that the body
 * of a request that asks for one is still read by its own framing.
 */
final class CodecErrors implements AddOn {
  private static final String TOO_LARGE = CodecErrors.class.getName() + ".tooLarge";
  private static final String REFUSED = CodecErrors.class.getName() + ".refused";
  private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** The request Grizzly is parsing on a connection (Grizzly's own attribute, found by its name). */
  private static final Attribute<Object> IN_PROCESS =
      AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
  /** The request after which a connection serves no other. */
  private static final Attribute<Object> LAST =
      AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(CodecErrors.class.getName() + ".last");
  /** Where the scan for folded header lines stands in the head being read on a connection. */
  private static final Attribute<HeadScan> SCAN =
      AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(CodecErrors.class.getName() + ".scan", HeadScan::new);

  /**
   * Grizzly joins a folded header line (a line that starts with a space or tab) to the one before
   * it, so the fold is no longer visible once the head is parsed: the bytes of the head are scanned
   * for it as they arrive, up to the blank line that ends the head.
   */
  private static final class HeadScan {
    boolean afterLineFeed;
    boolean ended;
    boolean folded;
    /**
     * Content-Length field lines in the head's bytes. Grizzly drops a Content-Length it has parsed
     * when a {@code Transfer-Encoding: chunked} follows it, so its parsed headers cannot tell.
     */
    int contentLengths;
    /** Closes the connection if this head is still incomplete at its deadline (null: complete so far). */
    ScheduledFuture<?> deadline;

    void restart() {
      afterLineFeed = false;
      ended = false;
      folded = false;
      contentLengths = 0;
      endDeadline();
    }

    void endDeadline() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }

    void scan(Buffer b) {
      for (int i = b.position(), end = b.limit(); i < end && !ended && !folded; i++) {
        byte c = b.get(i);
        if (c == '\r') {
          continue;
        }
        if (c == '\n') {
          ended = afterLineFeed;
          afterLineFeed = true;
        } else {
          folded = afterLineFeed && (c == ' ' || c == '\t');
          afterLineFeed = false;
        }
      }
    }
  }

  private final Violation tooLarge;
  private final Violation malformed;
  private final Violation connect;
  private final Function<Violation, byte[]> body;
  private final WholeBodies wholeBodies;
  private final ScheduledExecutorService timer;
  private final long headDeadlineMs;
  private final int maxSkippedBody;

  /**
   * {@code body.apply(v)} gives the envelope of v; {@code connect} is MethodNotAllowed for CONNECT;
   * {@code wholeBodies} goes right after the codec; {@code timer} closes heads still incomplete
   * {@code headDeadlineMs} after they began; after an answer, at most {@code maxSkippedBody} bytes
   * of a body nobody read are read and dropped to keep the connection (more: it is closed).
   */
  CodecErrors(Violation tooLarge, Violation malformed, Violation connect, Function<Violation, byte[]> body,
      WholeBodies wholeBodies, ScheduledExecutorService timer, long headDeadlineMs, int maxSkippedBody) {
    this.tooLarge = tooLarge;
    this.malformed = malformed;
    this.connect = connect;
    this.body = body;
    this.wholeBodies = wholeBodies;
    this.timer = timer;
    this.headDeadlineMs = headDeadlineMs;
    this.maxSkippedBody = maxSkippedBody;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int at = builder.indexOfType(HttpServerFilter.class);
    HttpServerFilter original = (HttpServerFilter) builder.get(at);
    @SuppressWarnings("deprecation")
    Codec codec = new Codec(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize(), listener.getKeepAlive(),
        listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
    // Grizzly's default (-1) reads a body nobody will use to its end, however long it announces itself.
    codec.setMaxPayloadRemainderToSkip(maxSkippedBody);
    builder.set(at, codec);
    builder.add(at + 1, wholeBodies);
  }

  private static boolean isHttp10(HttpRequestPacket request) {
    try {
      return request.getProtocol() == Protocol.HTTP_1_0;
    } catch (RuntimeException unknownVersion) {
      return false;
    }
  }

  private final class Codec extends HttpServerFilter {
    private final AnswersKeepConnection keepConnection;

    @SuppressWarnings("deprecation")
    Codec(boolean chunking, int maxHeaderSize, org.glassfish.grizzly.http.KeepAlive keepAlive, int maxRequestHeaders,
        int maxResponseHeaders) {
      super(chunking, maxHeaderSize, null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
      this.keepConnection = new AnswersKeepConnection(keepAlive);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws java.io.IOException {
      Connection<?> connection = ctx.getConnection();
      Object last = LAST.get(connection);
      if (last != null && IN_PROCESS.get(connection) != last) {
        // A request after the one that ended the connection: dropped, never parsed, never executed.
        Object message = ctx.getMessage();
        if (message instanceof Buffer b) {
          b.tryDispose();
        }
        return ctx.getStopAction();
      }
      Object inProcess = IN_PROCESS.get(connection);
      boolean inHead = !(inProcess instanceof HttpPacketParsing p && p.isHeaderParsed());
      HeadScan scan = null;
      if (inHead && ctx.getMessage() instanceof Buffer b) {
        scan = SCAN.get(connection);
        if (inProcess == null) {
          scan.restart();
        }
        scan.scan(b);
      }
      NextAction next = super.handleRead(ctx);
      if (scan != null && scan.deadline == null && IN_PROCESS.get(connection) instanceof HttpPacketParsing p
          && !p.isHeaderParsed() && connection.isOpen()) {
        // The head did not come whole in one read (an ordinary one does, and costs no timer).
        scan.deadline = timer.schedule(connection::closeSilently, headDeadlineMs, TimeUnit.MILLISECONDS);
      }
      return next;
    }

    /**
     * Every field name must be a token (RFC 9110 section 5.1) ending in a colon with no space before
     * it (RFC 9112 section 5.1): a line without a colon is refused when its end arrives, instead of
     * being read as the start of a name that never ends. The same holds for the trailer lines of a
     * chunked body (an empty chunk size reads as the last chunk, and what follows as trailers).
     */
    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HttpCodecFilter.HeaderParsingState state,
        byte[] input, int end) {
      boolean named = super.parseHeaderName(header, headers, state, input, end);
      int from = state.arrayOffset + state.start;
      int to = state.arrayOffset + state.offset - (named ? 1 : 0);
      boolean contentLength = named && to - from == CONTENT_LENGTH.length;
      for (int i = from; i < to; i++) {
        byte c = input[i];
        if (!MessageHead.tokenChar(c)) {
          throw refuse(header, MessageHead.Fault.FIELD_NAME);
        }
        contentLength = contentLength && (c | 0x20) == CONTENT_LENGTH[i - from];
      }
      named(header, named, to - from, contentLength);
      return named;
    }

    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HttpCodecFilter.HeaderParsingState state,
        Buffer input) {
      boolean named = super.parseHeaderName(header, headers, state, input);
      int from = state.start;
      int to = state.offset - (named ? 1 : 0);
      boolean contentLength = named && to - from == CONTENT_LENGTH.length;
      for (int i = from; i < to; i++) {
        byte c = input.get(i);
        if (!MessageHead.tokenChar(c)) {
          throw refuse(header, MessageHead.Fault.FIELD_NAME);
        }
        contentLength = contentLength && (c | 0x20) == CONTENT_LENGTH[i - from];
      }
      named(header, named, to - from, contentLength);
      return named;
    }

    /** A complete field name ({@code named}) of {@code length} bytes: not empty; counted if it is Content-Length. */
    private void named(HttpHeader header, boolean named, int length, boolean contentLength) {
      if (named && length == 0) {
        throw refuse(header, MessageHead.Fault.FIELD_NAME);
      }
      if (contentLength && header instanceof HttpRequestPacket request) {
        SCAN.get(request.getConnection()).contentLengths++;
      }
    }

    /**
     * Marks the head refused for {@code customizeErrorResponse} and returns what to throw: Grizzly
     * answers a head (or a body) it cannot parse with its error response and closes the connection.
     */
    private IllegalStateException refuse(HttpHeader header, MessageHead.Fault fault) {
      header.getAttributes().setAttribute(REFUSED, fault);
      return new IllegalStateException(fault.reason);
    }

    /**
     * An answer that says {@code Connection: close} is the connection's last: Grizzly closes it once
     * the answer is written, so a request read after it would run without ever being answered (and a
     * client that pipelined it retries it elsewhere, RFC 9112 section 9.3.2). Whether it does is
     * decided while the head is encoded, after {@link AnswersKeepConnection} has taken back Grizzly's
     * closing of a documented 400 or 500.
     */
    @Override
    protected Buffer encodeHttpPacket(FilterChainContext ctx, HttpPacket input) {
      keepConnection.beforeEncoding(ctx.getConnection(), input);
      HttpHeader header = input.isHeader() ? (HttpHeader) input : ((HttpContent) input).getHttpHeader();
      boolean heading = !header.isCommitted();
      Buffer encoded = super.encodeHttpPacket(ctx, input);
      if (heading && header instanceof HttpResponsePacket response && response.getRequest() != null
          && !response.getProcessingState().isKeepAlive()) {
        LAST.set(ctx.getConnection(), response.getRequest());
      }
      return encoded;
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
      HttpRequestPacket request = (HttpRequestPacket) header;
      HeadScan scan = SCAN.get(ctx.getConnection());
      scan.endDeadline();
      MessageHead.Fault fault = scan.folded ? MessageHead.Fault.FOLDED_HEADER
          : MessageHead.check(request, scan.contentLengths);
      if (fault != null) {
        // Grizzly answers a head it cannot use with its error response (below) and closes the connection.
        throw refuse(header, fault);
      }
      boolean error = super.onHttpHeaderParsed(header, buffer, ctx);
      if (!error && MessageHead.endsConnection(request)) {
        LAST.set(ctx.getConnection(), request);
      }
      return error;
    }

    @Override
    protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader header) {
      // Not served: the request is read and answered as if it had no Upgrade header.
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws java.io.IOException {
      if (t != null && String.valueOf(t.getMessage()).contains("too large")) {
        header.getAttributes().setAttribute(TOO_LARGE, Boolean.TRUE);
      }
      super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected void onInitialLineEncoded(HttpHeader header, FilterChainContext ctx) {
      keepConnection.afterStatusLine(header);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
      keepConnection.refused(response);
      HttpRequestPacket request = response.getRequest();
      Object refused = request == null ? null : request.getAttributes().getAttribute(REFUSED);
      Violation v;
      if (request != null && Boolean.TRUE.equals(request.getAttributes().getAttribute(TOO_LARGE))) {
        v = tooLarge;
      } else if (refused == MessageHead.Fault.CONNECT) {
        v = connect;
        // Grizzly writes no length for an answer to CONNECT (it expects a tunnel): answered as to a GET.
        request.setMethod(Method.GET);
      } else {
        v = malformed;
      }
      if (request != null && !isHttp10(request)) {
        // Grizzly leaves an answer to HTTP/0.9 without a content type; the answer is HTTP/1.1 anyway.
        request.setProtocol(Protocol.HTTP_1_1);
      }
      byte[] bytes = body.apply(v);
      response.setStatus(v.status());
      response.setReasonPhrase(org.glassfish.grizzly.http.util.HttpStatus.getHttpStatus(v.status()).getReasonPhrase());
      response.setContentType("application/json");
      // When the header block overflowed, the content type is not written from the field above.
      response.setHeader("Content-Type", "application/json");
      response.setContentLength(bytes.length);
      return HttpContent.builder(response)
          .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes))
          .last(true)
          .build();
    }
  }
}
