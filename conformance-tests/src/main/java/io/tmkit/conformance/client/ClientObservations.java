package io.tmkit.conformance.client;

import io.tmkit.client.TrafficMirrorException;
import io.tmkit.conformance.http.ContractForms;
import io.tmkit.conformance.run.Observation;
import java.util.ArrayList;
import java.util.List;

/** What a {@link TrafficMirrorException} says, as an observation of a case. */
final class ClientObservations {
  private ClientObservations() {}

  static Observation of(TrafficMirrorException e) {
    List<String> findings = new ArrayList<>();
    if (e.isTransportFailure()) {
      findings.add("no answer: " + e.errorMessage());
      return new Observation(0, null, null, null, null, false, findings);
    }
    if (!e.isLocal() && !ContractForms.isRequestId(e.requestId())) {
      findings.add("the exception's RequestId " + e.requestId() + " is not of the contract's form");
    }
    if (e.row().isEmpty()) {
      findings.add("the exception carries no row of the contract for " + e.code() + " \"" + e.errorMessage() + "\"");
    }
    return new Observation(e.status(), e.code(), e.errorMessage(), null, e.requestId(), e.isLocal(), findings);
  }
}
