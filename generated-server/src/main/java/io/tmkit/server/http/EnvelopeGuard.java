package io.tmkit.server.http;

import io.tmkit.contract.signing.QueryPairs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * Sits between Grizzly and Jersey. Jersey builds a {@code java.net.URI} from the request line before
 * any filter runs and answers a bad escape ({@code ?Priority=%zz}) or a stray character with an HTML
 * page and a stack trace. This reads the raw query string first, records what it found for the
 * envelope stage (which answers in the contract's order), and hands Jersey only text it can parse:
 * the canonical encoding of the parameters, or nothing when the query is unusable.
 */
final class EnvelopeGuard extends HttpHandler {
  /** Where an unparseable path is sent: not "/", so the envelope stage names no operation for it. */
  private static final String UNUSABLE_PATH = "/-";

  private final HttpHandler jersey;
  private final int maxQueryBytes;
  private final RequestExecutorProvider threads;

  /** {@code jersey}: a {@link RequestTargetContainer}; bodies have been collected whole by {@link WholeBodies}. */
  EnvelopeGuard(HttpHandler jersey, int maxQueryBytes, RequestExecutorProvider threads) {
    this.jersey = jersey;
    this.maxQueryBytes = maxQueryBytes;
    this.threads = threads;
  }

  /**
   * A path Jersey can parse: a slash, then slashes, unreserved and sub-delimiter characters and
   * well-formed escapes. A loop, not a regular expression: a repeated group recursed once per
   * segment and overflowed the stack on a long path (a close without an answer).
   */
  static boolean safePath(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    for (int i = 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "/._~!$&'()*+,;=:@-".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Query text Jersey takes as it is: RFC 3986 query characters (escapes are already checked by {@link RawQuery}). */
  private static boolean jerseyCanParse(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "._~!$&'()*+,;=:@/?%-".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public RequestExecutorProvider getRequestExecutorProvider() {
    return threads;
  }

  /**
   * Only {@code 100-continue} is acknowledged; another expectation is ignored (RFC 9110 section
   * 10.1.1 lets a server do so), where Grizzly would answer a bare 417 that no row documents.
   */
  @Override
  protected boolean sendAcknowledgment(Request request, Response response) throws java.io.IOException {
    return !"100-continue".equalsIgnoreCase(request.getHeader("Expect")) || super.sendAcknowledgment(request, response);
  }

  @Override
  public void start() {
    jersey.start();
  }

  @Override
  public void destroy() {
    jersey.destroy();
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    Exchange.end();
    String raw = request.getQueryString();
    RawRequest seen;
    if (raw != null && raw.length() > maxQueryBytes) {
      seen = new RawRequest(raw, true, Optional.empty());
    } else {
      seen = new RawRequest(raw, false, RawQuery.parse(raw));
    }
    request.setAttribute(RawRequest.ATTRIBUTE, seen);
    Optional<List<Map.Entry<String, String>>> pairs = seen.parameters();
    if (raw != null && (pairs.isEmpty() || !jerseyCanParse(raw))) {
      request.getRequest().setQueryString(pairs.isPresent() ? QueryPairs.encode(pairs.get()) : null);
    }
    String path = request.getRequestURI();
    if (path == null || (!path.equals("/") && !safePath(path))) {
      request.getRequest().setRequestURI(UNUSABLE_PATH);
    }
    jersey.service(request, response);
  }
}
