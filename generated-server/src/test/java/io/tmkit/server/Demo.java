package io.tmkit.server;

import io.tmkit.contract.signing.Credentials;
import io.tmkit.server.auth.CredentialsFile;
import io.tmkit.server.world.WorldSpec;

/** The demo world and credentials as the tests use them: keys and resources looked up by account name, never retyped. */
final class Demo {
  static final WorldSpec WORLD = WorldSource.demo().read();
  static final CredentialsFile CREDENTIALS = CredentialsSource.demo().read();

  private Demo() {}

  static WorldSpec.Account account(String name) {
    return WORLD.accounts().stream().filter(a -> name.equals(a.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no demo account " + name));
  }

  /** The key of an account that may call everything. */
  static Credentials key(String accountName) {
    String id = account(accountName).accountId();
    return CREDENTIALS.credentials().stream()
        .filter(c -> c.accountId().equals(id) && c.allowedActions().contains("*"))
        .map(c -> Credentials.of(c.accessKey(), c.secretKey()))
        .findFirst().orElseThrow();
  }

  /** A key of the demo account that may call nothing. */
  static Credentials readOnlyKey() {
    return CREDENTIALS.credentials().stream()
        .filter(c -> c.allowedActions().isEmpty())
        .map(c -> Credentials.of(c.accessKey(), c.secretKey()))
        .findFirst().orElseThrow();
  }

  /** A valid request for one of the small accounts: its first source, target and filter. */
  static Params validFor(String accountName) {
    WorldSpec.Account a = account(accountName);
    return Params.valid()
        .set("NetworkInterfaceId", a.networkInterfaces().get(0).networkInterfaceId())
        .set("TrafficMirrorTargetId", a.trafficMirrorTargets().get(0).trafficMirrorTargetId())
        .set("TrafficMirrorFilterId", a.trafficMirrorFilters().get(0).trafficMirrorFilterId())
        .set("Priority", "2");
  }
}
