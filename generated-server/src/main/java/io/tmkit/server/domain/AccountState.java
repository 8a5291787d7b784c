package io.tmkit.server.domain;

import io.tmkit.server.world.WorldSpec;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One account of the world: its fixed resources (read-only after loading) and its mutable state
 * (sessions, ClientToken ledger, faults), which only code holding {@link #lock()} touches. One lock
 * per account is enough: every invariant (unique priority, one session per token, quotas) is
 * per account.
 */
public final class AccountState {
  private final WorldSpec.Account spec;
  private final Map<String, Integer> quotas;
  private final Set<String> projects;
  private final Map<String, WorldSpec.Instance> instances;
  private final Map<String, WorldSpec.NetworkInterface> networkInterfaces;
  private final Map<String, WorldSpec.ClbInstance> clbInstances;
  private final Map<String, WorldSpec.TrafficMirrorTarget> targets;
  private final Map<String, WorldSpec.TrafficMirrorFilter> filters;
  /** Network interfaces that stand behind one of the account's mirror targets. */
  private final Set<String> targetNetworkInterfaces;

  private final ReentrantLock lock = new ReentrantLock();
  private final SessionIndex sessions = new SessionIndex();
  private final ClientTokenLedger ledger = new ClientTokenLedger();
  private final FaultPlan faults = new FaultPlan();
  private final long generation;

  AccountState(WorldSpec.Account spec, Map<String, Integer> quotaDefaults, long activationDelayMs, long generation) {
    this.spec = spec;
    this.generation = generation;
    require(spec.accountId() != null && !spec.accountId().isBlank(), "an account has no accountId");
    for (String name : spec.quotas().keySet()) {
      require(quotaDefaults.containsKey(name),
          "account " + spec.accountId() + " sets quota " + name + "; the contract's quotas are " + quotaDefaults.keySet());
    }
    Map<String, Integer> q = new HashMap<>(quotaDefaults);
    q.putAll(spec.quotas());
    this.quotas = Map.copyOf(q);
    this.projects = Set.copyOf(spec.projects());
    this.instances = index(spec.instances(), WorldSpec.Instance::instanceId, "instance");
    this.networkInterfaces = index(spec.networkInterfaces(), WorldSpec.NetworkInterface::networkInterfaceId, "network interface");
    this.clbInstances = index(spec.clbInstances(), WorldSpec.ClbInstance::clbInstanceId, "CLB instance");
    this.targets = index(spec.trafficMirrorTargets(), WorldSpec.TrafficMirrorTarget::trafficMirrorTargetId, "mirror target");
    this.filters = index(spec.trafficMirrorFilters(), WorldSpec.TrafficMirrorFilter::trafficMirrorFilterId, "filter");
    for (WorldSpec.NetworkInterface eni : spec.networkInterfaces()) {
      require(eni.instanceId() == null || instances.containsKey(eni.instanceId()),
          "network interface " + eni.networkInterfaceId() + " names unknown instance " + eni.instanceId());
    }
    Set<String> behindTargets = new HashSet<>();
    for (WorldSpec.TrafficMirrorTarget t : spec.trafficMirrorTargets()) {
      if (TrafficMirrorService.NETWORK_INTERFACE.equals(t.instanceType())) {
        behindTargets.add(t.instanceId());
      }
    }
    this.targetNetworkInterfaces = Collections.unmodifiableSet(behindTargets);
    for (WorldSpec.Session s : spec.trafficMirrorSessions()) {
      sessions.add(preloaded(s, activationDelayMs));
    }
    for (WorldSpec.Fault f : spec.faults()) {
      faults.add(f.code(), f.phase(), f.remaining());
    }
  }

  private TrafficMirrorSession preloaded(WorldSpec.Session s, long activationDelayMs) {
    String where = "session " + s.trafficMirrorSessionId() + " of account " + spec.accountId();
    require(s.trafficMirrorSessionId() != null, "a session of account " + spec.accountId() + " has no id");
    require(networkInterfaces.containsKey(s.networkInterfaceId()), where + " names unknown source " + s.networkInterfaceId());
    require(targets.containsKey(s.trafficMirrorTargetId()), where + " names unknown target " + s.trafficMirrorTargetId());
    require(filters.containsKey(s.trafficMirrorFilterId()), where + " names unknown filter " + s.trafficMirrorFilterId());
    String status = s.status() == null ? TrafficMirrorSession.ACTIVE : s.status();
    // A preloaded session keeps the status the file gives; Creating ones turn Active after the delay.
    long createdAt = TrafficMirrorSession.CREATING.equals(status) ? System.currentTimeMillis() : 0L;
    return new TrafficMirrorSession(s.trafficMirrorSessionId(),
        s.trafficMirrorSessionName() == null ? s.trafficMirrorSessionId() : s.trafficMirrorSessionName(),
        s.description() == null ? "" : s.description(),
        s.networkInterfaceId(), s.trafficMirrorTargetId(), s.trafficMirrorFilterId(), s.priority(),
        s.virtualNetworkId() == null ? 0 : s.virtualNetworkId(),
        s.packetLength() == null ? 1500 : s.packetLength(),
        s.projectName() == null ? "default" : s.projectName(),
        s.tags().stream().map(t -> new Tag(t.key(), t.value() == null ? "" : t.value())).toList(),
        status, createdAt, null);
  }

  /** A session the store kept, back in the index (and its token in the ledger) at start. */
  void restore(TrafficMirrorSession session, CreateSessionRequest request) {
    try {
      sessions.add(session);
    } catch (IllegalArgumentException clash) {
      throw new IllegalArgumentException("the stored session " + session.trafficMirrorSessionId() + " of account "
          + spec.accountId() + " cannot stand beside the world file's sessions: " + clash.getMessage(), clash);
    }
    if (request != null && session.clientToken() != null) {
      ledger.record(session.clientToken(), request, session.trafficMirrorSessionId());
    }
  }

  /** The world (load or reset) this account belongs to, for the store. */
  long generation() {
    return generation;
  }

  public String accountId() {
    return spec.accountId();
  }

  public WorldSpec.Account spec() {
    return spec;
  }

  /** Requests per second per access key of this account; null when unlimited. */
  public Integer flowLimitPerSecond() {
    return spec.flowLimitPerSecond();
  }

  public long processingDelayMs() {
    return spec.processingDelayMs();
  }

  WorldSpec.Billing billing() {
    return spec.billing();
  }

  int quota(String name) {
    Integer q = quotas.get(name);
    if (q == null) {
      throw new IllegalStateException("the contract has no quota " + name);
    }
    return q;
  }

  boolean hasProject(String name) {
    return projects.contains(name);
  }

  WorldSpec.Instance instance(String id) {
    return id == null ? null : instances.get(id);
  }

  WorldSpec.NetworkInterface networkInterface(String id) {
    return id == null ? null : networkInterfaces.get(id);
  }

  WorldSpec.ClbInstance clbInstance(String id) {
    return id == null ? null : clbInstances.get(id);
  }

  WorldSpec.TrafficMirrorTarget target(String id) {
    return targets.get(id);
  }

  WorldSpec.TrafficMirrorFilter filter(String id) {
    return filters.get(id);
  }

  boolean standsBehindTarget(String networkInterfaceId) {
    return targetNetworkInterfaces.contains(networkInterfaceId);
  }

  ReentrantLock lock() {
    return lock;
  }

  SessionIndex sessions() {
    return sessions;
  }

  ClientTokenLedger ledger() {
    return ledger;
  }

  FaultPlan faults() {
    return faults;
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id, String kind) {
    Map<String, T> out = new HashMap<>();
    for (T item : items) {
      String key = id.apply(item);
      require(key != null, "a " + kind + " has no id");
      require(out.put(key, item) == null, kind + " " + key + " is listed twice");
    }
    return Collections.unmodifiableMap(out);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("world: " + problem);
    }
  }
}
