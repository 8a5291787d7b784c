package io.tmkit.client;

import io.tmkit.contract.Contract;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Requests and clients shared by the tests; IDs are the contract's own examples. */
final class Fixtures {
  static final Contract CONTRACT = Contract.bundled();
  static final String DEMO_AK = "AKLTdemo0000000000000000000000001";
  static final String DEMO_SK = "ZGVtby1zZWNyZXQta2V5LTAwMDE=";

  private Fixtures() {}

  /** A request built from the contract's examples of the required parameters. */
  static CreateTrafficMirrorSessionRequest.Builder valid() {
    return CreateTrafficMirrorSessionRequest.builder()
        .networkInterfaceId(CONTRACT.requireParameter("NetworkInterfaceId").example())
        .trafficMirrorTargetId(CONTRACT.requireParameter("TrafficMirrorTargetId").example())
        .trafficMirrorFilterId(CONTRACT.requireParameter("TrafficMirrorFilterId").example())
        .priority(Integer.valueOf(CONTRACT.requireParameter("Priority").example()));
  }

  static TrafficMirrorClient.Builder client(URI endpoint, List<Duration> waits) {
    return TrafficMirrorClient.builder()
        .endpoint(endpoint)
        .credentials(DEMO_AK, DEMO_SK)
        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100)))
        .sleeper(waits::add);
  }

  static TrafficMirrorClient.Builder client(URI endpoint) {
    return client(endpoint, new ArrayList<>());
  }

  static String repeat(String s, int n) {
    return s.repeat(n);
  }
}
