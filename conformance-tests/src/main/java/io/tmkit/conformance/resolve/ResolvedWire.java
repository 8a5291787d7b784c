package io.tmkit.conformance.resolve;

import java.util.List;
import java.util.Map;

/**
 * A {@link io.tmkit.conformance.cases.WireTemplate} with its placeholders filled ({@code then}
 * resolved as a request of its own, in the same case run, so that it shares the run's numbers).
 */
public record ResolvedWire(
    String version,
    String target,
    String host,
    List<Map.Entry<String, String>> headers,
    List<String> omit,
    String body,
    String bytes,
    ResolvedRequest then,
    Integer stallAfter,
    Integer trickleMs,
    String corpus) {

  public ResolvedWire {
    headers = List.copyOf(headers);
    omit = List.copyOf(omit);
  }
}
