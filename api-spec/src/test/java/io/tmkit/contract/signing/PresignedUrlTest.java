package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.Contract;
import io.tmkit.contract.SigningSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The presigned form: the signer's output, its canonical request, and how a presigned query is read. */
class PresignedUrlTest {
  private static final SigningSpec SPEC = Contract.bundled().signing();
  private static final SigningSpec.PresignedQuery NAMES = SPEC.presignedQuery();
  private static final VolcengineSigner SIGNER = new VolcengineSigner(SPEC);
  private static final Map<String, String> VECTOR = SPEC.testVector();
  private static final Instant AT = VolcengineSigner.X_DATE.parse(VECTOR.get("xDate"), Instant::from);
  private static final Credentials KEY = Credentials.of(VECTOR.get("accessKey"), VECTOR.get("secretKey"));
  private static final List<Map.Entry<String, String>> QUERY =
      List.of(Map.entry("Action", "ListUsers"), Map.entry("Version", "2018-01-01"), Map.entry("Limit", "10"));

  private static List<Map.Entry<String, String>> presigned() {
    return SIGNER.presign("GET", QUERY, Map.of(), KEY, "cn-north-1", "iam", AT);
  }

  private static String value(List<Map.Entry<String, String>> query, String name) {
    return query.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
  }

  private static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> query, String name) {
    return query.stream().filter(p -> !p.getKey().equals(name)).toList();
  }

  private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> query, String name, String v) {
    List<Map.Entry<String, String>> out = new ArrayList<>(without(query, name));
    out.add(Map.entry(name, v));
    return out;
  }

  @Test
  void presignAddsTheDocumentedParametersSortedByName() {
    List<Map.Entry<String, String>> q = presigned();
    assertEquals(List.of("Action", "Limit", "Version", "X-Algorithm", "X-Credential", "X-Date", "X-NotSignBody",
        "X-Signature", "X-SignedHeaders", "X-SignedQueries"), q.stream().map(Map.Entry::getKey).toList());
    assertEquals(VECTOR.get("accessKey") + "/20201230/cn-north-1/iam/request", value(q, NAMES.credential()));
    assertEquals("Action;Limit;Version;X-Algorithm;X-Credential;X-Date;X-NotSignBody;X-SignedHeaders;X-SignedQueries",
        value(q, NAMES.signedQueries()));
    assertEquals("", value(q, NAMES.signedHeaders()));
    assertEquals("", value(q, NAMES.notSignBody()));
  }

  /** The exact form the contract documents: with no signed header, four line feeds before the empty body's hash. */
  @Test
  void theCanonicalRequestHasTheDocumentedForm() {
    List<Map.Entry<String, String>> signed = without(presigned(), NAMES.signature());
    String canonical = SIGNER.presignedCanonicalRequest(new SigningRequest("GET", "/", signed, Map.of(), new byte[0]),
        List.of(), false);
    assertEquals("GET\n/\nAction=ListUsers&Limit=10&Version=2018-01-01&X-Algorithm=HMAC-SHA256"
        + "&X-Credential=" + VECTOR.get("accessKey") + "%2F20201230%2Fcn-north-1%2Fiam%2Frequest"
        + "&X-Date=20201230T081805Z&X-NotSignBody=&X-SignedHeaders="
        + "&X-SignedQueries=Action%3BLimit%3BVersion%3BX-Algorithm%3BX-Credential%3BX-Date%3BX-NotSignBody"
        + "%3BX-SignedHeaders%3BX-SignedQueries"
        + "\n\n\n\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", canonical);
    String hostSigned = SIGNER.presignedCanonicalRequest(
        new SigningRequest("GET", "/", List.of(Map.entry("A", "1")), Map.of("Host", " h:1 "), "x".getBytes(StandardCharsets.UTF_8)),
        List.of("host"), true);
    assertEquals("GET\n/\nA=1\nhost:h:1\n\nhost\n" + VolcengineSigner.sha256Hex("x".getBytes(StandardCharsets.UTF_8)),
        hostSigned);
  }

  @Test
  void aPresignedQueryReadsBackAndItsSignatureRecomputes() {
    List<Map.Entry<String, String>> q = presigned();
    assertTrue(PresignedUrl.carriedBy(q, NAMES));
    assertFalse(PresignedUrl.carriedBy(QUERY, NAMES));
    PresignedUrl url = PresignedUrl.read(q, NAMES).presigned().orElseThrow();
    assertEquals(VECTOR.get("accessKey"), url.accessKey());
    assertEquals("20201230/cn-north-1/iam/request", url.scope());
    assertFalse(url.bodySigned());
    List<Map.Entry<String, String>> covered = url.coveredPairs(q, NAMES, false).orElseThrow();
    assertEquals(q.size() - 1, covered.size(), "everything but X-Signature");
    String recomputed = SIGNER.presignedSignature(new SigningRequest("GET", "/", covered, Map.of(), new byte[0]),
        url.signedHeaders(), url.bodySigned(), url.xDate(), url.scope(), KEY.secretKey(), url.region(), url.service());
    assertEquals(url.signature(), recomputed);
    // A changed parameter changes the signature.
    List<Map.Entry<String, String>> tampered = with(covered, "Limit", "11");
    assertNotEquals(url.signature(), SIGNER.presignedSignature(new SigningRequest("GET", "/", tampered, Map.of(),
        new byte[0]), List.of(), false, url.xDate(), url.scope(), KEY.secretKey(), url.region(), url.service()));
  }

  @Test
  void anUnlistedParameterIsNotCoveredButTheTokenAndSignatureAreExcepted() {
    List<Map.Entry<String, String>> q = presigned();
    PresignedUrl url = PresignedUrl.read(q, NAMES).presigned().orElseThrow();
    assertEquals(Optional.empty(), url.coveredPairs(with(q, "Offset", "0"), NAMES, false));
    List<Map.Entry<String, String>> token = with(q, NAMES.securityToken(), "sts");
    assertTrue(url.hasUnlistedToken(token, NAMES));
    assertEquals(q.size() - 1, url.coveredPairs(token, NAMES, false).orElseThrow().size());
    assertEquals(q.size(), url.coveredPairs(token, NAMES, true).orElseThrow().size());
  }

  @Test
  void aStsTokenIsAddedUnsignedAsPythonDoes() {
    List<Map.Entry<String, String>> plain = presigned();
    List<Map.Entry<String, String>> sts = SIGNER.presign("GET", QUERY, Map.of(),
        new Credentials(KEY.accessKey(), KEY.secretKey(), "token"), "cn-north-1", "iam", AT);
    assertEquals("token", value(sts, NAMES.securityToken()));
    assertEquals(value(plain, NAMES.signature()), value(sts, NAMES.signature()));
    assertEquals(value(plain, NAMES.signedQueries()), value(sts, NAMES.signedQueries()));
  }

  @Test
  void eachMissingOrMalformedPieceIsNamed() {
    List<Map.Entry<String, String>> q = presigned();
    assertEquals(PresignedUrl.Fault.NO_CREDENTIAL, PresignedUrl.read(without(q, NAMES.credential()), NAMES).fault());
    assertEquals(PresignedUrl.Fault.NO_DATE, PresignedUrl.read(without(q, NAMES.date()), NAMES).fault());
    List<List<Map.Entry<String, String>>> malformed = List.of(
        without(q, NAMES.algorithm()),
        without(q, NAMES.signedHeaders()),
        without(q, NAMES.signedQueries()),
        without(q, NAMES.signature()),
        with(q, NAMES.signature(), "XYZ"),
        with(q, NAMES.signature(), value(q, NAMES.signature()).toUpperCase()),
        with(q, NAMES.credential(), KEY.accessKey() + "/20201230/cn-north-1/iam"),
        with(q, NAMES.credential(), KEY.accessKey() + "/2020-12-30/cn-north-1/iam/request"),
        with(q, NAMES.credential(), "/20201230/cn-north-1/iam/request"),
        with(q, NAMES.signedHeaders(), "Host"),
        with(q, NAMES.signedQueries(), "Action;X-Credential"),
        with(q, NAMES.signedQueries(), value(q, NAMES.signedQueries()) + ";"),
        with(q, NAMES.algorithm(), ""));
    for (List<Map.Entry<String, String>> bad : malformed) {
      assertEquals(PresignedUrl.Fault.MALFORMED, PresignedUrl.read(bad, NAMES).fault(), bad::toString);
    }
    List<Map.Entry<String, String>> twice = new ArrayList<>(q);
    twice.add(Map.entry(NAMES.signature(), value(q, NAMES.signature())));
    assertEquals(PresignedUrl.Fault.MALFORMED, PresignedUrl.read(twice, NAMES).fault(), "a repeated piece");
    assertTrue(PresignedUrl.read(without(q, NAMES.notSignBody()), NAMES).presigned().orElseThrow().bodySigned(),
        "without X-NotSignBody the body is signed");
  }
}
