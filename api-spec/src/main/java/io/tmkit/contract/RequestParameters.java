package io.tmkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one request as they came on the wire: decoded names and values, in order, with
 * repeats kept (so that a repeat can be rejected rather than silently collapsed).
 */
public final class RequestParameters {
  private final List<Map.Entry<String, String>> pairs;

  private RequestParameters(List<Map.Entry<String, String>> pairs) {
    this.pairs = List.copyOf(pairs);
  }

  public static RequestParameters of(List<Map.Entry<String, String>> pairs) {
    return new RequestParameters(pairs);
  }

  /** Convenience for tests and callers that never repeat a name. */
  public static RequestParameters of(Map<String, String> map) {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    map.forEach((k, v) -> list.add(Map.entry(k, v)));
    return new RequestParameters(list);
  }

  public List<Map.Entry<String, String>> pairs() {
    return pairs;
  }

  /** The first value of a name. */
  public Optional<String> first(String name) {
    // A loop, not a stream: the server asks this a few dozen times per request.
    for (Map.Entry<String, String> pair : pairs) {
      if (pair.getKey().equals(name)) {
        return Optional.of(pair.getValue());
      }
    }
    return Optional.empty();
  }

  public boolean has(String name) {
    return first(name).isPresent();
  }
}
