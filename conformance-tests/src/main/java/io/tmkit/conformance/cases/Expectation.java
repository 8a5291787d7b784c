package io.tmkit.conformance.cases;

import io.tmkit.contract.ErrorRow;
import java.util.List;
import java.util.Optional;

/**
 * What a case expects. An error names a row of the contract's catalog (looked up from the code and,
 * where a code has several messages, a fragment of the one meant) plus the values that fill the row's
 * {@code %s}; status and message come from that row, never from the case file. A success expects 200,
 * optionally the same session as an earlier request ({@code sameSessionAs}) and a number of sessions
 * created ({@code sessionsCreated}, checked where the target lets us count them).
 *
 * <p>The raw surface adds two looser forms and what it checks of the connection ({@code wire}): any
 * row of a few named codes ({@code anyOf}, for a case whose inputs meet different stages, such as a
 * generated corpus), or no particular answer at all (only {@code wire.closedWithinMs}: the server
 * closes the connection in time, having sent nothing or a documented 4xx).
 */
public record Expectation(
    int status,
    ErrorRow row,
    List<String> args,
    String sameSessionAs,
    Integer sessionsCreated,
    List<ErrorRow> anyOf,
    WireExpectation wire) {

  /**
   * What the raw surface checks of the connection besides the answer: closed by the server within
   * {@code closedWithinMs} of the last byte sent; the first answer within {@code answeredWithinMs};
   * exactly {@code answers} answers on the connection (a request pipelined after a
   * {@code Connection: close} answer, or smuggled inside a body, gets none). Each may be null.
   */
  public record WireExpectation(Integer closedWithinMs, Integer answeredWithinMs, Integer answers) {}

  public Expectation {
    args = List.copyOf(args);
    anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
  }

  public static Expectation error(ErrorRow row, List<String> args, Integer sessionsCreated) {
    return new Expectation(row.status(), row, args, null, sessionsCreated, List.of(), null);
  }

  public static Expectation success(String sameSessionAs, Integer sessionsCreated) {
    return new Expectation(200, null, List.of(), sameSessionAs, sessionsCreated, List.of(), null);
  }

  /** Any row of the given ones; the status shown is theirs when they share one, else 0. */
  public static Expectation anyOf(List<ErrorRow> rows, Integer sessionsCreated) {
    int status = rows.stream().mapToInt(ErrorRow::status).distinct().count() == 1 ? rows.get(0).status() : 0;
    return new Expectation(status, null, List.of(), null, sessionsCreated, rows, null);
  }

  /** No particular answer: only what {@code wire} says of the connection. */
  public static Expectation connectionOnly(Integer sessionsCreated) {
    return new Expectation(0, null, List.of(), null, sessionsCreated, List.of(), null);
  }

  public Expectation withWire(WireExpectation wire) {
    return new Expectation(status, row, args, sameSessionAs, sessionsCreated, anyOf, wire);
  }

  public boolean isSuccess() {
    return row == null && anyOf.isEmpty() && status == 200;
  }

  /** One exact answer (a row or the success), as every surface but raw requires. */
  public boolean isExact() {
    return row != null || isSuccess();
  }

  public Optional<ErrorRow> errorRow() {
    return Optional.ofNullable(row);
  }
}
