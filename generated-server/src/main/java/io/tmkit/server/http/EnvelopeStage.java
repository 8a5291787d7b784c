package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.server.domain.Rejection;
import io.tmkit.server.domain.World;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The envelope stage, before Jersey matches anything: the HTTP method, the size and encoding of the
 * query string (and of a form body), then Action and Version. A form POST is turned into the GET it
 * stands for, so that everything after this filter (signature aside, which sees the original) reads
 * one set of parameters.
 */
@PreMatching
@Priority(100)
final class EnvelopeStage implements ContainerRequestFilter {
  static final String ADMIN_PATH = "_admin";

  private final World world;
  private final RequestRules rules;
  private final ErrorRow methodNotAllowed;
  private final ErrorRow tooLong;
  private final ErrorRow malformed;
  private final ErrorRow unknownOperation;
  private final ErrorRow missing;
  private final int maxBytes;
  private final boolean adminEnabled;

  EnvelopeStage(Contract contract, World world, boolean adminEnabled, RequestRules rules) {
    this.world = world;
    this.rules = rules;
    ErrorCatalog c = contract.errors();
    this.methodNotAllowed = c.only("MethodNotAllowed");
    this.tooLong = c.rowContaining("InvalidParameter", "exceeds");
    this.malformed = c.rowContaining("InvalidParameter", "malformed");
    this.unknownOperation = c.only("InvalidActionOrVersion");
    this.missing = c.only("MissingParameter");
    this.maxBytes = contract.limits().maxQueryStringBytes();
    this.adminEnabled = adminEnabled;
  }

  EvaluationStage plan() {
    return new EvaluationStage("envelope",
        List.of(methodNotAllowed.code(), malformed.code(), missing.code(), unknownOperation.code()));
  }

  @Override
  public void filter(ContainerRequestContext ctx) throws IOException {
    Exchange ex = Exchange.begin(ctx, world.current().region());
    String path = ctx.getUriInfo().getPath();
    if (adminEnabled && (path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/"))) {
      ex.admin = true;
      return;
    }
    boolean form = HttpMethod.POST.equals(ex.method) && ctx.getMediaType() != null
        && ctx.getMediaType().isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    if (!HttpMethod.GET.equals(ex.method) && !form) {
      throw Rejection.of(methodNotAllowed, ex.method);
    }
    RawRequest raw = ctx.getProperty(RawRequest.ATTRIBUTE) instanceof RawRequest r ? r
        : new RawRequest(ctx.getUriInfo().getRequestUri().getRawQuery(), false, Optional.empty());
    if (raw.tooLong()) {
      throw Rejection.of(tooLong);
    }
    List<Map.Entry<String, String>> pairs = new ArrayList<>(
        raw.parameters().isPresent() ? raw.parameters().get() : decode(raw.rawQuery()));
    ex.signedQuery = List.copyOf(pairs);
    if (form) {
      if (announcedLength(ctx) > maxBytes) {
        // Announced too long: refused without waiting for (or reading) a body that cannot be used.
        throw Rejection.of(tooLong);
      }
      ex.body = readBody(ctx.getEntityStream());
      pairs.addAll(decode(new String(ex.body, StandardCharsets.ISO_8859_1)));
      ctx.setEntityStream(new ByteArrayInputStream(new byte[0]));
      ctx.setMethod(HttpMethod.GET);
      ctx.setRequestUri(UriBuilder.fromUri(ctx.getUriInfo().getRequestUri()).replaceQuery(QueryPairs.encode(pairs)).build());
    }
    RequestParameters parameters = RequestParameters.of(pairs);
    ex.parameters = parameters;
    parameters.first("Action").ifPresent(a -> ex.action = a);
    parameters.first("Version").ifPresent(v -> ex.version = v);
    Optional<Violation> bad = rules.checkActionAndVersion(parameters);
    if (bad.isPresent()) {
      throw new Rejection(bad.get());
    }
    if (!path.isEmpty() && !path.equals("/")) {
      // Only GET / exists; another path names no operation of this version.
      throw Rejection.of(unknownOperation, ex.action, ex.version);
    }
  }

  private List<Map.Entry<String, String>> decode(String raw) {
    if (raw != null && raw.length() > maxBytes) {
      throw Rejection.of(tooLong);
    }
    return RawQuery.parse(raw).orElseThrow(() -> Rejection.of(malformed));
  }

  /**
   * The body's Content-Length (-1 without one). Read as text: {@code getLength()} is an int and fails
   * on a larger one; the codec lets only one field of at most 18 digits through.
   */
  private static long announcedLength(ContainerRequestContext ctx) {
    String length = ctx.getHeaderString("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      throw Rejection.of(tooLong);
    }
    return body;
  }
}
