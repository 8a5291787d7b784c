package io.tmkit.server.domain;

import io.tmkit.server.world.WorldSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded world: its accounts by ID, in the file's order. Replaced as a whole on load and reset. */
public final class WorldState {
  private final WorldSpec spec;
  private final Map<String, AccountState> accounts;
  private final boolean delaysProcessing;

  public WorldState(WorldSpec spec, Map<String, Integer> quotaDefaults) {
    this.spec = spec;
    if (spec.region() == null || spec.region().isBlank()) {
      throw new IllegalArgumentException("world: region is required");
    }
    Map<String, AccountState> byId = new LinkedHashMap<>();
    for (WorldSpec.Account a : spec.accounts()) {
      AccountState state = new AccountState(a, quotaDefaults, spec.activationDelayMs());
      if (byId.put(state.accountId(), state) != null) {
        throw new IllegalArgumentException("world: account " + state.accountId() + " is listed twice");
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalArgumentException("world: no accounts");
    }
    this.accounts = byId;
    this.delaysProcessing = byId.values().stream().anyMatch(a -> a.processingDelayMs() > 0);
  }

  public WorldSpec spec() {
    return spec;
  }

  public String region() {
    return spec.region();
  }

  public long activationDelayMs() {
    return spec.activationDelayMs();
  }

  /** Whether some account's requests sleep through a processing delay (so may hold their thread). */
  public boolean delaysProcessing() {
    return delaysProcessing;
  }

  public Optional<AccountState> account(String accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  public AccountState firstAccount() {
    return accounts.values().iterator().next();
  }

  public Collection<AccountState> accounts() {
    return accounts.values();
  }

  public List<String> accountIds() {
    return new ArrayList<>(accounts.keySet());
  }
}
