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
  private final ErrorRow queryMalformed;

  ClientSideValidation(Contract contract) {
    this.rules = new RequestRules(contract);
    this.maxQueryStringBytes = contract.limits().maxQueryStringBytes();
    this.queryTooLong = contract.errors().rowContaining("InvalidParameter", "exceeds");
    this.queryMalformed = contract.errors().rowContaining("InvalidParameter", "malformed");
  }

  Optional<Violation> check(List<Map.Entry<String, String>> wireParameters) {
    if (queryBytes(wireParameters) > maxQueryStringBytes) {
      return Optional.of(Violation.of(queryTooLong, null));
    }
    Optional<Violation> notText = checkEncodable(wireParameters);
    if (notText.isPresent()) {
      return notText;
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

  /**
   * A name or value holding a lone UTF-16 surrogate is not Unicode text and has no UTF-8 form: the
   * transport's encoder would put {@code ?} in its place and send another request than the one asked
   * for. The contract's wire conventions answer it as invalid UTF-8 (the query is malformed), so it is
   * refused here whether validation is on or off.
   */
  Optional<Violation> checkEncodable(List<Map.Entry<String, String>> wireParameters) {
    for (Map.Entry<String, String> p : wireParameters) {
      if (!isText(p.getKey()) || !isText(p.getValue())) {
        return Optional.of(Violation.of(queryMalformed, null));
      }
    }
    return Optional.empty();
  }

  /** Whether every surrogate is half of a pair, high then low. */
  static boolean isText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Only the presence of required parameters: the generated transport cannot send a request without them. */
  Optional<Violation> checkRequired(List<Map.Entry<String, String>> wireParameters) {
    return rules.checkRequired(RequestParameters.of(wireParameters));
  }
}
