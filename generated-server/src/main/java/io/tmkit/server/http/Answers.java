package io.tmkit.server.http;

import io.tmkit.contract.Violation;
import io.tmkit.server.domain.World;
import jakarta.ws.rs.core.Response;

/** What every exception mapper shares: the current request's exchange and the envelope writer. */
final class Answers {
  private final Envelopes envelopes;
  private final World world;

  Answers(Envelopes envelopes, World world) {
    this.envelopes = envelopes;
    this.world = world;
  }

  Response error(Violation v) {
    return envelopes.error(Exchange.current(world.current().region()), v);
  }
}
