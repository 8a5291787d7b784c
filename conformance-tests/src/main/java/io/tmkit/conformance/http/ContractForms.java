package io.tmkit.conformance.http;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The two forms the contract states in prose rather than as schema patterns (so they are written
 * here once, and {@code ContractFormsTest} checks that the contract's text still says them):
 * <ul>
 *   <li>RequestId: "34 characters, the UTC time as {@code yyyyMMddHHmmss} followed by 20 upper-case
 *       hexadecimal digits" (the document's description, Wire conventions);</li>
 *   <li>TrafficMirrorSessionId: "{@code tms-} followed by 20 lower-case letters and digits"
 *       ({@code CreateTrafficMirrorSessionResult.TrafficMirrorSessionId}).</li>
 * </ul>
 */
public final class ContractForms {
  /** The contract's sentences behind the two patterns (whitespace collapsed). */
  public static final String REQUEST_ID_TEXT =
      "a RequestId is 34 characters, the UTC time as `yyyyMMddHHmmss` followed by 20 upper-case hexadecimal digits";
  public static final String SESSION_ID_TEXT = "`tms-` followed by 20 lower-case letters and digits";

  private static final Pattern REQUEST_ID = Pattern.compile("([0-9]{14})[0-9A-F]{20}");
  private static final Pattern SESSION_ID = Pattern.compile("tms-[a-z0-9]{20}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  private ContractForms() {}

  public static boolean isRequestId(String id) {
    if (id == null) {
      return false;
    }
    var m = REQUEST_ID.matcher(id);
    if (!m.matches()) {
      return false;
    }
    try {
      LocalDateTime.parse(m.group(1), STAMP);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  public static boolean isSessionId(String id) {
    return id != null && SESSION_ID.matcher(id).matches();
  }
}
