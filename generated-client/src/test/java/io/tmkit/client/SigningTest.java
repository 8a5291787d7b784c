package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.AuthorizationHeader;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningTest {
  private final SigningSpec spec = Fixtures.CONTRACT.signing();
  private final Map<String, String> vector = spec.testVector();

  @Test
  void theFilterReproducesThePublishedTestVector() {
    Instant at = Instant.from(VolcengineSigner.X_DATE.parse(vector.get("xDate")));
    VolcengineSigningFilter filter = new VolcengineSigningFilter(spec,
        () -> Credentials.of(vector.get("accessKey"), vector.get("secretKey")),
        vector.get("region"), vector.get("service"), Clock.fixed(at, ZoneOffset.UTC));
    URI uri = URI.create("https://" + vector.get("host") + "/?" + vector.get("query"));

    Map<String, String> headers = filter.headersFor(vector.get("method"), uri,
        Map.of("Content-Type", vector.get("contentType")), new byte[0]);

    AuthorizationHeader auth = AuthorizationHeader.parse(headers.get("Authorization")).orElseThrow();
    assertEquals(vector.get("signature"), auth.signature());
    assertEquals(vector.get("signedHeaders"), String.join(";", auth.signedHeaders()));
    assertEquals(vector.get("accessKey"), auth.accessKey());
    assertEquals(vector.get("xDate"), headers.get(spec.dateHeader()));
  }

  @Test
  void theCanonicalRequestOfTheVectorHashesAsPublished() {
    VolcengineSigner signer = new VolcengineSigner(spec);
    SigningRequest request = new SigningRequest(vector.get("method"), "/",
        VolcengineSigningFilter.queryPairs(vector.get("query")),
        Map.of("Content-Type", vector.get("contentType"), "Host", vector.get("host"),
            spec.dateHeader(), vector.get("xDate"),
            spec.contentHashHeader(), VolcengineSigner.sha256Hex(new byte[0])),
        new byte[0]);
    String canonical = signer.canonicalRequest(request, List.of(vector.get("signedHeaders").split(";")));
    assertEquals(vector.get("canonicalRequestSha256"),
        VolcengineSigner.sha256Hex(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void hostHeaderCarriesThePortOnlyWhenItIsNotTheDefault() {
    assertEquals("127.0.0.1:8080", VolcengineSigningFilter.hostHeader(URI.create("http://127.0.0.1:8080/")));
    assertEquals("example.com", VolcengineSigningFilter.hostHeader(URI.create("https://example.com/")));
    assertEquals("example.com", VolcengineSigningFilter.hostHeader(URI.create("http://example.com:80/")));
  }

  @Test
  void queryPairsKeepOrderRepeatsAndEmptyValues() {
    assertEquals(List.of(Map.entry("A", "1"), Map.entry("B", ""), Map.entry("A", "x y"), Map.entry("C", "")),
        VolcengineSigningFilter.queryPairs("A=1&B=&A=x%20y&C"));
  }

  /** On a real wire: the signature the stub received verifies against the raw query it received. */
  @Test
  void theSignatureCoversTheQueryExactlyAsItArrived() {
    try (LoopbackStub stub = new LoopbackStub().then(200, LoopbackStub.success("tms-a1", "r1"));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      client.createTrafficMirrorSession(Fixtures.valid()
          .description("Mirror 镜像 a=b, c")
          .clientToken("{token}%41+~!*'()")
          .tag("k v", "value/with:colon")
          .build());

      LoopbackStub.Arrival arrival = stub.arrivals().get(0);
      AuthorizationHeader auth = AuthorizationHeader.parse(arrival.headers().get("Authorization")).orElseThrow();
      List<Map.Entry<String, String>> pairs = VolcengineSigningFilter.queryPairs(arrival.rawQuery());
      SigningRequest received = new SigningRequest(arrival.method(), "/", pairs, arrival.headers(), new byte[0]);
      String expected = new VolcengineSigner(spec).signature(received, auth.signedHeaders(),
          arrival.headers().get(spec.dateHeader()), auth.scope(), Fixtures.DEMO_SK, auth.region(), auth.service());
      assertEquals(expected, auth.signature());
      assertEquals(spec.service(), auth.service());
      assertEquals(TrafficMirrorClient.DEFAULT_REGION, auth.region());
      assertTrue(auth.signedHeaders().containsAll(spec.requiredSignedHeaders()));
      // What arrived decodes to exactly what was asked for: no value was re-encoded or dropped.
      assertTrue(pairs.contains(Map.entry("ClientToken", "{token}%41+~!*'()")), pairs::toString);
      assertTrue(pairs.contains(Map.entry("Description", "Mirror 镜像 a=b, c")), pairs::toString);
      assertTrue(pairs.contains(Map.entry("Tags.1.Key", "k v")), pairs::toString);
    }
  }
}
