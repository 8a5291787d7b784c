package io.tmkit.conformance.resolve;

/** A precondition with its request resolved (or its account's ID, for a fault). */
public sealed interface ResolvedPrecondition {
  record PriorRequest(String as, ResolvedRequest request, int expectStatus) implements ResolvedPrecondition {}

  record InFlight(ResolvedRequest request, int settleMs) implements ResolvedPrecondition {}

  record Stalled(ResolvedRequest request, int connections, int settleMs) implements ResolvedPrecondition {}

  record Fault(String accountId, String code, String phase, int times) implements ResolvedPrecondition {}
}
