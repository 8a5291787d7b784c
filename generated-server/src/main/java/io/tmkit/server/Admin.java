package io.tmkit.server;

import io.tmkit.server.domain.AccountState;
import io.tmkit.server.domain.TrafficMirrorService;
import io.tmkit.server.domain.TrafficMirrorSession;
import io.tmkit.server.domain.World;
import io.tmkit.server.domain.WorldState;
import io.tmkit.server.world.WorldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * State set-up for tests and tools, in process: reset, load a world, list sessions, inject faults.
 * The HTTP admin endpoint (only with an admin token) is a thin layer over this class.
 */
public final class Admin {
  private final World world;
  private final TrafficMirrorService service;

  Admin(World world, TrafficMirrorService service) {
    this.world = world;
    this.service = service;
  }

  /** Back to the world the server started with: fresh sessions, fresh ClientToken ledger. */
  public void reset() {
    world.reset();
  }

  /** Replaces the world; a world that does not hold together is refused (IllegalArgumentException). */
  public void load(WorldSource source) {
    world.load(source.read());
  }

  /** The world as it was loaded (without the sessions created since). */
  public WorldSpec world() {
    return world.current().spec();
  }

  public List<TrafficMirrorSession> sessions(String accountId) {
    WorldState current = world.current();
    AccountState account = current.account(accountId)
        .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    return service.sessions(account, current.activationDelayMs());
  }

  public List<TrafficMirrorSession> sessions() {
    WorldState current = world.current();
    List<TrafficMirrorSession> all = new ArrayList<>();
    for (AccountState account : current.accounts()) {
      all.addAll(service.sessions(account, current.activationDelayMs()));
    }
    return all;
  }

  /**
   * Arms a fault for the account's next {@code times} creates (-1: all): {@code code} is a documented
   * code with one row (InternalError), {@code phase} beforeCreate (nothing is created) or afterCreate
   * (the session is created, the answer is lost).
   */
  public void injectFault(String accountId, String code, String phase, int times) {
    AccountState account = world.current().account(accountId)
        .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    service.injectFault(account, code, phase, times);
  }
}
