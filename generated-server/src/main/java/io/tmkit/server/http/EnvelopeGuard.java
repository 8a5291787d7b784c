package io.tmkit.server.http;

import io.tmkit.contract.signing.QueryPairs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
  /** A path Jersey can parse: unreserved and sub-delimiter characters and well-formed escapes. */
  private static final Pattern SAFE_PATH = Pattern.compile("(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)+");
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
    if (path == null || (!path.equals("/") && !SAFE_PATH.matcher(path).matches())) {
      request.getRequest().setRequestURI(UNUSABLE_PATH);
    }
    jersey.service(request, response);
  }
}
