package io.tmkit.server.domain;

import io.tmkit.server.world.WorldSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded world: its accounts by ID, in the file's order. Replaced as a whole on load and reset. */
public final class WorldState {
  private final WorldSpec spec;
  private final Map<String, AccountState> accounts;
  private final boolean delaysProcessing;
  private final long generation;

  /** What a start replayed from the store: counts for the ready line. */
  public record Restored(int sessions, int clientTokens, int dormantSessions, List<String> dormantAccounts) {}

  public WorldState(WorldSpec spec, Map<String, Integer> quotaDefaults) {
    this(spec, quotaDefaults, 0);
  }

  WorldState(WorldSpec spec, Map<String, Integer> quotaDefaults, long generation) {
    this.generation = generation;
    this.spec = spec;
    if (spec.region() == null || spec.region().isBlank()) {
      throw new IllegalArgumentException("world: region is required");
    }
    Map<String, AccountState> byId = new LinkedHashMap<>();
    for (WorldSpec.Account a : spec.accounts()) {
      AccountState state = new AccountState(a, quotaDefaults, spec.activationDelayMs(), generation);
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

  /**
   * Replays stored sessions and tokens onto this (fresh) world. What the world file may have changed
   * since they were created (generated-server/README.md, "A data directory and a changed world file"):
   * a session of an account the world no longer has is left in the store but not served (dormant);
   * a session whose source, target or filter is gone, or that a lowered quota no longer admits, is
   * kept and counted as it was (quotas bound new creates, as a real quota does; nothing is deleted);
   * a session with the ID or the priority of one the world file itself lists is refused.
   */
  Restored restore(List<SessionStore.Stored> stored) {
    int sessions = 0;
    int tokens = 0;
    int dormant = 0;
    Set<String> dormantAccounts = new LinkedHashSet<>();
    for (SessionStore.Stored s : stored) {
      AccountState account = accounts.get(s.accountId());
      if (account == null) {
        dormant++;
        dormantAccounts.add(s.accountId());
        continue;
      }
      account.restore(s.session(), s.request());
      sessions++;
      if (s.request() != null) {
        tokens++;
      }
    }
    return new Restored(sessions, tokens, dormant, List.copyOf(dormantAccounts));
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
