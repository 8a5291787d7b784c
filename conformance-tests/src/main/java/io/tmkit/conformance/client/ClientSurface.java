package io.tmkit.conformance.client;

import io.tmkit.client.CreateTrafficMirrorSessionResult;
import io.tmkit.client.RetryPolicy;
import io.tmkit.client.TrafficMirrorClient;
import io.tmkit.client.TrafficMirrorException;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.http.ContractForms;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.run.CaseSurface;
import io.tmkit.conformance.run.Observation;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated client against the target: validation off (so that the target answers), no retries
 * (so that a 412, 429 or 500 reaches the case as the one answer it is), credentials from the case's
 * access key (or the unknown key or wrong secret its signing names). The typed exception must carry
 * the documented status, code and message; a success must return a typed result.
 */
public final class ClientSurface implements CaseSurface {
  private final Contract contract;
  private final URI endpoint;
  private final String region;
  private final ClientRequests requests;
  private final Map<String, TrafficMirrorClient> clients = new ConcurrentHashMap<>();

  public ClientSurface(Contract contract, URI endpoint, String region) {
    this.contract = contract;
    this.endpoint = endpoint;
    this.region = region;
    this.requests = new ClientRequests(contract);
  }

  @Override
  public Surface surface() {
    return Surface.CLIENT;
  }

  @Override
  public boolean needsWorld() {
    return true;
  }

  @Override
  public Observation observe(ResolvedCase c) {
    ResolvedRequest r = c.request();
    TrafficMirrorClient client = clientFor(credentialsOf(r));
    try {
      CreateTrafficMirrorSessionResult result = client.createTrafficMirrorSession(requests.toRequest(r));
      List<String> findings = new ArrayList<>();
      if (!ContractForms.isSessionId(result.trafficMirrorSessionId())) {
        findings.add("typed result's TrafficMirrorSessionId " + result.trafficMirrorSessionId() + " is not of the contract's form");
      }
      if (!ContractForms.isRequestId(result.requestId())) {
        findings.add("typed result's RequestId " + result.requestId() + " is not of the contract's form");
      }
      return new Observation(200, null, null, result.trafficMirrorSessionId(), result.requestId(), false, findings);
    } catch (TrafficMirrorException e) {
      return ClientObservations.of(e);
    }
  }

  static Credentials credentialsOf(ResolvedRequest r) {
    Credentials own = r.accessKey().credentials();
    Signing s = r.signing();
    return switch (s.kind()) {
      case UNKNOWN_KEY -> Credentials.of(s.option("accessKey"), own.secretKey());
      case WRONG_SECRET -> Credentials.of(own.accessKey(), "not-" + own.secretKey());
      default -> own;
    };
  }

  private TrafficMirrorClient clientFor(Credentials credentials) {
    return clients.computeIfAbsent(credentials.accessKey() + "\n" + credentials.secretKey(),
        k -> TrafficMirrorClient.builder()
            .contract(contract)
            .endpoint(endpoint)
            .region(region)
            .credentials(credentials)
            .validation(false)
            .retryPolicy(RetryPolicy.NONE)
            .readTimeout(Duration.ofSeconds(20))
            .build());
  }
}
