package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import jakarta.validation.Validation;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import io.tmkit.server.Admin;
import io.tmkit.server.auth.Authenticator;
import io.tmkit.server.domain.TrafficMirrorService;
import io.tmkit.server.domain.World;
import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Wires the domain to Jersey: the stages as filters, the generated interface's implementation, one
 * exception mapper per failure family, the request log and (with a token) the admin endpoint.
 */
public final class HttpAdapter {
  /**
   * Jersey warns that resource instances "implement no provider interface" when they are registered as
   * objects (which they must be: they are built with their collaborators). The warning is noise; the
   * reference is kept so that the level sticks (JUL holds loggers weakly).
   */
  private static final Logger PROVIDER_CHECKS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  static {
    PROVIDER_CHECKS.setLevel(Level.SEVERE);
  }

  /** What an admin request's body (a whole world) may hold. */
  static final int MAX_ADMIN_BODY_BYTES = 64 << 20;

  private final EnvelopeStage envelope;
  private final Authenticator authenticator;
  private final ParameterStage parameters;
  private final TrafficMirrorService service;
  private final ResourceConfig config;
  private final int maxQueryBytes;
  private final World world;
  private final Envelopes envelopes;
  private final ErrorRow internal;
  private final ErrorRow malformed;
  private final ErrorRow malformedHttp;
  private final ErrorCatalog contractRows;
  private final Authenticator accounts;
  private final long headDeadlineMs;
  private final long bodyDeadlineMs;

  public HttpAdapter(Contract contract, World world, TrafficMirrorService service, Authenticator authenticator,
      boolean verifySignatures, Admin admin, String adminToken, PrintStream requestLog, long headDeadlineMs,
      long bodyDeadlineMs) {
    // One instance of the contract's stateless rules for every stage that consults them.
    RequestRules rules = new RequestRules(contract);
    this.envelope = new EnvelopeStage(contract, world, adminToken != null, rules);
    this.authenticator = authenticator;
    this.parameters = new ParameterStage(contract, rules);
    this.service = service;
    this.maxQueryBytes = contract.limits().maxQueryStringBytes();
    this.world = world;
    this.envelopes = new Envelopes(contract);
    this.internal = contract.errors().only("InternalError");
    this.contractRows = contract.errors();
    this.malformed = contract.errors().rowContaining("InvalidParameter", "query string is malformed");
    this.malformedHttp = contract.errors().rowContaining("InvalidParameter", "well-formed HTTP");
    this.accounts = authenticator;
    this.headDeadlineMs = headDeadlineMs;
    this.bodyDeadlineMs = bodyDeadlineMs;
    Answers answers = new Answers(envelopes, world);
    ResourceConfig rc = new ResourceConfig();
    rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    // Everything is registered below; looking for more only costs start-up time.
    rc.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    rc.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    // The generated constraints are checked by ValidatingInvoker, not by Jersey's validation feature.
    rc.property(ServerProperties.BV_FEATURE_DISABLE, true);
    rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    // Every answer is a finished byte array with its Content-Length (Envelopes), so Jersey's 8 KiB
    // buffer per response, which only serves to compute that length, is not needed.
    rc.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    rc.register(envelope);
    rc.register(new AuthenticationStage(authenticator, world, verifySignatures));
    rc.register(new WholeNumbers());
    rc.register(new TextAsSent());
    rc.register(new ValidatingInvoker(parameters, answers, Validation.buildDefaultValidatorFactory()).binder());
    rc.register(new TrafficMirrorResource(parameters, service, envelopes, answers));
    rc.register(new RejectionMapper(answers));
    rc.register(new JerseyRejectionMapper(contract, answers));
    rc.register(new FallbackMapper(contract, answers));
    rc.register(new RequestLog(requestLog));
    if (adminToken != null) {
      rc.register(new AdminGuard(adminToken));
      rc.register(new AdminResource(admin));
    }
    this.config = rc;
  }

  public ResourceConfig application() {
    return config;
  }

  /**
   * The Grizzly handler: Jersey behind the guard that reads the raw query string first. Requests that
   * may wait run on {@code workers}, the rest on the I/O thread that read them ({@link RequestThreads}).
   */
  public HttpHandler httpHandler(Executor workers) {
    HttpHandler jersey = new RequestTargetContainer(config, () -> detachedError(Violation.of(internal, null)));
    return new EnvelopeGuard(jersey, maxQueryBytes, new RequestThreads(world, workers, accounts::accountFor));
  }

  /** The envelope of a request no stage has seen (Action and Version unknown). */
  private byte[] detachedError(Violation v) {
    return (byte[]) envelopes.error(Exchange.detached("-", world.current().region()), v).getEntity();
  }

  /**
   * Grizzly's error pages (for failures outside Jersey) as the contract's envelope instead of HTML: a
   * client error as a malformed request, anything else as InternalError.
   */
  public ErrorPageGenerator errorPages() {
    return (request, status, reason, description, exception) -> {
      Violation v = Violation.of(status >= 500 ? internal : malformed, null);
      Exchange ex = Exchange.detached(request.getMethod().getMethodString(), world.current().region());
      request.getResponse().setContentType(MediaType.APPLICATION_JSON);
      return new String((byte[]) envelopes.error(ex, v).getEntity(), StandardCharsets.UTF_8);
    };
  }

  /** The HTTP codec: request heads held to RFC 9112, and Grizzly's own refusals as the envelope. */
  public AddOn codecErrors(ScheduledExecutorService timer) {
    ErrorRow tooLong = contractRows.rowContaining("InvalidParameter", "exceeds");
    WholeBodies bodies = new WholeBodies(timer, bodyDeadlineMs, maxQueryBytes + 1, MAX_ADMIN_BODY_BYTES,
        () -> detachedError(Violation.of(malformedHttp, null)));
    return new CodecErrors(Violation.of(tooLong, null), Violation.of(malformedHttp, null),
        Violation.of(contractRows.only("MethodNotAllowed"), null, "CONNECT"), this::detachedError, bodies,
        timer, headDeadlineMs, maxQueryBytes);
  }

  /** Every stage the server evaluates, with the codes each can answer, in the order it evaluates them. */
  public List<EvaluationStage> plan() {
    List<EvaluationStage> out = new ArrayList<>();
    out.add(envelope.plan());
    out.add(authenticator.plan());
    out.addAll(parameters.plan());
    out.addAll(service.plan());
    return out;
  }
}
