package io.tmkit.server.http;

import java.util.function.Function;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly answers a request it cannot even parse (a request line over the header limit, a tab or a
 * stray byte in it) itself, with an empty body and sometimes 505. This add-on swaps Grizzly's HTTP
 * codec for one whose error answers are the contract's envelope with status 400: the "exceeds" row
 * when the request line or headers were too large, the "malformed" row otherwise.
 */
final class CodecErrors implements AddOn {
  private static final String TOO_LARGE = CodecErrors.class.getName() + ".tooLarge";

  private final Function<Boolean, byte[]> envelope;

  /** {@code envelope.apply(tooLarge)} gives the body to send. */
  CodecErrors(Function<Boolean, byte[]> envelope) {
    this.envelope = envelope;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int at = builder.indexOfType(HttpServerFilter.class);
    HttpServerFilter original = (HttpServerFilter) builder.get(at);
    @SuppressWarnings("deprecation")
    Codec codec = new Codec(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize(), listener.getKeepAlive(),
        listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
    codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
    builder.set(at, codec);
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
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws java.io.IOException {
      if (t != null && String.valueOf(t.getMessage()).contains("too large")) {
        header.getAttributes().setAttribute(TOO_LARGE, Boolean.TRUE);
      }
      super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected Buffer encodeHttpPacket(FilterChainContext ctx, HttpPacket input) {
      keepConnection.beforeEncoding(ctx.getConnection(), input);
      return super.encodeHttpPacket(ctx, input);
    }

    @Override
    protected void onInitialLineEncoded(HttpHeader header, FilterChainContext ctx) {
      keepConnection.afterStatusLine(header);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
      keepConnection.refused(response);
      boolean tooLarge = response.getRequest() != null
          && Boolean.TRUE.equals(response.getRequest().getAttributes().getAttribute(TOO_LARGE));
      byte[] body = envelope.apply(tooLarge);
      HttpStatus.BAD_REQUEST_400.setValues(response);
      response.setContentType("application/json");
      // When the header block overflowed, the content type is not written from the field above.
      response.setHeader("Content-Type", "application/json");
      response.setContentLength(body.length);
      return HttpContent.builder(response)
          .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
          .last(true)
          .build();
    }
  }

}
