package io.tmkit.server.http;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * A generated constraint was violated: the parameters stage picks, among all violations and the
 * faults bean validation cannot see, the one the contract's order reports first.
 */
final class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
  private final ParameterStage parameters;
  private final Answers answers;

  @Inject
  private Provider<ContainerRequest> request;

  ConstraintViolationMapper(ParameterStage parameters, Answers answers) {
    this.parameters = parameters;
    this.answers = answers;
  }

  @Override
  public Response toResponse(ConstraintViolationException e) {
    Exchange ex = Exchange.peek(request.get());
    return parameters.firstFault(ex.parameters, e.getConstraintViolations())
        .map(v -> answers.error(request, v))
        .orElseThrow(() -> new IllegalStateException("bean validation failed but no documented error applies", e));
  }
}
