package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.Contract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer reproduces the published test vector that the contract records in x-signing. */
class VolcengineSignerTest {
  private static final Map<String, String> VECTOR = Contract.bundled().signing().testVector();
  private static final VolcengineSigner SIGNER = new VolcengineSigner(Contract.bundled().signing());

  private static SigningRequest vectorRequest() {
    List<Map.Entry<String, String>> query = Arrays.stream(VECTOR.get("query").split("&"))
        .map(kv -> kv.split("=", 2))
        .map(kv -> Map.entry(kv[0], kv[1]))
        .toList();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", VECTOR.get("contentType"));
    headers.put("Host", VECTOR.get("host"));
    headers.put("X-Content-Sha256", VolcengineSigner.sha256Hex(new byte[0]));
    headers.put("X-Date", VECTOR.get("xDate"));
    return new SigningRequest(VECTOR.get("method"), "/", query, headers, new byte[0]);
  }

  @Test
  void canonicalRequestHashMatchesThePublishedVector() {
    String canonical = SIGNER.canonicalRequest(vectorRequest(), List.of(VECTOR.get("signedHeaders").split(";")));
    assertEquals(VECTOR.get("canonicalRequestSha256"),
        VolcengineSigner.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signatureMatchesThePublishedVector() {
    String xDate = VECTOR.get("xDate");
    String scope = xDate.substring(0, 8) + "/" + VECTOR.get("region") + "/" + VECTOR.get("service") + "/request";
    String signature = SIGNER.signature(vectorRequest(), List.of(VECTOR.get("signedHeaders").split(";")), xDate, scope,
        VECTOR.get("secretKey"), VECTOR.get("region"), VECTOR.get("service"));
    assertEquals(VECTOR.get("signature"), signature);
  }

  @Test
  void signProducesTheVectorsAuthorizationHeader() {
    SigningRequest request = vectorRequest();
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    headers.remove("X-Date");
    headers.remove("X-Content-Sha256");
    Instant at = VolcengineSigner.X_DATE.parse(VECTOR.get("xDate"), Instant::from);
    Map<String, String> added = SIGNER.sign(
        new SigningRequest("GET", "/", request.query(), headers, new byte[0]),
        Credentials.of(VECTOR.get("accessKey"), VECTOR.get("secretKey")), VECTOR.get("region"), VECTOR.get("service"), at);
    AuthorizationHeader auth = AuthorizationHeader.parse(added.get("Authorization")).orElseThrow();
    assertEquals(VECTOR.get("signature"), auth.signature());
    assertEquals(VECTOR.get("accessKey"), auth.accessKey());
    assertEquals(List.of(VECTOR.get("signedHeaders").split(";")), auth.signedHeaders());
  }

  @Test
  void aChangedParameterChangesTheSignature() {
    String xDate = VECTOR.get("xDate");
    String scope = xDate.substring(0, 8) + "/cn-north-1/iam/request";
    List<String> signed = List.of(VECTOR.get("signedHeaders").split(";"));
    SigningRequest original = vectorRequest();
    SigningRequest tampered = new SigningRequest("GET", "/",
        List.of(Map.entry("Action", "ListUsers"), Map.entry("Limit", "11"), Map.entry("Offset", "0"), Map.entry("Version", "2018-01-01")),
        original.headers(), new byte[0]);
    assertNotEquals(
        SIGNER.signature(original, signed, xDate, scope, VECTOR.get("secretKey"), "cn-north-1", "iam"),
        SIGNER.signature(tampered, signed, xDate, scope, VECTOR.get("secretKey"), "cn-north-1", "iam"));
  }

  @Test
  void queryEncodingIsRfc3986() {
    assertEquals("a%20b%2A~-_.%E9%95%9C", VolcengineSigner.uriEncode("a b*~-_.镜"));
    assertEquals("A=1&B=x%2By&Tags.1.Key=k", VolcengineSigner.canonicalQuery(
        List.of(Map.entry("Tags.1.Key", "k"), Map.entry("B", "x+y"), Map.entry("A", "1"))));
  }

  @Test
  void valuesOfARepeatedNameKeepTheirRequestOrder() {
    // docs 6358/166389: names sorted, the values of one name in the request's order (as Go's url.Values).
    assertEquals("A=1&B=z&B=a&B=m", VolcengineSigner.canonicalQuery(
        List.of(Map.entry("B", "z"), Map.entry("A", "1"), Map.entry("B", "a"), Map.entry("B", "m"))));
  }

  @Test
  void namesAreSortedEncodedOrRawAsTheOfficialSignersDo() {
    List<Map.Entry<String, String>> query = List.of(Map.entry("Key", "1"), Map.entry("Kéy", "2"), Map.entry("K{y", "3"));
    // Encoded: "%7B" and "%C3" sort before "e"; raw: 'e' (0x65) before '{' (0x7B) before 'é'.
    assertEquals("K%7By=3&K%C3%A9y=2&Key=1", VolcengineSigner.canonicalQuery(query, VolcengineSigner.QueryOrder.ENCODED_NAME));
    assertEquals("Key=1&K%7By=3&K%C3%A9y=2", VolcengineSigner.canonicalQuery(query, VolcengineSigner.QueryOrder.RAW_NAME_UTF8));
    // UTF-16 and UTF-8 differ on a supplementary character against one above U+E000.
    List<Map.Entry<String, String>> astral = List.of(Map.entry("\uFF21", "1"), Map.entry("\uD83D\uDE00", "2"));
    assertEquals("%F0%9F%98%80=2&%EF%BC%A1=1", VolcengineSigner.canonicalQuery(astral, VolcengineSigner.QueryOrder.RAW_NAME_UTF16));
    assertEquals("%EF%BC%A1=1&%F0%9F%98%80=2", VolcengineSigner.canonicalQuery(astral, VolcengineSigner.QueryOrder.RAW_NAME_UTF8));
  }

  @Test
  void theVerifierAcceptsEveryOfficialFormAndNothingElse() {
    String xDate = "20261201T120000Z";
    String scope = "20261201/cn-beijing/vpc/request";
    List<String> signed = List.of("host", "x-date");
    Map<String, String> headers = Map.of("Host", "open.volcengineapi.com:443", "X-Date", xDate);
    SigningRequest request = new SigningRequest("GET", "/",
        List.of(Map.entry("Action", "CreateTrafficMirrorSession"), Map.entry("K{y", "1"), Map.entry("Key", "2")), headers, new byte[0]);
    List<String> forms = SIGNER.acceptedCanonicalRequests(request, signed);
    assertEquals(SIGNER.canonicalRequest(request, signed), forms.get(0));
    // {as sent, port stripped} x {encoded, raw} orders; UTF-16 agrees with UTF-8 here.
    assertEquals(4, forms.size());
    assertTrue(forms.stream().anyMatch(f -> f.contains("\nAction=CreateTrafficMirrorSession&Key=2&K%7By=1\n")
        && f.contains("\nhost:open.volcengineapi.com\n")));
    for (String form : forms) {
      assertTrue(SIGNER.verifies(request, signed, xDate, scope, "sk", "cn-beijing", "vpc",
          SIGNER.signatureOf(form, xDate, scope, "sk", "cn-beijing", "vpc").toUpperCase()));
    }
    String other = forms.get(0).replace("K%7By=1", "K%7By=2");
    assertFalse(SIGNER.verifies(request, signed, xDate, scope, "sk", "cn-beijing", "vpc",
        SIGNER.signatureOf(other, xDate, scope, "sk", "cn-beijing", "vpc")));
    // A request of plain names and no default port has exactly one form.
    SigningRequest plain = new SigningRequest("GET", "/", List.of(Map.entry("Tags.1.Key", "k"), Map.entry("Action", "x")),
        Map.of("Host", "127.0.0.1:8080", "X-Date", xDate), new byte[0]);
    assertEquals(List.of(SIGNER.canonicalRequest(plain, signed)), SIGNER.acceptedCanonicalRequests(plain, signed));
    assertEquals("h", VolcengineSigner.withoutDefaultPort("h:80"));
    assertEquals("h:8080", VolcengineSigner.withoutDefaultPort("h:8080"));
    assertEquals("[::1]:80", VolcengineSigner.withoutDefaultPort("[::1]:80"));
  }

  @Test
  void malformedAuthorizationHeadersAreRejected() {
    assertTrue(AuthorizationHeader.parse("HMAC-SHA256 Credential=AK/20201230/cn-north-1/iam/request, SignedHeaders=host;x-date").isEmpty());
    assertTrue(AuthorizationHeader.parse("Bearer x").isEmpty());
    assertTrue(AuthorizationHeader.parse(null).isEmpty());
  }

  @Test
  void credentialsNeverPrintTheSecret() {
    assertTrue(!Credentials.of("AK", "s3cr3t").toString().contains("s3cr3t"));
  }
}
