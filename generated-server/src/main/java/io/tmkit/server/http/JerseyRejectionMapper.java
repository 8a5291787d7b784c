package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Jersey's own refusals (no matching method, media type, unreadable entity). The stages before
 * matching leave none for a request to {@code GET /}; should one slip through, it still gets a
 * documented envelope: 405 as MethodNotAllowed, any other client error as a malformed request, and
 * anything else as InternalError.
 */
final class JerseyRejectionMapper implements ExceptionMapper<WebApplicationException> {
  private final Answers answers;
  private final ErrorRow methodNotAllowed;
  private final ErrorRow malformed;
  private final ErrorRow internal;

  JerseyRejectionMapper(Contract contract, Answers answers) {
    this.answers = answers;
    this.methodNotAllowed = contract.errors().only("MethodNotAllowed");
    this.malformed = contract.errors().rowContaining("InvalidParameter", "malformed");
    this.internal = contract.errors().only("InternalError");
  }

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Violation v;
    if (status == 405) {
      Exchange ex = Exchange.peek();
      v = Violation.of(methodNotAllowed, null, ex == null ? "-" : ex.method);
    } else if (status >= 400 && status < 500) {
      v = Violation.of(malformed, null);
    } else {
      v = Violation.of(internal, null);
    }
    return answers.error(v);
  }
}
