package io.tmkit.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin endpoint: a request under /_admin must carry the admin token, as
 * {@code Authorization: Bearer <token>} or {@code X-Admin-Token: <token>}, compared in constant time.
 */
@PreMatching
@Priority(150)
final class AdminGuard implements ContainerRequestFilter {
  static final String TOKEN_HEADER = "X-Admin-Token";
  private static final String BEARER = "Bearer ";

  private final byte[] token;

  AdminGuard(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void filter(ContainerRequestContext ctx) {
    Exchange ex = Exchange.peek();
    if (ex == null || !ex.admin) {
      return;
    }
    String given = ctx.getHeaderString(TOKEN_HEADER);
    String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (given == null && authorization != null && authorization.startsWith(BEARER)) {
      given = authorization.substring(BEARER.length()).trim();
    }
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      ex.code = "Unauthorized";
      ctx.abortWith(Envelopes.bytes(401, AdminResource.message("error", "the admin endpoint needs the admin token ("
          + TOKEN_HEADER + " or Authorization: Bearer)")));
    }
  }
}
