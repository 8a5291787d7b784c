package io.tmkit.conformance.http;

import io.tmkit.contract.Contract;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The two forms the contract gives as {@code x-pattern} on response fields (not as schema patterns,
 * since the documentation page's own masked examples do not match them): the RequestId and the new
 * session's ID. Read from the document; the RequestId's leading UTC time must also be a real time.
 */
public final class ContractForms {
  private static final Pattern REQUEST_ID = xPattern("/components/schemas/ResponseMetadata/properties/RequestId");
  private static final Pattern SESSION_ID =
      xPattern("/components/schemas/CreateTrafficMirrorSessionResult/properties/TrafficMirrorSessionId");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  private ContractForms() {}

  private static Pattern xPattern(String pointer) {
    String pattern = Contract.bundled().root().at(pointer + "/x-pattern").asText(null);
    if (pattern == null) {
      throw new IllegalStateException("the contract has no x-pattern at " + pointer);
    }
    return Pattern.compile(pattern);
  }

  public static boolean isRequestId(String id) {
    if (id == null || !REQUEST_ID.matcher(id).matches()) {
      return false;
    }
    try {
      LocalDateTime.parse(id.substring(0, 14), STAMP);
      return true;
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  public static boolean isSessionId(String id) {
    return id != null && SESSION_ID.matcher(id).matches();
  }
}
