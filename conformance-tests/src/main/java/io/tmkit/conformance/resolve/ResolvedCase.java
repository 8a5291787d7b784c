package io.tmkit.conformance.resolve;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.contract.ErrorRow;
import java.util.List;

/**
 * A case resolved for one world and one run: the exact request, its preconditions, and the exact
 * answer expected (status; for an error, the contract's row and its message with every {@code %s}
 * filled). {@code accountId} is the account whose sessions {@code sessionsCreated} counts, when the
 * fixtures know it.
 */
public record ResolvedCase(
    ConformanceCase source,
    List<ResolvedPrecondition> preconditions,
    ResolvedRequest request,
    int status,
    ErrorRow row,
    String message,
    String accountId) {

  public ResolvedCase {
    preconditions = List.copyOf(preconditions);
  }

  public String id() {
    return source.id();
  }

  public boolean expectsSuccess() {
    return source == null ? row == null : source.expect().isSuccess();
  }

  public String code() {
    return row == null ? null : row.code();
  }
}
