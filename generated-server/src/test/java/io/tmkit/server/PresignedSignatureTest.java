package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.SigningSpec;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The presigned-URL form of the signature (the contract's volcengineSignature, "Presigned URL"): the
 * same rows, clock and key rules as the header form, and a URL changed after signing is refused.
 */
class PresignedSignatureTest extends ServerTest {
  private static final Credentials KEY = Demo.key("demo");
  private static final SigningSpec.PresignedQuery NAMES = CONTRACT.signing().presignedQuery();

  private static ErrorRow row(String code) {
    return CONTRACT.errors().only(code);
  }

  private static List<Map.Entry<String, String>> presign(Params p, Credentials key, Instant at) {
    return Api.SIGNER.presign("GET", p.pairs(), Map.of(), key, Api.REGION, Api.SERVICE, at);
  }

  private static List<Map.Entry<String, String>> presign(Params p) {
    return presign(p, KEY, Instant.now());
  }

  private Reply send(List<Map.Entry<String, String>> query) {
    return api.sendRaw("GET", QueryPairs.encode(query), Map.of(), null, null);
  }

  private static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> q, String name) {
    return q.stream().filter(e -> !e.getKey().equals(name)).toList();
  }

  private static List<Map.Entry<String, String>> replaced(List<Map.Entry<String, String>> q, String name, String value) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> e : q) {
      out.add(e.getKey().equals(name) ? Map.entry(name, value) : e);
    }
    return out;
  }

  private static List<Map.Entry<String, String>> plus(List<Map.Entry<String, String>> q, String name, String value) {
    List<Map.Entry<String, String>> out = new ArrayList<>(q);
    out.add(Map.entry(name, value));
    return out;
  }

  private static String value(List<Map.Entry<String, String>> q, String name) {
    return q.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
  }

  /**
   * A presigned query built step by step as the contract describes, with the variants the official
   * SDKs differ on: where an STS token goes (Go lists and signs it, Java signs it unlisted, Python
   * neither) and whether X-NotSignBody is sent.
   */
  private static List<Map.Entry<String, String>> handPresigned(String method, List<Map.Entry<String, String>> params,
      byte[] body, String token, boolean tokenListed, boolean tokenSigned, boolean notSignBody) {
    String xDate = VolcengineSigner.X_DATE.format(Instant.now());
    String scope = xDate.substring(0, 8) + "/" + Api.REGION + "/" + Api.SERVICE + "/request";
    List<Map.Entry<String, String>> q = new ArrayList<>(params);
    q.add(Map.entry(NAMES.date(), xDate));
    if (notSignBody) {
      q.add(Map.entry(NAMES.notSignBody(), ""));
    }
    q.add(Map.entry(NAMES.credential(), KEY.accessKey() + "/" + scope));
    q.add(Map.entry(NAMES.algorithm(), "HMAC-SHA256"));
    q.add(Map.entry(NAMES.signedHeaders(), ""));
    if (token != null && tokenListed) {
      q.add(Map.entry(NAMES.securityToken(), token));
    }
    TreeSet<String> listed = new TreeSet<>();
    q.forEach(e -> listed.add(e.getKey()));
    listed.add(NAMES.signedQueries());
    q.add(Map.entry(NAMES.signedQueries(), String.join(";", listed)));
    List<Map.Entry<String, String>> covered = new ArrayList<>(q);
    if (token != null && !tokenListed && tokenSigned) {
      covered.add(Map.entry(NAMES.securityToken(), token));
    }
    String signature = Api.SIGNER.presignedSignature(new SigningRequest(method, "/", covered, Map.of(), body),
        List.of(), !notSignBody, xDate, scope, KEY.secretKey(), Api.REGION, Api.SERVICE);
    if (token != null && !tokenListed) {
      q.add(Map.entry(NAMES.securityToken(), token));
    }
    q.add(Map.entry(NAMES.signature(), signature));
    return q;
  }

  @Test
  void aPresignedCreateSucceedsWithoutAnAuthorizationHeader() {
    Reply r = send(presign(Params.valid()));
    assertEquals(200, r.status(), r::toString);
    assertEquals(Api.REGION, r.metadata().path("Region").asText());
    assertEquals(1, server.admin().sessions(Demo.account("demo").accountId()).stream()
        .filter(s -> s.trafficMirrorSessionId().equals(r.sessionId())).count());
  }

  @Test
  void eachMissingPieceGetsItsRow() {
    List<Map.Entry<String, String>> q = presign(Params.valid());
    assertError(row("MissingAuthenticationToken"), send(without(q, NAMES.credential())));
    assertError(row("MissingRequestInfo"), send(without(q, NAMES.date())));
    for (String piece : List.of(NAMES.algorithm(), NAMES.signedHeaders(), NAMES.signedQueries(), NAMES.signature())) {
      assertError(row("MissingSignature"), send(without(q, piece)));
    }
    // X-NotSignBody is optional: without it the (empty) body is signed, a different canonical request.
    assertError(row("SignatureDoesNotMatch"), send(without(q, NAMES.notSignBody())));
    assertEquals(14, server.admin().sessions(Demo.account("demo").accountId()).size(), "nothing created");
  }

  @Test
  void malformedPiecesHaveNoSignature() {
    List<Map.Entry<String, String>> q = presign(Params.valid());
    String credential = value(q, NAMES.credential());
    List<List<Map.Entry<String, String>>> bad = List.of(
        replaced(q, NAMES.algorithm(), "HMAC-SHA1"),
        replaced(q, NAMES.credential(), credential.replace("/request", "/req")),
        replaced(q, NAMES.credential(), credential.substring(0, credential.lastIndexOf('/'))),
        replaced(q, NAMES.signature(), "xyz"),
        replaced(q, NAMES.signedQueries(), value(q, NAMES.signedQueries()).replace(NAMES.date() + ";", "")),
        plus(q, NAMES.signature(), value(q, NAMES.signature())));
    for (List<Map.Entry<String, String>> b : bad) {
      assertError(row("MissingSignature"), send(b));
    }
  }

  @Test
  void theClockAndKeyRulesAreTheHeaderForms() {
    long skew = CONTRACT.limits().clockSkewSeconds();
    assertError(row("InvalidTimestamp"), send(presign(Params.valid(), KEY, Instant.now().minusSeconds(skew + 60))));
    assertError(row("InvalidTimestamp"), send(presign(Params.valid(), KEY, Instant.now().plusSeconds(skew + 60))));
    assertError(row("InvalidTimestamp"), send(replaced(presign(Params.valid()), NAMES.date(), "yesterday")));
    Reply withinSkew = send(presign(Params.valid(), KEY, Instant.now().minusSeconds(skew - 60)));
    assertEquals(200, withinSkew.status(), withinSkew::toString);
    assertError(row("InvalidAccessKey"), send(presign(Params.valid().set("Priority", "2"),
        Credentials.of("AKLTunknown", "x"), Instant.now())), "AKLTunknown");
    List<Map.Entry<String, String>> ecs = Api.SIGNER.presign("GET", Params.valid().pairs(), Map.of(), KEY, Api.REGION,
        "ecs", Instant.now());
    assertError(row("ServiceNotFound"), send(ecs), "ecs");
    assertError(row("SignatureDoesNotMatch"), send(presign(Params.valid().set("Priority", "3"),
        Credentials.of(KEY.accessKey(), "not-" + KEY.secretKey()), Instant.now())));
  }

  @Test
  void aUrlChangedAfterSigningIsRefused() {
    List<Map.Entry<String, String>> q = presign(Params.valid().set("Priority", "4"));
    assertError(row("SignatureDoesNotMatch"), send(replaced(q, "Priority", "5")));
    assertError(row("SignatureDoesNotMatch"), send(plus(q, "Description", "added")));
    assertError(row("SignatureDoesNotMatch"), send(without(q, "Priority")));
    // Listing the added parameter too does not help: X-SignedQueries is itself signed.
    List<Map.Entry<String, String>> relisted = replaced(plus(q, "Description", "added"), NAMES.signedQueries(),
        "Description;" + value(q, NAMES.signedQueries()));
    assertError(row("SignatureDoesNotMatch"), send(relisted));
    assertEquals(14, server.admin().sessions(Demo.account("demo").accountId()).size(), "nothing created");
    Reply intact = send(q);
    assertEquals(200, intact.status(), intact::toString);
  }

  /** Python leaves the token unlisted and unsigned, Go lists and signs it, Java signs it unlisted: all accepted. */
  @Test
  void everySdksPlaceForTheSecurityTokenIsAccepted() {
    List<Map.Entry<String, String>> python = handPresigned("GET", Params.valid().set("Priority", "6").pairs(),
        new byte[0], "sts-token", false, false, true);
    List<Map.Entry<String, String>> go = handPresigned("GET", Params.valid().set("Priority", "7").pairs(),
        new byte[0], "sts-token", true, true, true);
    List<Map.Entry<String, String>> java = handPresigned("GET", Params.valid().set("Priority", "8").pairs(),
        new byte[0], "sts-token", false, true, true);
    for (List<Map.Entry<String, String>> q : List.of(python, go, java)) {
      server.admin().reset(); // the demo source's session quota is small
      Reply r = send(q);
      assertEquals(200, r.status(), () -> q + " -> " + r);
    }
    // A token that Go's form signed cannot be swapped.
    List<Map.Entry<String, String>> swapped = replaced(handPresigned("GET", Params.valid().set("Priority", "9").pairs(),
        new byte[0], "sts-token", true, true, true), NAMES.securityToken(), "other");
    assertError(row("SignatureDoesNotMatch"), send(swapped));
    // Our own signer writes Python's form.
    server.admin().reset();
    Reply ours = send(Api.SIGNER.presign("GET", Params.valid().set("Priority", "10").pairs(), Map.of(),
        new Credentials(KEY.accessKey(), KEY.secretKey(), "sts-token"), Api.REGION, Api.SERVICE, Instant.now()));
    assertEquals(200, ours.status(), ours::toString);
  }

  /** A form POST: its body is signed only without X-NotSignBody; under it, body parameters would be unsigned. */
  @Test
  void aFormBodyMustBeSigned() {
    List<Map.Entry<String, String>> envelope = List.of(Map.entry("Action", CONTRACT.onlyValueOf("Action")),
        Map.entry("Version", CONTRACT.onlyValueOf("Version")));
    Params rest = Params.valid().set("Priority", "11").remove("Action").remove("Version");
    byte[] body = QueryPairs.encode(rest.pairs()).getBytes(StandardCharsets.US_ASCII);
    String form = "application/x-www-form-urlencoded";
    List<Map.Entry<String, String>> bodySigned = handPresigned("POST", envelope, body, null, false, false, false);
    Reply ok = api.sendRaw("POST", QueryPairs.encode(bodySigned), Map.of(), body, form);
    assertEquals(200, ok.status(), ok::toString);
    byte[] other = QueryPairs.encode(rest.copy().set("Priority", "12").pairs()).getBytes(StandardCharsets.US_ASCII);
    assertError(row("SignatureDoesNotMatch"), api.sendRaw("POST", QueryPairs.encode(bodySigned), Map.of(), other, form));
    List<Map.Entry<String, String>> unsignedBody = handPresigned("POST", envelope, body, null, false, false, true);
    assertError(row("SignatureDoesNotMatch"), api.sendRaw("POST", QueryPairs.encode(unsignedBody), Map.of(), other, form));
  }

  /** With an Authorization header, the header is the signature; the presigned names are no unknown parameters. */
  @Test
  void theHeaderWinsAndThePresignedNamesAreNotUnknownParameters() {
    Params p = Params.valid().set(NAMES.signature(), "ignored").set(NAMES.date(), "ignored");
    Reply r = api.get(p);
    assertEquals(200, r.status(), r::toString);
    Reply near = api.get(Params.valid().set("X-Signatures", "x"));
    assertError(CONTRACT.errors().rowContaining("InvalidParameter", "not recognized"), near, "X-Signatures");
  }

  @Test
  void withoutAuthTheAccountComesFromTheCredentialParameter() {
    try (ReferenceServer open = ReferenceServer.start(ServerOptions.builder().port(0).auth(false).build())) {
      Api noAuth = new Api(open.baseUri());
      List<Map.Entry<String, String>> q = Api.SIGNER.presign("GET", Demo.validFor("arrears").pairs(), Map.of(),
          Credentials.of(Demo.key("arrears").accessKey(), "not-the-secret"), Api.REGION, Api.SERVICE, Instant.now());
      assertError(CONTRACT.errors().rowContaining("UnsupportedOperation", "arrears"),
          noAuth.sendRaw("GET", QueryPairs.encode(q), Map.of(), null, null));
    }
  }
}
