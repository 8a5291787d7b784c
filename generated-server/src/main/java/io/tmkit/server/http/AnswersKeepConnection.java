package io.tmkit.server.http;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.ProcessingState;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;

/**
 * Grizzly closes the connection after every answer whose status is 400 or 500 (its
 * {@code statusDropsConnection}, the list Apache httpd uses for its own parse errors, with 408, 413,
 * 503 and others). The server's
 * 400s and 500s are the contract's envelopes for requests it has read whole: a bad parameter, an
 * injected fault. After them the connection is as sound as after a 404 or a 409, which Grizzly keeps;
 * closing it made each such answer cost the client a new connection and the server its accept and
 * teardown (measured: a create on a new connection cost 84 us of server CPU instead of 46, and 8 of
 * the 10 requests of the benchmark's invalid mix were 400s). This takes back that one rule, and only
 * for those answers: the codec's own refusals (an unreadable head) still close, and every other reason
 * Grizzly has to close still applies, each checked the way Grizzly checks it: the client's
 * {@code Connection: close} or HTTP/1.0, an answer without a length, the requests-per-connection limit,
 * a {@code Connection: close} on the answer; a body left unread is still skipped or the connection
 * closed by Grizzly after the answer.
 *
 * <p>Used by the codec ({@link CodecErrors}): {@link #beforeEncoding} before Grizzly prepares an
 * answer's head, {@link #afterStatusLine} once it has decided and written the status line but not
 * yet the headers, {@link #refused} for the codec's own refusals.
 */
final class AnswersKeepConnection {
  /** What Grizzly knew of the connection before preparing the answer, and its count of answers. */
  private static final class Seen {
    int counted;
    boolean keepAliveAsked;
    boolean closeOnAnswer;
    boolean refused;
  }

  private static final Attribute<Seen> SEEN = AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER
      .createAttribute(AnswersKeepConnection.class.getName() + ".seen", Seen::new);
  private static final byte[] CLOSE = "close".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final int maxRequests;

  /** {@code keepAlive}: the listener's settings, which Grizzly's codec applies (null: none). */
  AnswersKeepConnection(KeepAlive keepAlive) {
    this.maxRequests = keepAlive == null ? 0 : keepAlive.getMaxRequestsCount();
  }

  void beforeEncoding(Connection<?> connection, HttpPacket packet) {
    HttpResponsePacket response = responseOf(packet);
    if (response == null || response.isCommitted() || response.isAcknowledgement()) {
      return;
    }
    Seen seen = SEEN.get(connection);
    seen.keepAliveAsked = response.getProcessingState().isKeepAlive();
    DataChunk connectionHeader = response.getHeaders().getValue(Header.Connection);
    seen.closeOnAnswer = connectionHeader != null && !connectionHeader.isNull()
        && connectionHeader.equalsIgnoreCase(CLOSE);
  }

  /** The codec is answering a request it refused to read: that answer closes the connection. */
  void refused(HttpResponsePacket response) {
    if (response.getRequest() != null && response.getRequest().getConnection() != null) {
      SEEN.get(response.getRequest().getConnection()).refused = true;
    }
  }

  void afterStatusLine(HttpHeader header) {
    if (!(header instanceof HttpResponsePacket response) || response.isAcknowledgement()
        || response.getRequest() == null || response.getRequest().getConnection() == null) {
      return;
    }
    Seen seen = SEEN.get(response.getRequest().getConnection());
    boolean refused = seen.refused;
    seen.refused = false;
    if (!seen.keepAliveAsked || maxRequests == 0) {
      return;
    }
    // Grizzly's checks, in its order; it counts an answer only when the first two pass.
    int status = response.getStatus();
    boolean entityBody = status != 204 && status != 205 && status != 304;
    if (entityBody && !response.isChunked() && response.getContentLength() == -1) {
      return;
    }
    seen.counted++;
    boolean withinLimit = maxRequests == -1 || seen.counted < maxRequests;
    ProcessingState state = response.getProcessingState();
    if (withinLimit && !seen.closeOnAnswer && !refused && !state.isError() && !state.isKeepAlive()) {
      // Every other check passed, so the status alone closed it: kept, and the "Connection: close"
      // Grizzly set for it taken back (the headers are written after this).
      state.setKeepAlive(true);
      response.getHeaders().removeHeader(Header.Connection);
    }
  }

  private static HttpResponsePacket responseOf(HttpPacket packet) {
    HttpHeader header = packet.isHeader() ? (HttpHeader) packet : ((HttpContent) packet).getHttpHeader();
    return header instanceof HttpResponsePacket r ? r : null;
  }
}
