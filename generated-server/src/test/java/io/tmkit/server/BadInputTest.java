package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import io.tmkit.testing.AdversarialCount;
import io.tmkit.testing.Generated;
import io.tmkit.testing.Shrink;
import io.tmkit.testing.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends gets a documented answer: never a 5xx, an HTML page or an empty body, and
 * for any value of any parameter either a session or the row that the contract documents.
 */
class BadInputTest extends PropertyServerTest {
  private static final String[] NASTY = {"", " ", "0", "-0", "+1", "1.0", "1e3", "0x10", "9223372036854775807",
      "9223372036854775808", "-9223372036854775809", "2147483648", "NaN", "\u0000", "\n", "\u202e", "中文名称", "😀",
      "volc:x", "%zz"};
  private static final String[] PIECES = {"Action=CreateTrafficMirrorSession", "Version=2020-04-01", "&", "=", "%",
      "%zz", "%E4%B8", "%FF", "+", "Tags.1.Key=", "Priority=1", "%00", "#", "?", "/", ";", "Action", "==", "&&"};
  private static final List<String> NAMES = Api.CONTRACT.parameters().stream().map(ParameterRule::name).toList();
  private static final AdversarialCount GENERATED = new AdversarialCount("BadInput.generated");
  private static final AdversarialCount FUZZED = AdversarialCount.ofFuzzTest("BadInput");

  record NameValue(String name, String value) {
  }

  static String nastyValue(Source s) {
    return switch (s.between(0, 3)) {
      case 0 -> s.anyText(40);
      case 1 -> s.charsOf("0123456789+-. eE", 0, 25);
      case 2 -> s.chars('\u0000', '\u007f', 0, 300);
      default -> s.oneOf(NASTY);
    };
  }

  @Test
  void anyValueOfAnyParameterGetsADocumentedAnswer() {
    Generated.of("BadInput.anyValueOfAnyParameter", s -> new NameValue(s.oneOf(NAMES), nastyValue(s)))
        .shrinking(nv -> Shrink.dropChars(nv.value()).map(v -> new NameValue(nv.name(), v)))
        .check(1000, nv -> {
          String name = nv.name();
          String value = nv.value();
          Reply r = api.get(Params.valid().set(name, value).set("Priority", "3"));
          GENERATED.answered(r.status());
          if (r.status() == 200) {
            assertTrue(r.sessionId().startsWith("tms-"), r::toString);
            server.admin().reset();
            return true;
          }
          ErrorRow row = ServerTest.assertDocumentedError(r);
          // A value is judged against its own parameter's rules (or, for Action/Version, the envelope's).
          ParameterRule rule = Api.CONTRACT.requireParameter(name);
          boolean ownError = rule.errors().values().contains(row) || (rule.listItem() != null && row.stage().equals("tags"));
          assertTrue(ownError || row.stage().equals("envelope") || row.code().equals("InvalidTrafficMirrorSessionPriority.Conflict")
              || row.stage().equals("existence") || row.stage().equals("resourceState") || row.stage().equals("quotas"),
              () -> name + "=" + value + " answered " + r);
          return true;
        });
  }

  static List<String> queryPieces(Source s) {
    List<String> pieces = new ArrayList<>();
    for (int n = s.between(0, 12); n > 0; n--) {
      pieces.add(s.percent(50) ? s.oneOf(PIECES) : s.chars('\u0000', '\u007f', 0, 8));
    }
    return List.copyOf(pieces);
  }

  @Test
  void anyQueryStringGetsAJsonEnvelope() {
    Generated.of("BadInput.anyQueryString", BadInputTest::queryPieces)
        .shrinking(Shrink::dropOne)
        .check(800, pieces -> {
          assertJsonEnvelope(("GET /?" + String.join("", pieces)).getBytes(StandardCharsets.ISO_8859_1), GENERATED);
          return true;
        });
  }

  /**
   * Any bytes after {@code GET /?}, coverage-guided (CI fuzzes it for a few seconds, see the pom;
   * otherwise the committed inputs under {@code src/test/resources/io/tmkit/server/BadInputTestInputs/}).
   */
  @FuzzTest(maxDuration = "10s")
  @DictionaryEntries({"Action=CreateTrafficMirrorSession", "Version=2020-04-01", "&", "=", "%", "%E4%B8%AD", "+",
      "Tags.1.Key=", "Tags.1.Value=", "Priority="})
  void anyRequestTargetGetsAJsonEnvelope(byte[] query) {
    allowLoopbackConnections();
    byte[] prefix = "GET /?".getBytes(StandardCharsets.US_ASCII);
    byte[] line = Arrays.copyOf(prefix, prefix.length + query.length);
    System.arraycopy(query, 0, line, prefix.length, query.length);
    assertJsonEnvelope(line, FUZZED);
  }

  private static void assertJsonEnvelope(byte[] requestLine, AdversarialCount count) {
    byte[] safe = sanitizeRequestLine(requestLine);
    Reply r = api.raw(safe);
    count.answered(r.status());
    assertTrue(r.status() >= 400 && r.status() < 500, () -> new String(safe, StandardCharsets.ISO_8859_1) + " -> " + r);
    ServerTest.assertDocumentedError(r);
  }

  /** Every control byte and every byte past ASCII, each in turn (not a sample: there are 140). */
  @Test
  void rawBytesBeyondAsciiAreMalformed() {
    List<Integer> bad = new ArrayList<>(List.of(0x7f, 0x0b, 0x0c, 0x1f));
    for (int b = 1; b <= 8; b++) {
      bad.add(b);
    }
    for (int b = 0x80; b <= 0xff; b++) {
      bad.add(b);
    }
    String malformed = Api.CONTRACT.errors().rowContaining("InvalidParameter", "malformed").message();
    for (int b : bad) {
      byte[] line = ("GET /?Action=CreateTrafficMirrorSession&Version=2020-04-01&Description=a" + (char) 0)
          .getBytes(StandardCharsets.ISO_8859_1);
      line[line.length - 1] = (byte) b;
      Reply r = api.raw(line);
      GENERATED.answered(r.status());
      assertEquals(malformed, r.message(), () -> String.format("byte 0x%02x: %s", b, r));
    }
  }

  @Test
  void veryLongQueryStringsGetTheirRow() {
    int max = Api.CONTRACT.limits().maxQueryStringBytes();
    // The description alone is at least 60 bytes short of the limit: the prefix makes up the rest.
    for (int length : List.of(max - 60, max, max * 2, 900_000)) {
      String line = "GET /?Action=CreateTrafficMirrorSession&Version=2020-04-01&Description=" + "d".repeat(length);
      Reply r = api.raw(line.getBytes(StandardCharsets.US_ASCII));
      GENERATED.answered(r.status());
      ServerTest.assertDocumentedError(r);
      assertEquals(Api.CONTRACT.errors().rowContaining("InvalidParameter", "exceeds").message(), r.message());
    }
  }

  @AfterAll
  static void printCounts() {
    GENERATED.report();
    FUZZED.report();
  }

  /** The request line itself must stay one line of HTTP: spaces, CR and LF would end it early. */
  private static byte[] sanitizeRequestLine(byte[] line) {
    byte[] out = line.clone();
    for (int i = 4; i < out.length; i++) {
      if (out[i] == ' ' || out[i] == '\r' || out[i] == '\n' || out[i] == '#') {
        out[i] = '_';
      }
    }
    return out;
  }
}
