package io.tmkit.server.world;

import java.util.List;
import java.util.Map;

/**
 * The world file: what exists before the first request. One JSON (or YAML) document; the nested
 * records below are its whole schema (generated-server/README.md documents it field by field).
 * Optional fields may be omitted; the compact constructors fill empty lists so the rest of the
 * server never sees null collections.
 */
public record WorldSpec(String description, String region, Long activationDelayMs, List<Account> accounts) {

  public WorldSpec {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    activationDelayMs = activationDelayMs == null ? 0L : activationDelayMs;
  }

  /** One account with everything the checks of the account, existence, state, conflict and quota stages read. */
  public record Account(
      String accountId,
      String name,
      Billing billing,
      Map<String, Integer> quotas,
      List<String> projects,
      List<Instance> instances,
      List<NetworkInterface> networkInterfaces,
      List<ClbInstance> clbInstances,
      List<TrafficMirrorTarget> trafficMirrorTargets,
      List<TrafficMirrorFilter> trafficMirrorFilters,
      List<Session> trafficMirrorSessions,
      Integer flowLimitPerSecond,
      Long processingDelayMs,
      List<Fault> faults) {

    public Account {
      billing = billing == null ? new Billing(null, null, null, null, null) : billing;
      quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
      projects = projects == null ? List.of() : List.copyOf(projects);
      instances = orEmpty(instances);
      networkInterfaces = orEmpty(networkInterfaces);
      clbInstances = orEmpty(clbInstances);
      trafficMirrorTargets = orEmpty(trafficMirrorTargets);
      trafficMirrorFilters = orEmpty(trafficMirrorFilters);
      trafficMirrorSessions = orEmpty(trafficMirrorSessions);
      processingDelayMs = processingDelayMs == null ? 0L : processingDelayMs;
      faults = orEmpty(faults);
    }
  }

  /**
   * Money and permissions behind the account stage, in yuan. Omitted fields describe a healthy account:
   * balance {@value #DEFAULT_BALANCE}, no vouchers, not in arrears, purchases allowed, orders succeed.
   */
  public record Billing(Long balance, Long vouchers, Boolean inArrears, Boolean purchaseAllowed, Boolean orderFails) {
    public static final long DEFAULT_BALANCE = 10_000L;

    public Billing {
      balance = balance == null ? DEFAULT_BALANCE : balance;
      vouchers = vouchers == null ? 0L : vouchers;
      inArrears = inArrears != null && inArrears;
      purchaseAllowed = purchaseAllowed == null || purchaseAllowed;
      orderFails = orderFails != null && orderFails;
    }
  }

  /** supportsTrafficMirror defaults to true. */
  public record Instance(String instanceId, String instanceType, Boolean supportsTrafficMirror) {
    public Instance {
      supportsTrafficMirror = supportsTrafficMirror == null || supportsTrafficMirror;
    }
  }

  /**
   * type: Primary | Secondary | Trunk …; status: Available | InUse | Creating | Attaching | Detaching |
   * Deleting; instanceId: the ECS instance it is attached to (null: detached); serviceManaged defaults to false.
   */
  public record NetworkInterface(
      String networkInterfaceId, String type, String status, String instanceId, Boolean serviceManaged) {
    public NetworkInterface {
      serviceManaged = serviceManaged != null && serviceManaged;
    }
  }

  /** status: Active | Inactive | Creating … */
  public record ClbInstance(String clbInstanceId, String status) {}

  /** instanceType: NetworkInterface | ClbInstance; instanceId names an ENI or a CLB instance (it may be gone). */
  public record TrafficMirrorTarget(String trafficMirrorTargetId, String instanceType, String instanceId, String status) {}

  public record TrafficMirrorFilter(String trafficMirrorFilterId, String status) {}

  public record Tag(String key, String value) {}

  /** A session that exists when the world is loaded. */
  public record Session(
      String trafficMirrorSessionId,
      String trafficMirrorSessionName,
      String description,
      String networkInterfaceId,
      String trafficMirrorTargetId,
      String trafficMirrorFilterId,
      int priority,
      Integer virtualNetworkId,
      Integer packetLength,
      String projectName,
      String status,
      List<Tag> tags) {
    public Session {
      tags = orEmpty(tags);
    }
  }

  /**
   * A fault to inject: {@code code} is a documented code with one row (usually InternalError),
   * {@code phase} is beforeCreate or afterCreate, {@code remaining} how many requests it hits (-1: all).
   */
  public record Fault(String code, String phase, int remaining) {}

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
