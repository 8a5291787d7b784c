package io.tmkit.client;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's stateless rules ({@link RequestRules}), run on the exact parameters about to be sent:
 * the query string's size (the envelope stage measures it first), Action/Version, then the parameters
 * and tags stages. A fault found here is the one the server would answer with, provided the request
 * would pass the server's authentication stage.
 */
final class ClientSideValidation {
  private final RequestRules rules;
  private final int maxQueryStringBytes;
  private final ErrorRow queryTooLong;

  ClientSideValidation(Contract contract) {
    this.rules = new RequestRules(contract);
    this.maxQueryStringBytes = contract.limits().maxQueryStringBytes();
    this.queryTooLong = contract.errors().rowContaining("InvalidParameter", "exceeds");
  }

  Optional<Violation> check(List<Map.Entry<String, String>> wireParameters) {
    if (queryBytes(wireParameters) > maxQueryStringBytes) {
      return Optional.of(Violation.of(queryTooLong, null));
    }
    RequestParameters request = RequestParameters.of(wireParameters);
    Optional<Violation> v = rules.checkActionAndVersion(request);
    return v.isPresent() ? v : rules.checkSyntax(request);
  }

  /** The query string's length as the generated ApiClient encodes it (URLEncoder, space as %20). */
  static long queryBytes(List<Map.Entry<String, String>> wireParameters) {
    long bytes = -1;
    for (Map.Entry<String, String> p : wireParameters) {
      bytes += 1 + p.getKey().length() + 1
          + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20").length();
    }
    return Math.max(bytes, 0);
  }

  /** Only the presence of required parameters: the generated transport cannot send a request without them. */
  Optional<Violation> checkRequired(List<Map.Entry<String, String>> wireParameters) {
    return rules.checkRequired(RequestParameters.of(wireParameters));
  }
}
