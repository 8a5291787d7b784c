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
 */
public record Expectation(
    int status,
    ErrorRow row,
    List<String> args,
    String sameSessionAs,
    Integer sessionsCreated) {

  public Expectation {
    args = List.copyOf(args);
  }

  public static Expectation error(ErrorRow row, List<String> args, Integer sessionsCreated) {
    return new Expectation(row.status(), row, args, null, sessionsCreated);
  }

  public static Expectation success(String sameSessionAs, Integer sessionsCreated) {
    return new Expectation(200, null, List.of(), sameSessionAs, sessionsCreated);
  }

  public boolean isSuccess() {
    return row == null;
  }

  public Optional<ErrorRow> errorRow() {
    return Optional.ofNullable(row);
  }
}
