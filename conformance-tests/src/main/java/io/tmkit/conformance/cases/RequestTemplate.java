package io.tmkit.conformance.cases;

import java.util.List;
import java.util.Objects;

/**
 * The request of a case before its placeholders are filled: method, the access key's role, how it is
 * signed, and either the parameters in wire order (repeats kept) or a raw query string sent verbatim
 * (for bytes that no list of name/value pairs can express). With {@code formBody}, the parameters
 * travel as an {@code application/x-www-form-urlencoded} body instead of the query string. {@code wire}
 * (raw surface only, else null) says how the raw surface changes the bytes it puts on the socket.
 */
public record RequestTemplate(
    String method,
    String accessKeyRole,
    Signing signing,
    List<Param> params,
    String rawQuery,
    boolean formBody,
    WireTemplate wire) {

  public static final String DEFAULT_ACCESS_KEY_ROLE = "demo";

  public RequestTemplate {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(accessKeyRole, "accessKeyRole");
    Objects.requireNonNull(signing, "signing");
    params = List.copyOf(params);
  }

  public RequestTemplate(String method, String accessKeyRole, Signing signing, List<Param> params, String rawQuery,
      boolean formBody) {
    this(method, accessKeyRole, signing, params, rawQuery, formBody, null);
  }

  public boolean isRaw() {
    return rawQuery != null;
  }
}
