package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.server.domain.TrafficMirrorSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What goes over the wire: envelopes, RequestIds, methods, the form POST, what a session holds. */
class WireTest extends ServerTest {
  private static final String DEMO = Demo.account("demo").accountId();

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> schemaProperties(String schema) {
    return fieldNames(CONTRACT.root().at("/components/schemas/" + schema + "/properties"));
  }

  @Test
  void theSuccessEnvelopeIsTheContractsExactly() {
    Reply r = api.get(Params.valid());
    assertEquals(200, r.status());
    assertEnvelope(r);
    JsonNode body = r.json();
    assertEquals(schemaProperties("CreateTrafficMirrorSessionResponse"), fieldNames(body));
    assertEquals(schemaProperties("ResponseMetadata"), fieldNames(body.path("ResponseMetadata")));
    assertEquals(schemaProperties("CreateTrafficMirrorSessionResult"), fieldNames(body.path("Result")));
    assertEquals(r.requestId(), body.path("Result").path("RequestId").asText(), "Result repeats the RequestId");
    assertEquals(CONTRACT.onlyValueOf("Action"), r.metadata().path("Action").asText());
    assertEquals(CONTRACT.onlyValueOf("Version"), r.metadata().path("Version").asText());
    assertEquals(Api.REGION, r.metadata().path("Region").asText());
    assertTrue(r.sessionId().matches("tms-[a-z0-9]{20}"), r.sessionId());
  }

  @Test
  void everyResponseHasAFreshRequestId() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      assertTrue(ids.add(api.get(Params.valid().set("Priority", "abc")).requestId()));
    }
  }

  @Test
  void aNewSessionIsCreatingThenActiveWithWhatWasAsked() throws Exception {
    Params p = Params.valid().set("Priority", "31").add("TrafficMirrorSessionName", "会话_1")
        .add("Description", "mirror a b, 中文。").add("Tags.1.Key", "env").add("Tags.1.Value", "prod")
        .add("Tags.2.Key", "team");
    String id = api.get(p).sessionId();
    TrafficMirrorSession s = find(id);
    assertEquals(TrafficMirrorSession.CREATING, s.status());
    assertEquals("会话_1", s.trafficMirrorSessionName());
    assertEquals("mirror a b, 中文。", s.description());
    assertEquals(31, s.priority());
    assertEquals(Integer.parseInt(CONTRACT.requireParameter("PacketLength").defaultValue()), s.packetLength());
    assertEquals(CONTRACT.requireParameter("ProjectName").defaultValue(), s.projectName());
    assertEquals(2, s.tags().size());
    assertEquals("", s.tags().get(1).value());
    Thread.sleep(Demo.WORLD.activationDelayMs() + 100);
    assertEquals(TrafficMirrorSession.ACTIVE, find(id).status());
  }

  @Test
  void anOmittedNameIsTheSessionId() {
    String id = api.get(Params.valid()).sessionId();
    assertEquals(id, find(id).trafficMirrorSessionName());
  }

  private static TrafficMirrorSession find(String id) {
    return server.admin().sessions(DEMO).stream().filter(s -> s.trafficMirrorSessionId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void everyMethodButGetAndFormPostIsNotAllowed() {
    ErrorRow row = CONTRACT.errors().only("MethodNotAllowed");
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
      Reply r = api.send(method, Params.valid(), Map.of(), null);
      assertEquals(row.status(), r.status(), method);
      if (!method.equals("HEAD")) {
        assertError(row, r, method);
      }
    }
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    assertError(row, api.sendRaw("POST", QueryPairs.encode(Params.valid().pairs()), Map.of(), json, "application/json"), "POST");
  }

  @Test
  void aMethodNotAllowedSaysWhichMethodIs() {
    // RFC 9110 section 15.5.6: every 405 carries Allow. The contract declares it on its 405 response.
    String declared = CONTRACT.operation().at("/responses/405/headers/Allow/schema/enum/0").asText();
    assertEquals(CONTRACT.method(), declared, "the 405 response of the contract advertises its operation's method");
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}) {
      assertEquals(declared, api.send(method, Params.valid(), Map.of(), null).header("Allow"), method);
    }
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    assertEquals(declared, api.sendRaw("POST", QueryPairs.encode(Params.valid().pairs()), Map.of(), json,
        "application/json").header("Allow"));
    assertEquals(null, api.get(Params.valid().set("Priority", "0")).header("Allow"), "only a 405 has it");
  }

  @Test
  void traceGetsTheEnvelopeLikeAnyOtherMethod() {
    // Found by Schemathesis: Grizzly answered TRACE itself, with an empty body and an Allow header of six methods.
    Reply r = api.raw(("TRACE /?" + QueryPairs.encode(Params.valid().pairs())).getBytes(StandardCharsets.US_ASCII));
    assertError(CONTRACT.errors().only("MethodNotAllowed"), r, "TRACE");
    assertEquals(CONTRACT.method(), r.header("Allow"));
  }

  @Test
  void aFormPostMeansTheSameAsAGet() {
    Reply r = api.sendRaw("POST", null, Map.of(), QueryPairs.encode(Params.valid().pairs()).getBytes(StandardCharsets.US_ASCII),
        "application/x-www-form-urlencoded");
    // Unsigned: the envelope and auth stages ran on the body's parameters, as for a GET.
    assertError(CONTRACT.errors().only("MissingAuthenticationToken"), r);
    assertEquals(CONTRACT.onlyValueOf("Action"), r.metadata().path("Action").asText());
  }

  @Test
  void aParameterInBothQueryAndBodyIsRepeated() {
    Params query = Params.valid();
    byte[] body = "Priority=2".getBytes(StandardCharsets.US_ASCII);
    Map<String, String> h = new java.util.LinkedHashMap<>();
    Map<String, String> toSign = new java.util.LinkedHashMap<>();
    toSign.put("Host", api.host());
    toSign.put("Content-Type", "application/x-www-form-urlencoded");
    h.put("Content-Type", "application/x-www-form-urlencoded");
    h.putAll(Api.SIGNER.sign(new io.tmkit.contract.signing.SigningRequest("POST", "/", query.pairs(), toSign, body),
        Demo.key("demo"), Api.REGION, Api.SERVICE, java.time.Instant.now()));
    Reply r = api.sendRaw("POST", QueryPairs.encode(query.pairs()), h, body, null);
    assertError(CONTRACT.errors().rowContaining("InvalidParameter", "more than once"), r, "Priority");
  }

  @Test
  void otherPathsNameNoOperation() {
    Reply r = api.raw(("GET /v2/?" + QueryPairs.encode(Params.valid().pairs())).getBytes(StandardCharsets.US_ASCII));
    assertError(CONTRACT.errors().only("InvalidActionOrVersion"), r, CONTRACT.onlyValueOf("Action"), CONTRACT.onlyValueOf("Version"));
  }

  @Test
  void anAcceptHeaderCannotTurnTheAnswerIntoHtml() {
    Map<String, String> h = api.signedHeaders(Demo.key("demo"), "GET", Params.valid().pairs(), new byte[0],
        java.time.Instant.now(), Api.SERVICE);
    h.put("Accept", "text/html");
    Reply r = api.send("GET", Params.valid(), h, null);
    assertEquals(200, r.status(), r::toString);
    assertEquals("application/json", r.contentType());
  }

  @Test
  void anUnsignedRequestStillNamesItsActionAndTheWorldsRegion() {
    Reply r = api.send("GET", Params.valid().set("Action", "Nope"), Map.of(), null);
    assertEquals("Nope", r.metadata().path("Action").asText());
    assertNotEquals("", r.metadata().path("Region").asText());
  }
}
