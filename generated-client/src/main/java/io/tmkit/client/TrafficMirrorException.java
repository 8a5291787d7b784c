package io.tmkit.client;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import java.util.Optional;

/**
 * Every failure of a call, in one type: the HTTP status, the documented code and message, the
 * server's RequestId, and the contract's row for the code and message when there is one.
 *
 * <p>Three origins: the server answered with an error ({@link #isLocal()} false, {@link #requestId()}
 * set); client-side validation refused the request before sending it ({@link #isLocal()} true, no
 * RequestId, the same status/code/message the server would give); or no HTTP answer came at all
 * ({@link #isTransportFailure()}, status 0, no code).
 */
public final class TrafficMirrorException extends RuntimeException {
  private final int status;
  private final String code;
  private final String errorMessage;
  private final String requestId;
  private final transient ErrorRow row;
  private final boolean local;

  public TrafficMirrorException(int status, String code, String message, String requestId, ErrorRow row,
      boolean local, Throwable cause) {
    super(describe(status, code, message, requestId, local), cause);
    this.status = status;
    this.code = code;
    this.errorMessage = message;
    this.requestId = requestId;
    this.row = row;
    this.local = local;
  }

  /** A client-side validation failure: what the server would have answered, without a round trip. */
  public static TrafficMirrorException local(Violation violation) {
    return new TrafficMirrorException(
        violation.status(), violation.code(), violation.message(), null, violation.row(), true, null);
  }

  /** No HTTP answer (connection refused or reset, timeout) after the last attempt. */
  public static TrafficMirrorException transport(Throwable cause) {
    return new TrafficMirrorException(0, null, String.valueOf(cause.getMessage()), null, null, false, cause);
  }

  /** HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The error code ({@code ResponseMetadata.Error.Code}); null when the body had none. */
  public String code() {
    return code;
  }

  /** The error message exactly as the server (or the contract, for a local failure) gives it. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The server's RequestId; null for a local or transport failure. */
  public String requestId() {
    return requestId;
  }

  /** The contract's row that matches code and message, if the answer is a documented one. */
  public Optional<ErrorRow> row() {
    return Optional.ofNullable(row);
  }

  /** Whether client-side validation raised it (nothing was sent). */
  public boolean isLocal() {
    return local;
  }

  public boolean isTransportFailure() {
    return status == 0;
  }

  private static String describe(int status, String code, String message, String requestId, boolean local) {
    if (status == 0) {
      return "no response: " + message;
    }
    return status + " " + code + ": " + message
        + (local ? " (client-side validation, not sent)" : " (RequestId " + requestId + ")");
  }
}
