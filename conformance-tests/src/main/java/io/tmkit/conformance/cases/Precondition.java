package io.tmkit.conformance.cases;

/** World state a case needs beyond the fixtures, set up through ordinary requests or the admin API. */
public sealed interface Precondition {

  /** A request sent (raw HTTP, signed) before the case; it must answer {@code expectStatus}. */
  record PriorRequest(String as, RequestTemplate request, int expectStatus) implements Precondition {}

  /**
   * A request sent without waiting for its answer; the case's request follows after {@code settleMs},
   * while the first is still in process (the target's processing must take longer than that).
   */
  record InFlight(RequestTemplate request, int settleMs) implements Precondition {}

  /**
   * {@code connections} slow clients, each sending the request's bytes up to its {@code wire.stallAfter}
   * (all of it when none) and then holding the connection without reading (raw surface only); the
   * case's request follows after {@code settleMs}, once the server has taken them up. They stay open
   * until the case has been judged.
   */
  record Stalled(RequestTemplate request, int connections, int settleMs) implements Precondition {}

  /** A fault injected through the admin API (only targets that have one can run such a case). */
  record Fault(String accountRole, String code, String phase, int times) implements Precondition {}

}
