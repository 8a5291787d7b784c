package io.tmkit.server.http;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A generated constraint was violated: the parameters stage picks, among all violations and the
 * faults bean validation cannot see, the one the contract's order reports first.
 */
final class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
  private final ParameterStage parameters;
  private final Answers answers;

  ConstraintViolationMapper(ParameterStage parameters, Answers answers) {
    this.parameters = parameters;
    this.answers = answers;
  }

  @Override
  public Response toResponse(ConstraintViolationException e) {
    Exchange ex = Exchange.peek();
    return parameters.firstFault(ex.parameters, e.getConstraintViolations())
        .map(v -> answers.error(v))
        .orElseThrow(() -> new IllegalStateException("bean validation failed but no documented error applies", e));
  }
}
