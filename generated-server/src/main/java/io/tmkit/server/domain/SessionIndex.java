package io.tmkit.server.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of one account and every count the conflict and quota checks read, kept up to date on
 * each insert so that a check is a hash lookup however many sessions exist. Not thread-safe: the
 * owning {@link AccountState} guards it with its lock.
 */
final class SessionIndex {
  private final Map<String, TrafficMirrorSession> byId = new LinkedHashMap<>();
  private final Map<Integer, String> byPriority = new HashMap<>();
  private final Map<String, Integer> perSource = new HashMap<>();
  private final Map<String, Integer> perTarget = new HashMap<>();
  /** target → (source → sessions), for the distinct-sources-per-target quota. */
  private final Map<String, Map<String, Integer>> sourcesPerTarget = new HashMap<>();
  private final Map<String, Integer> perFilter = new HashMap<>();

  void add(TrafficMirrorSession s) {
    if (byId.putIfAbsent(s.trafficMirrorSessionId(), s) != null) {
      throw new IllegalArgumentException("session " + s.trafficMirrorSessionId() + " exists twice");
    }
    String clash = byPriority.putIfAbsent(s.priority(), s.trafficMirrorSessionId());
    if (clash != null) {
      byId.remove(s.trafficMirrorSessionId());
      throw new IllegalArgumentException("sessions " + clash + " and " + s.trafficMirrorSessionId()
          + " share priority " + s.priority());
    }
    perSource.merge(s.networkInterfaceId(), 1, Integer::sum);
    perTarget.merge(s.trafficMirrorTargetId(), 1, Integer::sum);
    sourcesPerTarget.computeIfAbsent(s.trafficMirrorTargetId(), t -> new HashMap<>())
        .merge(s.networkInterfaceId(), 1, Integer::sum);
    perFilter.merge(s.trafficMirrorFilterId(), 1, Integer::sum);
  }

  /** Undoes {@link #add} of a create that could not be made durable. */
  void remove(TrafficMirrorSession s) {
    if (byId.remove(s.trafficMirrorSessionId()) == null) {
      return;
    }
    byPriority.remove(s.priority(), s.trafficMirrorSessionId());
    decrement(perSource, s.networkInterfaceId());
    decrement(perTarget, s.trafficMirrorTargetId());
    Map<String, Integer> sources = sourcesPerTarget.get(s.trafficMirrorTargetId());
    decrement(sources, s.networkInterfaceId());
    if (sources.isEmpty()) {
      sourcesPerTarget.remove(s.trafficMirrorTargetId());
    }
    decrement(perFilter, s.trafficMirrorFilterId());
  }

  private static void decrement(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
  }

  boolean contains(String sessionId) {
    return byId.containsKey(sessionId);
  }

  boolean priorityTaken(int priority) {
    return byPriority.containsKey(priority);
  }

  int total() {
    return byId.size();
  }

  int ofSource(String networkInterfaceId) {
    return perSource.getOrDefault(networkInterfaceId, 0);
  }

  int ofTarget(String targetId) {
    return perTarget.getOrDefault(targetId, 0);
  }

  int sourcesOfTarget(String targetId) {
    Map<String, Integer> sources = sourcesPerTarget.get(targetId);
    return sources == null ? 0 : sources.size();
  }

  boolean targetMirrors(String targetId, String networkInterfaceId) {
    Map<String, Integer> sources = sourcesPerTarget.get(targetId);
    return sources != null && sources.containsKey(networkInterfaceId);
  }

  int ofFilter(String filterId) {
    return perFilter.getOrDefault(filterId, 0);
  }

  List<TrafficMirrorSession> all() {
    return new ArrayList<>(byId.values());
  }
}
