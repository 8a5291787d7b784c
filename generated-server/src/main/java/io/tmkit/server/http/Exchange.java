package io.tmkit.server.http;

import io.tmkit.contract.RequestParameters;
import io.tmkit.server.auth.Caller;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;

/**
 * What the stages learn about one request, carried from filter to resource to mapper as a request
 * property: its RequestId, the method as sent, the decoded parameters, the caller. Written by one
 * thread at a time (Jersey runs a request's filters, resource and mappers in sequence).
 */
final class Exchange {
  private static final String PROPERTY = Exchange.class.getName();

  final String requestId;
  final long startNanos;
  final String method;
  String action = "";
  String version = "";
  String region;
  RequestParameters parameters;
  /** The parameters of the query string alone, as the signature covers them. */
  List<Map.Entry<String, String>> signedQuery = List.of();
  byte[] body = new byte[0];
  Caller caller;
  boolean admin;
  /** The documented code answered, for the request log (null on success). */
  String code;

  private Exchange(String requestId, String method, String region) {
    this.requestId = requestId;
    this.startNanos = System.nanoTime();
    this.method = method;
    this.region = region;
  }

  /** An exchange for a request Jersey never saw (Grizzly's own error pages). */
  static Exchange detached(String method, String defaultRegion) {
    return new Exchange(RequestIds.next(), method, defaultRegion);
  }

  static Exchange begin(ContainerRequestContext ctx, String defaultRegion) {
    Exchange e = new Exchange(RequestIds.next(), ctx.getMethod(), defaultRegion);
    ctx.setProperty(PROPERTY, e);
    return e;
  }

  /** The exchange of a request; one is made up if a failure struck before the first filter ran. */
  static Exchange of(ContainerRequestContext ctx, String defaultRegion) {
    Object e = ctx.getProperty(PROPERTY);
    return e instanceof Exchange ex ? ex : begin(ctx, defaultRegion);
  }

  static Exchange peek(ContainerRequestContext ctx) {
    Object e = ctx.getProperty(PROPERTY);
    return e instanceof Exchange ex ? ex : null;
  }
}
