package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends gets a documented answer: never a 5xx, an HTML page or an empty body, and
 * for any value of any parameter either a session or the row that the contract documents.
 */
class BadInputTest {
  private static ReferenceServer server;
  private static Api api;

  @BeforeContainer
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).build());
    api = new Api(server.baseUri());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<String> nastyValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789+-. eE").ofMaxLength(25),
        Arbitraries.strings().ascii().ofMaxLength(300),
        Arbitraries.of("", " ", "0", "-0", "+1", "1.0", "1e3", "0x10", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "2147483648", "NaN", "\u0000", "\n", "\u202e", "中文名称", "😀", "volc:x", "%zz"));
  }

  @Provide
  Arbitrary<String> parameterNames() {
    return Arbitraries.of(Api.CONTRACT.parameters().stream().map(ParameterRule::name).toList());
  }

  @Property(tries = 300)
  void anyValueOfAnyParameterGetsADocumentedAnswer(@ForAll("parameterNames") String name, @ForAll("nastyValues") String value) {
    Reply r = api.get(Params.valid().set(name, value).set("Priority", "3"));
    if (r.status() == 200) {
      assertTrue(r.sessionId().startsWith("tms-"), r::toString);
      server.admin().reset();
      return;
    }
    ErrorRow row = ServerTest.assertDocumentedError(r);
    // A value is judged against its own parameter's rules (or, for Action/Version, the envelope's).
    ParameterRule rule = Api.CONTRACT.requireParameter(name);
    boolean ownError = rule.errors().values().contains(row) || (rule.listItem() != null && row.stage().equals("tags"));
    assertTrue(ownError || row.stage().equals("envelope") || row.code().equals("InvalidTrafficMirrorSessionPriority.Conflict")
        || row.stage().equals("existence") || row.stage().equals("resourceState") || row.stage().equals("quotas"),
        () -> name + "=" + value + " answered " + r);
  }

  @Provide
  Arbitrary<byte[]> rawQueries() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("Action=CreateTrafficMirrorSession", "Version=2020-04-01", "&", "=", "%", "%zz", "%E4%B8", "%FF",
            "+", "Tags.1.Key=", "Priority=1", "%00", "#", "?", "/", ";", "Action", "==", "&&"),
        Arbitraries.strings().ascii().ofMaxLength(8));
    return pieces.list().ofMaxSize(12).map(l -> ("GET /?" + String.join("", l)).getBytes(StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 200)
  void anyQueryStringGetsAJsonEnvelope(@ForAll("rawQueries") byte[] requestLine) {
    byte[] safe = sanitizeRequestLine(requestLine);
    Reply r = api.raw(safe);
    assertTrue(r.status() >= 400 && r.status() < 500, () -> new String(safe, StandardCharsets.ISO_8859_1) + " -> " + r);
    ServerTest.assertDocumentedError(r);
  }

  @Property(tries = 60)
  void rawBytesBeyondAsciiAreMalformed(@ForAll("controlOrHighBytes") byte bad) {
    byte[] line = ("GET /?Action=CreateTrafficMirrorSession&Version=2020-04-01&Description=a" + (char) 0)
        .getBytes(StandardCharsets.ISO_8859_1);
    line[line.length - 1] = bad;
    Reply r = api.raw(line);
    assertEquals(Api.CONTRACT.errors().rowContaining("InvalidParameter", "malformed").message(), r.message(), r::toString);
  }

  @Provide
  Arbitrary<Byte> controlOrHighBytes() {
    return Arbitraries.oneOf(Arbitraries.bytes().between((byte) 1, (byte) 8), Arbitraries.bytes().between((byte) 0x80, (byte) 0xff),
        Arbitraries.of((byte) 0x7f, (byte) 0x0b, (byte) 0x0c, (byte) 0x1f));
  }

  @Property(tries = 8)
  void veryLongQueryStringsGetTheirRow(@ForAll("lengths") int length) {
    // The description alone is at least 60 bytes short of the limit: the prefix makes up the rest.
    String line = "GET /?Action=CreateTrafficMirrorSession&Version=2020-04-01&Description=" + "d".repeat(length);
    Reply r = api.raw(line.getBytes(StandardCharsets.US_ASCII));
    ServerTest.assertDocumentedError(r);
    assertEquals(Api.CONTRACT.errors().rowContaining("InvalidParameter", "exceeds").message(), r.message());
  }

  @Provide
  Arbitrary<Integer> lengths() {
    int max = Api.CONTRACT.limits().maxQueryStringBytes();
    return Arbitraries.of(max - 60, max, max * 2, 900_000);
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
