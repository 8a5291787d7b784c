package io.tmkit.client;

import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.VolcengineSigner;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Signs every request of the generated client's Jersey client, last thing before it leaves: the
 * signature covers the query string exactly as it was encoded for the wire (decoded back into
 * pairs, as a server decodes it), the Host header the connection will send, and a fresh X-Date per
 * attempt. Credentials are fetched per request, so rotating them needs no new client.
 */
@Priority(Priorities.AUTHENTICATION)
public final class VolcengineSigningFilter implements ClientRequestFilter {
  private final VolcengineSigner signer;
  private final Supplier<Credentials> credentials;
  private final String region;
  private final String service;
  private final Clock clock;

  public VolcengineSigningFilter(SigningSpec spec, Supplier<Credentials> credentials, String region, String service,
      Clock clock) {
    this.signer = new VolcengineSigner(spec);
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.clock = clock;
  }

  @Override
  public void filter(ClientRequestContext request) {
    // The generated client sends no body (GET); a body would have to be signed by its bytes, which a
    // filter does not see before serialisation, so refuse rather than sign the wrong thing.
    if (request.hasEntity()) {
      throw new IllegalStateException("this client signs only requests without a body");
    }
    headersFor(request.getMethod(), request.getUri(), Map.of(), new byte[0])
        .forEach((name, value) -> request.getHeaders().putSingle(name, value));
  }

  /**
   * The headers that sign a request to {@code uri}: X-Date, X-Content-Sha256, Authorization (and
   * X-Security-Token with STS credentials). {@code extraSignedHeaders} are signed too.
   */
  public Map<String, String> headersFor(String method, URI uri, Map<String, String> extraSignedHeaders, byte[] body) {
    Map<String, String> toSign = new LinkedHashMap<>();
    toSign.put("Host", hostHeader(uri));
    toSign.putAll(extraSignedHeaders);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    SigningRequest signing = new SigningRequest(method, path, queryPairs(uri.getRawQuery()), toSign, body);
    return signer.sign(signing, credentials.get(), region, service, clock.instant());
  }

  /** The Host header as Java's HTTP connection writes it: the port only when it is not the default. */
  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1
        || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
        || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /** The query as sent, split and percent-decoded into pairs (order and repeats kept). */
  static List<Map.Entry<String, String>> queryPairs(String rawQuery) {
    return QueryPairs.decode(rawQuery);
  }
}
