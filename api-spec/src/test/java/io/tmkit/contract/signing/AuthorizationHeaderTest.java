package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tmkit.testing.Generated;
import io.tmkit.testing.Shrink;
import io.tmkit.testing.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hand-written reader accepts exactly what the grammar in its documentation accepts, and reads the same parts. */
class AuthorizationHeaderTest {
  private static final Pattern GRAMMAR = Pattern.compile(
      "^(\\S+) Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+),\\s*"
          + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})$");
  private static final String VALID = "HMAC-SHA256 Credential=AKLTdemo/20261126/cn-beijing/vpc/request, "
      + "SignedHeaders=host;x-content-sha256;x-date, Signature=" + "0123456789abcdef".repeat(4);
  private static final Character[] TRICKY = {' ', '\t', '\n', '\u000B', '/', ',', ';', '=', 'a', 'Z', '0', '9',
      'f', 'g', '-', '\u0001', '中'};
  private static final String[] PIECES = {"HMAC-SHA256", " Credential=", "AK", "/", "20261126", "2026112", ",", ", ",
      "\t", "SignedHeaders=", "host", ";", "x-date", "Signature=", "0123456789abcdef".repeat(4), "0".repeat(63)};
  private static final AtomicInteger FUZZED = new AtomicInteger();
  private static final AtomicInteger FUZZED_WELL_FORMED = new AtomicInteger();

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

  /** The valid header edited once (a char inserted, removed or replaced, or the rest cut off). */
  static String edited(Source s) {
    int at = s.between(0, VALID.length());
    char c = s.oneOf(TRICKY);
    return switch (s.between(0, 3)) {
      case 0 -> VALID.substring(0, at) + c + VALID.substring(at);
      case 1 -> VALID.substring(0, at) + VALID.substring(Math.min(VALID.length(), at + s.between(1, 3)));
      case 2 -> at < VALID.length() ? VALID.substring(0, at) + c + VALID.substring(at + 1) : VALID + c;
      default -> VALID.substring(0, at);
    };
  }

  /** Up to 16 pieces of the grammar and tricky chars, in any order. */
  static String pieces(Source s) {
    List<String> parts = new ArrayList<>();
    for (int n = s.between(0, 16); n > 0; n--) {
      parts.add(s.percent(50) ? s.oneOf(PIECES) : String.valueOf(s.oneOf(TRICKY)));
    }
    return String.join("", parts);
  }

  static String header(Source s) {
    return switch (s.between(0, 4)) {
      case 0, 1 -> edited(s);
      case 2 -> pieces(s);
      case 3 -> VALID;
      default -> "  " + VALID + " \n";
    };
  }

  @Test
  void readsWhatTheGrammarReads() {
    AtomicInteger wellFormed = new AtomicInteger();
    Generated.Run run = Generated.of("AuthorizationHeader.parse", AuthorizationHeaderTest::header)
        .shrinking(Shrink::dropChars)
        .shownAs(h -> "\"" + h.replace("\n", "\\n").replace("\t", "\\t") + "\"")
        .check(3000, header -> {
          Optional<AuthorizationHeader> expected = byGrammar(header);
          assertEquals(expected, AuthorizationHeader.parse(header), () -> "header: " + header);
          if (expected.isPresent()) {
            wellFormed.incrementAndGet();
          }
          return true;
        });
    // Both sides of the grammar must be exercised, or the comparison proves little.
    assertTrue(wellFormed.get() > run.checked() / 10, wellFormed + " well-formed of " + run.checked());
    assertTrue(run.checked() - wellFormed.get() > run.checked() / 5, wellFormed + " well-formed of " + run.checked());
  }

  /**
   * The same comparison on any bytes (read as UTF-8), coverage-guided: in CI for a few seconds
   * ({@code JAZZER_FUZZ=1}, see the pom), otherwise on the committed inputs under
   * {@code src/test/resources/io/tmkit/contract/signing/AuthorizationHeaderTestInputs/}.
   */
  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({"HMAC-SHA256", " Credential=", "/", ",", ", ", "SignedHeaders=", ";", "Signature=",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "20261126"})
  void anyBytesAreReadAsTheGrammarReadsThem(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    Optional<AuthorizationHeader> expected = byGrammar(header);
    FUZZED.incrementAndGet();
    if (expected.isPresent()) {
      FUZZED_WELL_FORMED.incrementAndGet();
    }
    assertEquals(expected, AuthorizationHeader.parse(header), () -> "header: " + header);
  }

  @AfterAll
  static void printFuzzed() {
    if (FUZZED.get() == 0) {
      return;
    }
    System.out.printf("fuzz: AuthorizationHeader.parse %d inputs, %d of them well-formed%n",
        FUZZED.get(), FUZZED_WELL_FORMED.get());
  }

  @Test
  void readsTheParts() {
    assertTrue(AuthorizationHeader.parse(VALID).isPresent());
    assertEquals("cn-beijing", AuthorizationHeader.parse(VALID).get().region());
    assertEquals(List.of("host", "x-content-sha256", "x-date"), AuthorizationHeader.parse(VALID).get().signedHeaders());
  }
}
