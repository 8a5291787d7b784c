package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import net.jqwik.api.statistics.Statistics;

/** The hand-written reader accepts exactly what the grammar in its documentation accepts, and reads the same parts. */
class AuthorizationHeaderTest {
  private static final Pattern GRAMMAR = Pattern.compile(
      "^(\\S+) Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+),\\s*"
          + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})$");
  private static final String VALID = "HMAC-SHA256 Credential=AKLTdemo/20261126/cn-beijing/vpc/request, "
      + "SignedHeaders=host;x-content-sha256;x-date, Signature=" + "0123456789abcdef".repeat(4);

  private static Optional<AuthorizationHeader> byGrammar(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = GRAMMAR.matcher(header.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new AuthorizationHeader(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
        m.group(6), Arrays.asList(m.group(7).split(";")), m.group(8)));
  }

  @Provide
  Arbitrary<String> headers() {
    Arbitrary<Character> tricky = Arbitraries.of(' ', '\t', '\n', '\u000B', '/', ',', ';', '=', 'a', 'Z', '0', '9',
        'f', 'g', '-', '\u0001', '中');
    Arbitrary<String> edited = Combinators.combine(
            Arbitraries.integers().between(0, VALID.length()), Arbitraries.integers().between(0, 3), tricky,
            Arbitraries.integers().between(1, 3))
        .as((at, kind, c, n) -> switch (kind) {
          case 0 -> VALID.substring(0, at) + c + VALID.substring(at);
          case 1 -> VALID.substring(0, at) + VALID.substring(Math.min(VALID.length(), at + n));
          case 2 -> at < VALID.length() ? VALID.substring(0, at) + c + VALID.substring(at + 1) : VALID + c;
          default -> VALID.substring(0, at);
        });
    Arbitrary<String> pieces = Arbitraries.oneOf(
            Arbitraries.of("HMAC-SHA256", " Credential=", "AK", "/", "20261126", "2026112", ",", ", ", "\t",
                "SignedHeaders=", "host", ";", "x-date", "Signature=", "0123456789abcdef".repeat(4), "0".repeat(63)),
            tricky.map(String::valueOf))
        .list().ofMaxSize(16).map(l -> String.join("", l));
    return Arbitraries.oneOf(edited, edited, pieces, Arbitraries.just(VALID), Arbitraries.just("  " + VALID + " \n"));
  }

  @Property(tries = 3000)
  void readsWhatTheGrammarReads(@ForAll("headers") String header) {
    Optional<AuthorizationHeader> expected = byGrammar(header);
    Statistics.collect(expected.isPresent() ? "well-formed" : "malformed");
    assertEquals(expected, AuthorizationHeader.parse(header), () -> "header: " + header);
    // Both sides of the grammar must be exercised, or the comparison proves little.
    Statistics.coverage(c -> {
      c.check("well-formed").percentage(p -> p > 10);
      c.check("malformed").percentage(p -> p > 20);
    });
  }

  @Example
  void readsTheParts() {
    assertTrue(AuthorizationHeader.parse(VALID).isPresent());
    assertEquals("cn-beijing", AuthorizationHeader.parse(VALID).get().region());
    assertEquals(List.of("host", "x-content-sha256", "x-date"), AuthorizationHeader.parse(VALID).get().signedHeaders());
  }
}
