package io.tmkit.server.domain;

import io.tmkit.server.world.WorldSpec;
import java.util.Map;

/**
 * The world the server answers from. Loading or resetting replaces it as a whole; requests already
 * running finish against the world they started with. With a {@link SessionStore} that keeps state
 * (--data), the sessions and ClientTokens it holds are replayed onto the start world, and a reset or
 * load clears them there too: the store holds what was created since the last start, reset or load.
 */
public final class World {
  private final Map<String, Integer> quotaDefaults;
  private final WorldSpec initial;
  private final SessionStore store;
  private final WorldState.Restored restored;
  /** Counts loads and resets, so that the store can drop a late save of a world that was replaced. */
  private long generation;
  private volatile WorldState current;

  /** A world whose state lives in memory only. */
  public World(WorldSpec initial, Map<String, Integer> quotaDefaults) {
    this(initial, quotaDefaults, SessionStore.inMemory());
  }

  /**
   * The start world with what {@code store} holds replayed onto it; a stored session that cannot
   * stand beside the world's own (same ID or priority) is refused (IllegalArgumentException).
   */
  public World(WorldSpec initial, Map<String, Integer> quotaDefaults, SessionStore store) {
    this.quotaDefaults = Map.copyOf(quotaDefaults);
    this.initial = initial;
    this.store = store;
    WorldState start = new WorldState(initial, quotaDefaults, 0);
    this.restored = start.restore(store.restore());
    this.current = start;
  }

  public WorldState current() {
    return current;
  }

  /** What was replayed from the store at start. */
  public WorldState.Restored restored() {
    return restored;
  }

  public SessionStore store() {
    return store;
  }

  /**
   * Replaces the world and clears the store's sessions and tokens; a spec that does not hold together
   * is refused and the old world (and store) stay.
   */
  public synchronized void load(WorldSpec spec) {
    WorldState next = new WorldState(spec, quotaDefaults, generation + 1);
    generation++;
    store.clear(generation);
    current = next;
  }

  /** Back to the world the server started with: fresh sessions, fresh ledger, faults as the file says. */
  public void reset() {
    load(initial);
  }
}
