package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure of the server itself: the InternalError envelope, never a stack trace or HTML page. The
 * cause goes to the server's log, not to the client.
 */
final class FallbackMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  private final Answers answers;
  private final ErrorRow internal;

  FallbackMapper(Contract contract, Answers answers) {
    this.answers = answers;
    this.internal = contract.errors().only("InternalError");
  }

  @Override
  public Response toResponse(Throwable e) {
    LOG.log(Level.WARNING, "internal failure answered as " + internal.code(), e);
    return answers.error(Violation.of(internal, null));
  }
}
