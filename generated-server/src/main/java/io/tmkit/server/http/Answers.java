package io.tmkit.server.http;

import io.tmkit.contract.Violation;
import io.tmkit.server.domain.World;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

/** What every exception mapper shares: the current request's exchange and the envelope writer. */
final class Answers {
  private final Envelopes envelopes;
  private final World world;

  Answers(Envelopes envelopes, World world) {
    this.envelopes = envelopes;
    this.world = world;
  }

  Response error(Provider<ContainerRequest> request, Violation v) {
    return envelopes.error(Exchange.of(request.get(), world.current().region()), v);
  }
}
