package io.tmkit.server.http;

import io.tmkit.server.domain.Rejection;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A documented answer from any stage: the error envelope of its row. */
final class RejectionMapper implements ExceptionMapper<Rejection> {
  private final Answers answers;

  RejectionMapper(Answers answers) {
    this.answers = answers;
  }

  @Override
  public Response toResponse(Rejection rejection) {
    return answers.error(rejection.violation());
  }
}
