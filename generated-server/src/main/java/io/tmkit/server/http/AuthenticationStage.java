package io.tmkit.server.http;

import io.tmkit.server.auth.Authenticator;
import io.tmkit.server.auth.IncomingRequest;
import io.tmkit.server.domain.World;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * The authentication stage, as a thin adapter: hands the request as it came on the wire (original
 * method, the query string's own parameters, the body) to the {@link Authenticator}.
 */
@PreMatching
@Priority(200)
final class AuthenticationStage implements ContainerRequestFilter {
  private final Authenticator authenticator;
  private final World world;
  private final boolean verify;

  AuthenticationStage(Authenticator authenticator, World world, boolean verify) {
    this.authenticator = authenticator;
    this.world = world;
    this.verify = verify;
  }

  @Override
  public void filter(ContainerRequestContext ctx) {
    Exchange ex = Exchange.peek();
    if (ex == null || ex.admin) {
      return;
    }
    // The signature covers the query string as sent; a form body is covered through its hash.
    IncomingRequest request = new IncomingRequest(ex.method, "/", ex.signedQuery, ctx::getHeaderString, ex.body);
    var current = world.current();
    ex.caller = verify
        ? authenticator.authenticate(request, ex.action, current, Instant.now())
        : authenticator.assume(request, ex.action, current, Instant.now());
    ex.region = ex.caller.region();
    // Jersey would answer an Accept it cannot produce with its own 406; the contract has one media type.
    ctx.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
  }
}
