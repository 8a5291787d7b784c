package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * A failure of the server itself: the InternalError envelope, never a stack trace or HTML page. The
 * cause goes to the server's log, not to the client.
 */
final class FallbackMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  private final Answers answers;
  private final ErrorRow internal;

  @Inject
  private Provider<ContainerRequest> request;

  FallbackMapper(Contract contract, Answers answers) {
    this.answers = answers;
    this.internal = contract.errors().only("InternalError");
  }

  @Override
  public Response toResponse(Throwable e) {
    LOG.log(Level.WARNING, "internal failure answered as " + internal.code(), e);
    return answers.error(request, Violation.of(internal, null));
  }
}
