package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
