package io.tmkit.conformance.client;

import io.tmkit.client.RetryPolicy;
import io.tmkit.client.TrafficMirrorClient;
import io.tmkit.client.TrafficMirrorException;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.run.CaseSurface;
import io.tmkit.conformance.run.Observation;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The client's own validation, with no server behind it: the client points at a loopback port that
 * nothing listens on, so any answer it gives is its local verdict. For an error case the verdict must
 * be the expected status, code and message; for a success the client must let the request through
 * (and then fail to connect).
 */
public final class ClientValidationSurface implements CaseSurface {
  private final ClientRequests requests;
  private final TrafficMirrorClient client;

  public ClientValidationSurface(Contract contract, String region) {
    this.requests = new ClientRequests(contract);
    this.client = TrafficMirrorClient.builder()
        .contract(contract)
        .endpoint(URI.create("http://127.0.0.1:" + closedPort() + "/"))
        .region(region)
        .credentials(Credentials.of("AKLTlocal", "local"))
        .validation(true)
        .retryPolicy(RetryPolicy.NONE)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** A port that was free a moment ago: bound, then released, so a connection to it is refused. */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Surface surface() {
    return Surface.CLIENT_VALIDATION;
  }

  @Override
  public boolean needsWorld() {
    return false;
  }

  @Override
  public Observation observe(ResolvedCase c) {
    try {
      client.createTrafficMirrorSession(requests.toRequest(c.request()));
      return new Observation(0, null, null, null, null, false,
          List.of("the client reports a success with no server behind it"));
    } catch (TrafficMirrorException e) {
      if (e.isLocal()) {
        return ClientObservations.of(e);
      }
      if (e.isTransportFailure()) {
        return Observation.passedLocally();
      }
      return new Observation(e.status(), e.code(), e.errorMessage(), null, null, false,
          List.of("an answer came from the network although nothing listens there"));
    }
  }
}
