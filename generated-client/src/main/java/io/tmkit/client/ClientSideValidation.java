package io.tmkit.client;

import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's stateless rules ({@link RequestRules}), run on the exact parameters about to be sent:
 * Action/Version, then the parameters and tags stages. A fault found here is the one the server would
 * answer with, provided the request would pass the server's earlier stages (envelope, authentication).
 */
final class ClientSideValidation {
  private final RequestRules rules;

  ClientSideValidation(RequestRules rules) {
    this.rules = rules;
  }

  Optional<Violation> check(List<Map.Entry<String, String>> wireParameters) {
    RequestParameters request = RequestParameters.of(wireParameters);
    Optional<Violation> v = rules.checkActionAndVersion(request);
    return v.isPresent() ? v : rules.checkSyntax(request);
  }

  /** Only the presence of required parameters: the generated transport cannot send a request without them. */
  Optional<Violation> checkRequired(List<Map.Entry<String, String>> wireParameters) {
    return rules.checkRequired(RequestParameters.of(wireParameters));
  }
}
