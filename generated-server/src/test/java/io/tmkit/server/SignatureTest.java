package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authentication stage: signatures recomputed over what the client listed, in the contract's order. */
class SignatureTest extends ServerTest {
  private static final Credentials KEY = Demo.key("demo");
  private static final String DATE_HEADER = CONTRACT.signing().dateHeader();
  private static final String HASH_HEADER = CONTRACT.signing().contentHashHeader();

  private static ErrorRow row(String code) {
    return CONTRACT.errors().only(code);
  }

  private Map<String, String> signed(Params p, Instant when) {
    return api.signedHeaders(KEY, "GET", p.pairs(), new byte[0], when, Api.SERVICE);
  }

  @Test
  void aCorrectSignatureCreatesASession() {
    Reply r = api.get(Params.valid());
    assertEquals(200, r.status(), r::toString);
    assertEquals(1, server.admin().sessions(Demo.account("demo").accountId()).stream()
        .filter(s -> s.trafficMirrorSessionId().equals(r.sessionId())).count());
  }

  @Test
  void missingAuthorization() {
    assertError(row("MissingAuthenticationToken"), api.send("GET", Params.valid(), Map.of(), null));
  }

  @Test
  void malformedAuthorizationHeaders() {
    Params p = Params.valid();
    Map<String, String> good = signed(p, Instant.now());
    String auth = good.get("Authorization");
    for (String bad : new String[] {
        "Bearer abc",
        auth.replace("HMAC-SHA256", "HMAC-SHA1"),
        auth.replace("/request,", "/req,"),
        auth.replace(";x-date,", ","),
        auth.replaceAll("Signature=[0-9a-f]+", "Signature=xyz"),
        auth.substring(0, auth.indexOf(", Signature"))}) {
      Map<String, String> h = new LinkedHashMap<>(good);
      h.put("Authorization", bad);
      assertError(row("MissingSignature"), api.send("GET", p, h, null));
    }
  }

  /** As Volcengine's Java SDK signs (VolcstackSign.buildSignedHeaders): x-date alone, no X-Content-Sha256. */
  @Test
  void xDateAloneIsEnoughAndAnyListedHeaderIsVerified() {
    Params p = Params.valid();
    Instant now = Instant.now();
    String xDate = VolcengineSigner.X_DATE.format(now);
    String scope = xDate.substring(0, 8) + "/" + Api.REGION + "/" + Api.SERVICE + "/request";
    Map<String, String> h = new LinkedHashMap<>();
    h.put(DATE_HEADER, xDate);
    String signature = Api.SIGNER.signature(new SigningRequest("GET", "/", p.pairs(), h, new byte[0]),
        List.of("x-date"), xDate, scope, KEY.secretKey(), Api.REGION, Api.SERVICE);
    h.put("Authorization", "HMAC-SHA256 Credential=" + KEY.accessKey() + "/" + scope
        + ", SignedHeaders=x-date, Signature=" + signature);
    Reply ok = api.send("GET", p, h, null);
    assertEquals(200, ok.status(), ok::toString);
    // Listing host makes it verified: signed over another Host value, it no longer matches.
    Params p2 = p.copy().set("Priority", "8");
    Map<String, String> other = new LinkedHashMap<>(Map.of(DATE_HEADER, xDate, "Host", "example.invalid"));
    String overOtherHost = Api.SIGNER.signature(new SigningRequest("GET", "/", p2.pairs(), other, new byte[0]),
        List.of("host", "x-date"), xDate, scope, KEY.secretKey(), Api.REGION, Api.SERVICE);
    h.put("Authorization", "HMAC-SHA256 Credential=" + KEY.accessKey() + "/" + scope
        + ", SignedHeaders=host;x-date, Signature=" + overOtherHost);
    assertError(row("SignatureDoesNotMatch"), api.send("GET", p2, h, null));
  }

  /**
   * As Volcengine's Go signer (volc-sdk-golang base: url.Values.Encode) builds the canonical query:
   * names sorted before they are encoded, the values of a repeated name in the request's order. Such
   * a request passes authentication and gets the parameter stage's documented answer.
   */
  @Test
  void theGoSignersQueryOrderIsAccepted() {
    Instant now = Instant.now();
    String xDate = VolcengineSigner.X_DATE.format(now);
    String scope = xDate.substring(0, 8) + "/" + Api.REGION + "/" + Api.SERVICE + "/request";
    Params unknownNames = Params.valid().add("Key", "1").add("K{y", "2");
    Params repeated = Params.valid().add("Priority", "0").add("Priority", "a");
    Map<Params, List<String>> expected = new LinkedHashMap<>();
    expected.put(unknownNames, List.of("not recognized", "Key"));
    expected.put(repeated, List.of("more than once", "Priority"));
    for (Params p : expected.keySet()) {
      Map<String, String> h = new LinkedHashMap<>(Map.of(DATE_HEADER, xDate));
      String goQuery = VolcengineSigner.canonicalQuery(p.pairs(), VolcengineSigner.QueryOrder.RAW_NAME_UTF8);
      String canonical = "GET\n/\n" + goQuery + "\nx-date:" + xDate + "\n\nx-date\n" + VolcengineSigner.sha256Hex(new byte[0]);
      h.put("Authorization", "HMAC-SHA256 Credential=" + KEY.accessKey() + "/" + scope + ", SignedHeaders=x-date, Signature="
          + Api.SIGNER.signatureOf(canonical, xDate, scope, KEY.secretKey(), Api.REGION, Api.SERVICE));
      List<String> row = expected.get(p);
      assertError(CONTRACT.errors().rowContaining("InvalidParameter", row.get(0)), api.send("GET", p, h, null), row.get(1));
    }
  }

  /** Volcengine's Python SDK signs host:80 / host:443 without the port, and sends the port. */
  @Test
  void aDefaultPortMayBeLeftOutOfTheSignedHost() {
    assertEquals(200, withHostHeader("127.0.0.1:80", "127.0.0.1", "9"));
    assertEquals(200, withHostHeader("127.0.0.1:443", "127.0.0.1", "10"));
    assertEquals(200, withHostHeader("127.0.0.1:443", "127.0.0.1:443", "11"));
    assertEquals(401, withHostHeader("127.0.0.1:8080", "127.0.0.1", "12"), "only a default port may be left out");
    assertEquals(401, withHostHeader("127.0.0.1:80", "127.0.0.2", "13"));
  }

  /** Sends a valid create with Priority {@code priority}, Host header {@code sent}, host;x-date signed over {@code signed}. */
  private int withHostHeader(String sent, String signedHost, String priority) {
    Params p = Params.valid().set("Priority", priority);
    String xDate = VolcengineSigner.X_DATE.format(Instant.now());
    String scope = xDate.substring(0, 8) + "/" + Api.REGION + "/" + Api.SERVICE + "/request";
    Map<String, String> h = new LinkedHashMap<>(Map.of(DATE_HEADER, xDate, "Host", signedHost));
    String signature = Api.SIGNER.signature(new SigningRequest("GET", "/", p.pairs(), h, new byte[0]),
        List.of("host", "x-date"), xDate, scope, KEY.secretKey(), Api.REGION, Api.SERVICE);
    String request = "GET /?" + QueryPairs.encode(p.pairs()) + " HTTP/1.1\r\nHost: " + sent + "\r\n" + DATE_HEADER + ": "
        + xDate + "\r\nAuthorization: HMAC-SHA256 Credential=" + KEY.accessKey() + "/" + scope
        + ", SignedHeaders=host;x-date, Signature=" + signature + "\r\nConnection: close\r\n\r\n";
    try (java.net.Socket s = new java.net.Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return Integer.parseInt(answer.split(" ")[1]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void wrongSignature() {
    Params p = Params.valid();
    Map<String, String> h = signed(p, Instant.now());
    String auth = h.get("Authorization");
    char last = auth.charAt(auth.length() - 1);
    h.put("Authorization", auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0'));
    assertError(row("SignatureDoesNotMatch"), api.send("GET", p, h, null));
  }

  @Test
  void aParameterChangedAfterSigningIsRejected() {
    Params signedFor = Params.valid();
    Map<String, String> h = signed(signedFor, Instant.now());
    assertError(row("SignatureDoesNotMatch"), api.send("GET", signedFor.copy().set("Priority", "2"), h, null));
    assertEquals(14, server.admin().sessions(Demo.account("demo").accountId()).size(), "nothing created");
  }

  @Test
  void expiredAndFutureTimestamps() {
    long skew = CONTRACT.limits().clockSkewSeconds();
    Params p = Params.valid();
    assertError(row("InvalidTimestamp"), api.send("GET", p, signed(p, Instant.now().minusSeconds(skew + 60)), null));
    assertError(row("InvalidTimestamp"), api.send("GET", p, signed(p, Instant.now().plusSeconds(skew + 60)), null));
    // Within the skew on either side is accepted.
    assertEquals(200, api.send("GET", p, signed(p, Instant.now().minusSeconds(skew - 60)), null).status());
  }

  @Test
  void malformedDateHeader() {
    Params p = Params.valid();
    Map<String, String> h = signed(p, Instant.now());
    h.put(DATE_HEADER, "yesterday");
    assertError(row("InvalidTimestamp"), api.send("GET", p, h, null));
  }

  @Test
  void missingDateHeader() {
    Params p = Params.valid();
    Map<String, String> h = signed(p, Instant.now());
    h.remove(DATE_HEADER);
    assertError(row("MissingRequestInfo"), api.send("GET", p, h, null));
  }

  @Test
  void unknownAccessKeyAndService() {
    assertError(row("InvalidAccessKey"), api.get(Credentials.of("AKLTunknown", "x"), Params.valid()), "AKLTunknown");
    Params p = Params.valid();
    assertError(row("ServiceNotFound"),
        api.send("GET", p, api.signedHeaders(KEY, "GET", p.pairs(), new byte[0], Instant.now(), "ecs"), null), "ecs");
  }

  @Test
  void aFormPostIsSignedOverItsBody() {
    byte[] body = QueryPairs.encode(Params.valid().pairs()).getBytes(StandardCharsets.US_ASCII);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/x-www-form-urlencoded");
    Map<String, String> toSign = new LinkedHashMap<>(h);
    toSign.put("Host", api.host());
    h.putAll(Api.SIGNER.sign(new SigningRequest("POST", "/", List.of(), toSign, body),
        KEY, Api.REGION, Api.SERVICE, Instant.now()));
    Reply ok = api.sendRaw("POST", null, h, body, null);
    assertEquals(200, ok.status(), ok::toString);
    // The same headers with another body: the declared hash no longer matches.
    byte[] other = QueryPairs.encode(Params.valid().set("Priority", "3").pairs()).getBytes(StandardCharsets.US_ASCII);
    assertError(row("SignatureDoesNotMatch"), api.sendRaw("POST", null, h, other, null));
    // A body hash header that lies about the body is caught even if the signature was made over it.
    h.put(HASH_HEADER, VolcengineSigner.sha256Hex(other));
    assertError(row("SignatureDoesNotMatch"), api.sendRaw("POST", null, h, body, null));
  }

  @Test
  void authenticationComesBeforeParameters() {
    // A bad Priority and no signature: the signature is checked first.
    assertError(row("MissingAuthenticationToken"), api.send("GET", Params.valid().set("Priority", "abc"), Map.of(), null));
  }

  @Test
  void withoutAuthTheAccountComesFromTheKeyNamedInTheHeader() {
    try (ReferenceServer open = ReferenceServer.start(ServerOptions.builder().port(0).auth(false).build())) {
      Api noAuth = new Api(open.baseUri());
      assertEquals(200, noAuth.send("GET", Params.valid(), Map.of(), null).status(), "no header: the first account");
      Reply arrears = noAuth.get(Credentials.of(Demo.key("arrears").accessKey(), "not-the-secret"), Demo.validFor("arrears"));
      assertError(CONTRACT.errors().rowContaining("UnsupportedOperation", "arrears"), arrears);
    }
  }
}
