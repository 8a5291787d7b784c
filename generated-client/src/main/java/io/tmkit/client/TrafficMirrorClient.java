package io.tmkit.client;

import io.tmkit.client.generated.api.TrafficMirrorApi;
import io.tmkit.client.generated.invoker.ApiClient;
import io.tmkit.client.generated.invoker.ApiException;
import io.tmkit.client.generated.invoker.ApiResponse;
import io.tmkit.client.generated.model.CreateTrafficMirrorSessionResponse;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;

/**
 * The client of CreateTrafficMirrorSession: the generated jersey3 transport plus what a generator
 * cannot write — the Volcengine signature, client-side validation from the contract, one typed
 * exception, and idempotent retries.
 *
 * <p>Retries: a request that gets no answer, 429, a 5xx or 412 {@code IdempotentProcessing} is sent
 * again after a jittered, bounded backoff, with the same ClientToken (one is generated when the caller
 * gives none). The server's ledger answers a repeated token with the session it already created, so a
 * retry never creates a second session. Every other error is final and thrown at once.
 *
 * <p>Thread-safe; build one per endpoint and credentials, and {@link #close()} it when done.
 */
public final class TrafficMirrorClient implements AutoCloseable {
  public static final String ENV_ACCESS_KEY = "VOLCENGINE_ACCESS_KEY";
  public static final String ENV_SECRET_KEY = "VOLCENGINE_SECRET_KEY";
  public static final String ENV_SESSION_TOKEN = "VOLCENGINE_SESSION_TOKEN";
  public static final String DEFAULT_REGION = "cn-beijing";

  private final Contract contract;
  private final TrafficMirrorApi api;
  private final GeneratedOperation operation;
  private final ClientSideValidation validation;
  private final boolean validate;
  private final RetryPolicy retry;
  private final ErrorEnvelope errors;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final Supplier<String> tokens;
  private final Supplier<TrafficMirrorApi> preparingApi;
  private TrafficMirrorApi preparing;

  private TrafficMirrorClient(Builder b) {
    this.contract = b.contract;
    this.validate = b.validate;
    this.retry = b.retry;
    this.random = b.random;
    this.sleeper = b.sleeper;
    this.tokens = b.tokens;
    this.validation = new ClientSideValidation(contract);
    this.errors = new ErrorEnvelope(contract.errors());
    this.operation = GeneratedOperation.bind(contract);

    Supplier<Credentials> credentials = b.credentials;
    VolcengineSigningFilter signing = new VolcengineSigningFilter(
        contract.signing(), credentials, b.region, contract.signing().service(), b.clock);
    // The builder's values now: a builder changed after build() must not change this client.
    URI endpoint = b.endpoint;
    int connectMs = (int) b.connectTimeout.toMillis();
    int readMs = (int) b.readTimeout.toMillis();
    this.api = b.wireTap == null ? api(endpoint, connectMs, readMs, signing)
        : api(endpoint, connectMs, readMs, signing, new WireTapFilter(b.wireTap));
    // The dry run's own Jersey client, built on first use: most clients never prepare.
    this.preparingApi = () -> api(endpoint, connectMs, readMs, signing, new CaptureFilter());
  }

  /** A generated API on its own Jersey client: the signing filter, then {@code extra} filters. */
  private static TrafficMirrorApi api(URI endpoint, int connectMs, int readMs, VolcengineSigningFilter signing,
      Object... extra) {
    ApiClient apiClient = new ApiClient();
    ClientConfig config = apiClient.getClientConfig();
    config.register(signing);
    for (Object filter : extra) {
      config.register(filter);
    }
    config.property(ClientProperties.CONNECT_TIMEOUT, connectMs);
    config.property(ClientProperties.READ_TIMEOUT, readMs);
    apiClient.setClientConfig(config);
    apiClient.setConnectTimeout(connectMs);
    apiClient.setReadTimeout(readMs);
    apiClient.setUserAgent("tmkit-generated-client");
    // The generated code appends the operation's path ("/") to the base path.
    String base = endpoint.toString();
    apiClient.setBasePath(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    return new TrafficMirrorApi(apiClient);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a session. Throws {@link TrafficMirrorException} for every failure: a documented error
   * from the server, a local validation failure (nothing sent), or no answer after the last attempt.
   */
  public CreateTrafficMirrorSessionResult createTrafficMirrorSession(CreateTrafficMirrorSessionRequest request) {
    Objects.requireNonNull(request, "request");
    CreateTrafficMirrorSessionRequest withToken =
        request.clientToken() == null ? request.withClientToken(tokens.get()) : request;
    Map<String, String> byName = checked(withToken);

    for (int attempt = 1; ; attempt++) {
      try {
        ApiResponse<CreateTrafficMirrorSessionResponse> response = operation.invoke(api, byName);
        var result = response.getData().getResult();
        return new CreateTrafficMirrorSessionResult(
            result.getTrafficMirrorSessionId(), result.getRequestId(), withToken.clientToken(), attempt);
      } catch (ApiException e) {
        TrafficMirrorException failure = errors.toException(e);
        if (attempt >= retry.maxAttempts() || !isRetryable(failure)) {
          throw failure;
        }
      } catch (ProcessingException e) {
        if (attempt >= retry.maxAttempts()) {
          throw TrafficMirrorException.transport(e);
        }
      }
      sleeper.sleep(retry.delayAfter(attempt, random));
    }
  }

  /**
   * The request that {@link #createTrafficMirrorSession} would send first, validated and signed the
   * same way, without sending it (a dry run): it goes through the same generated transport and signing
   * filter, and is stopped after signing, before a connection is opened. Throws
   * {@link TrafficMirrorException} (local) for what validation refuses. A request without a ClientToken
   * gets one, which the returned request carries.
   */
  public SignedRequest prepare(CreateTrafficMirrorSessionRequest request) {
    Objects.requireNonNull(request, "request");
    CreateTrafficMirrorSessionRequest withToken =
        request.clientToken() == null ? request.withClientToken(tokens.get()) : request;
    Map<String, String> byName = checked(withToken);
    try {
      operation.invoke(preparing(), byName);
    } catch (RuntimeException | ApiException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CaptureFilter.Captured captured) {
          return captured.request();
        }
      }
      throw new IllegalStateException("the request was not stopped before sending", e);
    }
    throw new IllegalStateException("the request was not stopped before sending");
  }

  private synchronized TrafficMirrorApi preparing() {
    if (preparing == null) {
      preparing = preparingApi.get();
    }
    return preparing;
  }

  /** The wire parameters by name, after validation (on or off as built). */
  private Map<String, String> checked(CreateTrafficMirrorSessionRequest withToken) {
    List<Map.Entry<String, String>> wire = withToken.parameters(contract);
    (validate ? validation.check(wire) : validation.checkEncodable(wire).or(() -> validation.checkRequired(wire)))
        .ifPresent(v -> {
          throw TrafficMirrorException.local(v);
        });
    // A parameter the generated method has no argument for (a tag past the contract's last indexed
    // parameter) cannot be sent by the typed transport; rather than drop it silently, answer what the
    // contract says about it, validation on or off.
    if (!operation.wireNames().containsAll(wire.stream().map(Map.Entry::getKey).toList())) {
      throw TrafficMirrorException.local(validation.check(wire).orElseThrow(() -> new IllegalStateException(
          "the generated transport cannot send " + wire + " and the contract finds no fault in it")));
    }
    Map<String, String> byName = new LinkedHashMap<>();
    wire.forEach(e -> byName.put(e.getKey(), e.getValue()));
    return byName;
  }

  /** 429, 5xx and 412 IdempotentProcessing: the same request may succeed later, with the same token. */
  static boolean isRetryable(TrafficMirrorException e) {
    return e.status() == 429
        || e.status() >= 500
        || (e.status() == 412 && ErrorCode.IDEMPOTENT_PROCESSING.equals(e.code()));
  }

  /** The parameters this client would send for a request (after folding), for tools and tests. */
  public List<Map.Entry<String, String>> wireParameters(CreateTrafficMirrorSessionRequest request) {
    return request.parameters(contract);
  }

  /** The contract parameter behind each argument of the generated method, in argument order. */
  public List<String> generatedArgumentOrder() {
    return operation.wireNames();
  }

  public Contract contract() {
    return contract;
  }

  @Override
  public void close() {
    api.getApiClient().getHttpClient().close();
    synchronized (this) {
      if (preparing != null) {
        preparing.getApiClient().getHttpClient().close();
      }
    }
  }

  /** Waits between attempts; replaceable so that tests can count waits instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration);
  }

  public static final class Builder {
    private Contract contract = Contract.bundled();
    private URI endpoint;
    private String region = DEFAULT_REGION;
    private Supplier<Credentials> credentials;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean validate = true;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = RandomGenerator.getDefault();
    private Sleeper sleeper = d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to retry", e);
      }
    };
    private Supplier<String> tokens = () -> UUID.randomUUID().toString();
    private WireTap wireTap;

    private Builder() {}

    /**
     * Where to send: an absolute {@code http} or {@code https} URL with a host (the transport can speak
     * nothing else; an {@code ftp:} URL used to fail deep inside the connector).
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an http or https URL with a host: " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    public Builder endpoint(String endpoint) { return endpoint(URI.create(endpoint)); }

    /** Sees each attempt's signed request and its answer (debug output). */
    public Builder wireTap(WireTap tap) { this.wireTap = Objects.requireNonNull(tap); return this; }
    public Builder region(String region) { this.region = Objects.requireNonNull(region); return this; }

    public Builder credentials(Credentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      this.credentials = () -> credentials;
      return this;
    }

    public Builder credentials(String accessKey, String secretKey) {
      return credentials(Credentials.of(accessKey, secretKey));
    }

    /** Credentials from {@code VOLCENGINE_ACCESS_KEY}, {@code VOLCENGINE_SECRET_KEY} and optional {@code VOLCENGINE_SESSION_TOKEN}. */
    public Builder credentialsFromEnvironment() {
      return credentials(credentialsFrom(System.getenv()).orElseThrow(() -> new IllegalStateException(
          ENV_ACCESS_KEY + " and " + ENV_SECRET_KEY + " must be set")));
    }

    public Builder connectTimeout(Duration d) { this.connectTimeout = requirePositive(d); return this; }
    public Builder readTimeout(Duration d) { this.readTimeout = requirePositive(d); return this; }
    public Builder retryPolicy(RetryPolicy policy) { this.retry = Objects.requireNonNull(policy); return this; }
    public Builder validation(boolean on) { this.validate = on; return this; }
    public Builder contract(Contract contract) { this.contract = Objects.requireNonNull(contract); return this; }
    public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
    public Builder random(RandomGenerator random) { this.random = Objects.requireNonNull(random); return this; }
    public Builder sleeper(Sleeper sleeper) { this.sleeper = Objects.requireNonNull(sleeper); return this; }
    public Builder clientTokens(Supplier<String> tokens) { this.tokens = Objects.requireNonNull(tokens); return this; }

    public TrafficMirrorClient build() {
      Objects.requireNonNull(endpoint, "endpoint");
      if (credentials == null) {
        credentialsFromEnvironment();
      }
      return new TrafficMirrorClient(this);
    }

    private static Duration requirePositive(Duration d) {
      if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("timeout must be positive and below 2^31 ms: " + d);
      }
      return d;
    }
  }

  /** Credentials from an environment map, if its access and secret key are set and not blank. */
  public static Optional<Credentials> credentialsFrom(Map<String, String> env) {
    String ak = env.get(ENV_ACCESS_KEY);
    String sk = env.get(ENV_SECRET_KEY);
    if (ak == null || ak.isBlank() || sk == null || sk.isBlank()) {
      return Optional.empty();
    }
    String token = env.get(ENV_SESSION_TOKEN);
    return Optional.of(new Credentials(ak, sk, token == null || token.isBlank() ? null : token));
  }
}
