package io.tmkit.conformance;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the contract says a signed GET with this query string must get, as far as the query alone
 * decides it: the envelope's size and encoding rows, then {@link RequestRules} (Action and Version,
 * then the parameters and tags stages). Empty when the query passes all of them.
 */
final class QueryOracle {
  private final Contract contract;
  private final RequestRules rules;
  private final ErrorRow tooLong;
  private final ErrorRow malformed;

  QueryOracle(Contract contract) {
    this.contract = contract;
    this.rules = new RequestRules(contract);
    this.tooLong = contract.errors().rowContaining("InvalidParameter", "exceeds");
    this.malformed = contract.errors().rowContaining("InvalidParameter", "query string is malformed");
  }

  Optional<Violation> predict(String rawQuery) {
    if (rawQuery.getBytes(StandardCharsets.UTF_8).length > contract.limits().maxQueryStringBytes()) {
      return Optional.of(Violation.of(tooLong, null));
    }
    Optional<List<Map.Entry<String, String>>> pairs = decode(rawQuery);
    if (pairs.isEmpty()) {
      return Optional.of(Violation.of(malformed, null));
    }
    RequestParameters request = RequestParameters.of(pairs.get());
    Optional<Violation> v = rules.checkActionAndVersion(request);
    return v.isPresent() ? v : rules.checkSyntax(request);
  }

  /** Strict decoding: every escape complete, every name non-empty, the bytes UTF-8; empty if not. */
  static Optional<List<Map.Entry<String, String>>> decode(String raw) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String part : raw.split("&", -1)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      Optional<String> n = percentDecode(name);
      Optional<String> v = percentDecode(value);
      if (n.isEmpty() || v.isEmpty() || n.get().isEmpty()) {
        return Optional.empty();
      }
      out.add(Map.entry(n.get(), v.get()));
    }
    return Optional.of(out);
  }

  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  static Optional<String> percentDecode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        return Optional.empty();
      } else {
        bytes.write(c);
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
