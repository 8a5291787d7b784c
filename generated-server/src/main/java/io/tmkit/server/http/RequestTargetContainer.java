package io.tmkit.server.http;

import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.SelectorHandler;
import org.glassfish.grizzly.nio.SelectorRunner;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.internal.PropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerException;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * Jersey on Grizzly, with the request URI built from the request target alone. Jersey's own Grizzly
 * container builds it from the {@code Host} header, so that {@code Host: a?Priority=9} replaced the
 * parameters that were executed (and a {@code Host} it could not parse became a 500). Here the base
 * URI is a constant: the Host header is one more header value, seen by the signature when it is
 * signed and by nothing else. {@link EnvelopeGuard} has already reduced the path and query to text
 * that {@link URI} accepts.
 */
final class RequestTargetContainer extends HttpHandler implements Container {
  private static final Logger LOG = Logger.getLogger(RequestTargetContainer.class.getName());
  /** No part of any answer; only Jersey's URI arithmetic sees it. */
  static final String ORIGIN = "http://reference-server";
  private static final URI BASE = URI.create(ORIGIN + "/");
  private static final SecurityContext NO_USER = new SecurityContext() {
    @Override
    public Principal getUserPrincipal() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public String getAuthenticationScheme() {
      return null;
    }
  };

  /** The request property that is the Grizzly request itself (read by {@link #connectionThread}). */
  private static final String GRIZZLY_REQUEST = RequestTargetContainer.class.getName() + ".request";

  private final ApplicationHandler app;
  private final Supplier<byte[]> internalError;

  /** {@code internalError}: the body answered when Jersey itself fails (status 500, the contract's InternalError). */
  RequestTargetContainer(ResourceConfig config, Supplier<byte[]> internalError) {
    this.app = new ApplicationHandler(config);
    this.internalError = internalError;
  }

  @Override
  public void start() {
    super.start();
    app.onStartup(this);
  }

  @Override
  public void destroy() {
    super.destroy();
    app.onShutdown(this);
  }

  @Override
  public void service(Request request, Response response) {
    String query = request.getQueryString();
    String target = query == null ? request.getRequestURI() : request.getRequestURI() + '?' + query;
    ContainerRequest ctx = new ContainerRequest(BASE, URI.create(ORIGIN + target), request.getMethod().getMethodString(),
        NO_USER, new Attributes(request));
    ctx.setEntityStream(request.getInputStream());
    for (String name : request.getHeaderNames()) {
      ctx.headers(name, request.getHeaders(name));
    }
    ctx.setWriter(new Writer(response, internalError));
    app.handle(ctx);
  }

  /**
   * Runs each task on the I/O thread of the connection that {@code request} came on, once that thread
   * is back in its selector loop. A request suspended on that thread is resumed there, never from
   * another thread while Grizzly is still finishing the event that suspended it: Grizzly suspends the
   * filter chain only after the handler returns, and a resume that comes first (from the store's
   * writer, a commit later) left the connection without an answer. The writer queues the answers of a
   * whole batch at once, so each I/O thread wakes once per batch. Outside Grizzly (no connection), a
   * task runs at once on the calling thread.
   */
  static Executor connectionThread(ContainerRequestContext request) {
    Object grizzly = request == null ? null : request.getProperty(GRIZZLY_REQUEST);
    if (!(grizzly instanceof Request r) || !(r.getContext().getConnection() instanceof NIOConnection connection)) {
      return Runnable::run;
    }
    SelectorRunner runner = connection.getSelectorRunner();
    SelectorHandler selectors = ((NIOTransport) connection.getTransport()).getSelectorHandler();
    return task -> selectors.enque(runner, () -> {
      task.run();
      return true;
    }, null);
  }

  @Override
  public ResourceConfig getConfiguration() {
    return app.getConfiguration();
  }

  @Override
  public ApplicationHandler getApplicationHandler() {
    return app;
  }

  @Override
  public void reload() {
    throw new UnsupportedOperationException("the reference server does not reload its application");
  }

  @Override
  public void reload(ResourceConfig configuration) {
    reload();
  }

  /** Jersey's request properties are the Grizzly request's attributes (where {@link RawRequest} is left). */
  private record Attributes(Request request) implements PropertiesDelegate {
    @Override
    public Object getProperty(String name) {
      if (GRIZZLY_REQUEST.equals(name)) {
        return request;
      }
      return request.getAttribute(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
      return request.getAttributeNames();
    }

    @Override
    public void setProperty(String name, Object value) {
      request.setAttribute(name, value);
    }

    @Override
    public void removeProperty(String name) {
      request.removeAttribute(name);
    }
  }

  private static final class Writer implements ContainerResponseWriter {
    private final Response response;
    private final Supplier<byte[]> internalError;

    Writer(Response response, Supplier<byte[]> internalError) {
      this.response = response;
      this.internalError = internalError;
    }

    @Override
    public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse context) {
      response.setStatus(context.getStatus());
      response.setContentLengthLong(contentLength);
      for (Map.Entry<String, List<String>> e : context.getStringHeaders().entrySet()) {
        for (String value : e.getValue()) {
          response.addHeader(e.getKey(), value);
        }
      }
      return response.getOutputStream();
    }

    /**
     * A create waiting for its commit (--data): the Grizzly response is suspended, so the I/O thread
     * goes back to its connections, and {@link #commit} resumes it once the answer is written, as
     * Jersey's own Grizzly container does.
     */
    @Override
    public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
      try {
        response.suspend(timeOut, timeUnit, null, suspended -> {
          timeoutHandler.onTimeout(this);
          return false; // Jersey's handler has answered (or will); Grizzly must not cancel the response
        });
        return true;
      } catch (IllegalStateException alreadySuspended) {
        return false;
      }
    }

    @Override
    public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
      response.getSuspendContext().setTimeout(timeOut, timeUnit);
    }

    @Override
    public void commit() {
      if (response.isSuspended()) {
        response.resume();
      }
    }

    /** A failure Jersey could not map: the InternalError envelope, never Grizzly's empty 500. */
    @Override
    public void failure(Throwable error) {
      LOG.log(Level.WARNING, "request failed outside the exception mappers", error);
      if (!response.isCommitted()) {
        try {
          response.reset();
          byte[] body = internalError.get();
          response.setStatus(500);
          response.setContentType("application/json");
          response.setContentLength(body.length);
          response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
          throw new ContainerException(e);
        }
      }
      commit();
    }

    @Override
    public boolean enableResponseBuffering() {
      return true;
    }
  }
}
