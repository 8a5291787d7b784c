package io.tmkit.conformance.resolve;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import java.util.List;
import java.util.Map;

/**
 * A request with every placeholder filled: ready to be put on the wire. {@code params} keeps the
 * case's order and repeats; {@code rawQuery} (when set) replaces them on the wire; {@code wire} (raw
 * surface only, else null) the case's changes to the bytes, with their placeholders filled.
 */
public record ResolvedRequest(
    String method,
    AccessKeyFixture accessKey,
    Signing signing,
    List<Map.Entry<String, String>> params,
    String rawQuery,
    boolean formBody,
    ResolvedWire wire) {

  public ResolvedRequest {
    params = List.copyOf(params);
  }

  public ResolvedRequest(String method, AccessKeyFixture accessKey, Signing signing,
      List<Map.Entry<String, String>> params, String rawQuery, boolean formBody) {
    this(method, accessKey, signing, params, rawQuery, formBody, null);
  }

  public boolean isRaw() {
    return rawQuery != null;
  }

  /** The first value of a parameter, or null. */
  public String first(String name) {
    return params.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
  }
}
