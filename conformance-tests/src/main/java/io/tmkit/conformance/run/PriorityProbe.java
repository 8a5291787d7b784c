package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.fixtures.AccessKeyFixture;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks a target that is never reset whether a priority is free, without creating anything: a create
 * with that priority on the account's {@code source.atQuota} (a source already in as many sessions as
 * its quota allows). The contract evaluates conflicts before quotas (x-evaluation-order), so a taken
 * priority answers the priority conflict and a free one the source's quota; neither creates. Accounts
 * whose fixtures lack {@code source.atQuota}, {@code target.ok} or {@code filter.ok}, and roles other
 * than priorities, are never probed (every number counts as free).
 */
final class PriorityProbe implements Resolver.Occupancy {
  private final Contract contract;
  private final Fixtures fixtures;
  private final HttpSurface http;
  private final String conflict;

  PriorityProbe(Contract contract, Fixtures fixtures, HttpSurface http) {
    this.contract = contract;
    this.fixtures = fixtures;
    this.http = http;
    this.conflict = CaseRunner.stateCodes(contract).stream().filter(c -> c.contains("Priority")).findFirst().orElse(null);
  }

  @Override
  public boolean taken(String account, String role, String value) {
    if (conflict == null || !role.startsWith("priority.")) {
      return false;
    }
    Optional<AccessKeyFixture> key = fixtures.accessKeys().values().stream()
        .filter(k -> k.account().equals(account)).findFirst();
    Optional<String> source = fixtures.role(account, "source.atQuota");
    Optional<String> target = fixtures.role(account, "target.ok");
    Optional<String> filter = fixtures.role(account, "filter.ok");
    if (key.isEmpty() || source.isEmpty() || target.isEmpty() || filter.isEmpty()) {
      return false;
    }
    ResolvedRequest probe = new ResolvedRequest("GET", key.get(), new Signing(Signing.Kind.SIGNED, Map.of()), List.of(
        Map.entry("Action", contract.onlyValueOf("Action")),
        Map.entry("Version", contract.onlyValueOf("Version")),
        Map.entry("NetworkInterfaceId", source.get()),
        Map.entry("TrafficMirrorTargetId", target.get()),
        Map.entry("Priority", value),
        Map.entry("TrafficMirrorFilterId", filter.get())), null, false);
    try {
      return conflict.equals(http.send(probe).code());
    } catch (RuntimeException e) {
      return false; // no answer: the case itself will say so
    }
  }
}
