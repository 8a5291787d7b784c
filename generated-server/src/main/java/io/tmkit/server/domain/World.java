package io.tmkit.server.domain;

import io.tmkit.server.world.WorldSpec;
import java.util.Map;

/**
 * The world the server answers from. Loading or resetting replaces it as a whole; requests already
 * running finish against the world they started with.
 */
public final class World {
  private final Map<String, Integer> quotaDefaults;
  private final WorldSpec initial;
  private volatile WorldState current;

  public World(WorldSpec initial, Map<String, Integer> quotaDefaults) {
    this.quotaDefaults = Map.copyOf(quotaDefaults);
    this.initial = initial;
    this.current = new WorldState(initial, quotaDefaults);
  }

  public WorldState current() {
    return current;
  }

  /** Replaces the world; a spec that does not hold together is refused and the old world stays. */
  public void load(WorldSpec spec) {
    current = new WorldState(spec, quotaDefaults);
  }

  /** Back to the world the server started with: fresh sessions, fresh ledger, faults as the file says. */
  public void reset() {
    load(initial);
  }
}
