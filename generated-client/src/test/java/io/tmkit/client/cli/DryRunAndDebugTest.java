package io.tmkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.AuthorizationHeader;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import io.tmkit.server.CredentialsSource;
import io.tmkit.server.ReferenceServer;
import io.tmkit.server.ServerOptions;
import io.tmkit.server.WorldSource;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --dry-run} prints the request the client would send, signed, and sends nothing; {@code --debug}
 * shows the canonical request, the string to sign and the wire exchange, and never a secret. Against
 * the real reference server on loopback (demo world and credentials, signatures checked).
 */
class DryRunAndDebugTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final String AK = "AKLTdemo0000000000000000000000001";
  private static final String SK = "ZGVtby1zZWNyZXQta2V5LTAwMDE=";
  private static final String TOKEN = "STS-token-that-must-never-be-printed-0123456789";
  private static final Map<String, String> DEMO = Map.of("VOLCENGINE_ACCESS_KEY", AK, "VOLCENGINE_SECRET_KEY", SK);
  private static ReferenceServer server;

  @BeforeAll
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).host("127.0.0.1")
        .world(WorldSource.demo()).credentials(CredentialsSource.demo()).auth(true).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String endpoint() {
    return server.baseUri().toString();
  }

  private static int sessions() {
    return server.admin().sessions("2000000001").size();
  }

  /** The printed request's signature, recomputed with the contract library's signer over what was printed. */
  private static void assertSignatureVerifies(JsonNode printed, String secretKey, String token) {
    URI url = URI.create(printed.path("Url").asText());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> h : printed.path("Headers").properties()) {
      headers.put(h.getKey(), h.getValue().asText().equals("<redacted>") ? token : h.getValue().asText());
    }
    AuthorizationHeader auth = AuthorizationHeader.parse(headers.get("Authorization")).orElseThrow();
    Map<String, String> signed = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (auth.signedHeaders().contains(name.toLowerCase(java.util.Locale.ROOT))) {
        signed.put(name, value);
      }
    });
    assertEquals(auth.signedHeaders().size(), signed.size(), "every signed header is printed: " + headers);
    VolcengineSigner signer = new VolcengineSigner(CONTRACT.signing());
    String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/" + auth.terminator();
    String expected = signer.signature(new SigningRequest(printed.path("Method").asText(), url.getRawPath(),
        QueryPairs.decode(url.getRawQuery()), signed, new byte[0]), auth.signedHeaders(), headers.get("X-Date"),
        scope, secretKey, auth.region(), auth.service());
    assertEquals(expected, auth.signature());
  }

  @Test
  void aDryRunPrintsTheSignedRequestAndSendsNothing() throws Exception {
    try (ServerSocket listener = new ServerSocket(0)) {
      listener.setSoTimeout(300);
      CliRun r = CliRun.run(DEMO, CliRun.create("--dry-run", "--endpoint", "http://127.0.0.1:" + listener.getLocalPort(),
          "--tag", "env=demo"));
      assertEquals(0, r.exit(), r.err());
      try {
        listener.accept().close();
        throw new AssertionError("a dry run opened a connection");
      } catch (SocketTimeoutException expected) {
        // nothing came
      }
      JsonNode printed = new ObjectMapper().readTree(r.out());
      assertEquals(CONTRACT.method().toUpperCase(java.util.Locale.ROOT), printed.path("Method").asText());
      List<Map.Entry<String, String>> query = QueryPairs.decode(URI.create(printed.path("Url").asText()).getRawQuery());
      assertTrue(query.contains(Map.entry("Priority", "7")), query.toString());
      assertTrue(query.contains(Map.entry("Tags.1.Key", "env")), query.toString());
      assertTrue(query.stream().anyMatch(e -> e.getKey().equals("ClientToken")), "the token a retry would reuse");
      assertEquals("", printed.path("Body").asText());
      assertSignatureVerifies(printed, SK, null);
      // Sabotage check of the check: the wrong secret does not verify.
      assertFalse(sameSignature(printed, "d3Jvbmc="));
    }
  }

  private static boolean sameSignature(JsonNode printed, String secret) {
    try {
      assertSignatureVerifies(printed, secret, null);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  @Test
  void aDryRunsRequestIsTheOneTheServerAccepts() throws Exception {
    int before = sessions();
    CliRun r = CliRun.run(DEMO, CliRun.create("--dry-run", "--endpoint", endpoint(), "--priority", "11"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(before, sessions(), "a dry run creates nothing");
    JsonNode printed = new ObjectMapper().readTree(r.out());
    HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(printed.path("Url").asText())).GET();
    printed.path("Headers").properties().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        replay.header(h.getKey(), h.getValue().asText());
      }
    });
    HttpResponse<String> answer = HttpClient.newHttpClient().send(replay.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(before + 1, sessions());
  }

  @Test
  void aDryRunWithAnStsTokenPrintsItRedactedAndTheSignatureCoversIt() throws Exception {
    CliRun r = CliRun.run(DEMO, CliRun.create("--dry-run", "--endpoint", "http://127.0.0.1:9", "--session-token", TOKEN,
        "--output", "json"));
    assertEquals(0, r.exit(), r.err());
    assertFalse((r.out() + r.err()).contains(TOKEN));
    JsonNode printed = new ObjectMapper().readTree(r.out());
    assertEquals("<redacted>", printed.path("Headers").path("X-Security-Token").asText());
    assertSignatureVerifies(printed, SK, TOKEN);
  }

  @Test
  void aDryRunRefusesLocallyWhatValidationRefuses() {
    CliRun r = CliRun.run(DEMO, CliRun.create("--dry-run", "--endpoint", "http://127.0.0.1:9", "--priority", "0"));
    assertEquals(TrafficMirrorCli.EXIT_ERROR_ANSWER, r.exit(), r.err());
    assertTrue(r.err().contains("Code: " + CONTRACT.requireParameter("Priority").errorFor("minimum").code()), r.err());
    assertEquals("", r.out());
  }

  @Test
  void tableOutputIsTwoColumns() {
    CliRun r = CliRun.run(DEMO, CliRun.create("--endpoint", endpoint(), "--priority", "12", "--output", "table"));
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).matches("RequestId\\s+\\S+"), r.out());
    assertTrue(lines.get(1).matches("TrafficMirrorSessionId\\s+tms-\\S+"), r.out());
  }

  @Test
  void debugShowsTheCanonicalRequestAndTheExchangeAndNoSecret() {
    CliRun r = CliRun.run(DEMO, CliRun.create("--debug", "--endpoint", endpoint(), "--priority", "13",
        "--session-token", TOKEN));
    String all = r.out() + r.err();
    assertFalse(all.contains(SK), "the secret key never appears");
    assertFalse(all.contains(TOKEN), "the session token never appears");
    assertTrue(r.err().contains("debug: canonical request:"), r.err());
    assertTrue(r.err().contains("  x-security-token:<redacted>"), "the signed token line, redacted: " + r.err());
    assertTrue(r.err().contains("debug: string to sign:\n  HMAC-SHA256\n"), r.err());
    assertTrue(r.err().contains("> GET " + endpoint()), r.err());
    assertTrue(r.err().contains("> Authorization: HMAC-SHA256 Credential=" + AK + "/"), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("< \\d{3}")), "the answer's status: " + r.err());
    assertTrue(r.err().contains("debug: secret key <redacted> (from VOLCENGINE_SECRET_KEY)"), r.err());
  }

  @Test
  void onlyDebugShowsAStackTrace() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String[] args = CliRun.create("--endpoint", "http://127.0.0.1:" + closed, "--max-attempts", "1");
    CliRun quiet = CliRun.run(DEMO, args);
    assertEquals(TrafficMirrorCli.EXIT_NO_ANSWER, quiet.exit(), quiet.err());
    assertFalse(quiet.hasStackTrace(), quiet.err());
    assertEquals(1, quiet.errLines().size(), quiet.err());
    assertTrue(quiet.err().contains("No response from http://127.0.0.1:" + closed), quiet.err());
    assertFalse(quiet.err().contains("null"), quiet.err());

    String[] debugArgs = java.util.Arrays.copyOf(args, args.length + 1);
    debugArgs[args.length] = "--debug";
    CliRun loud = CliRun.run(DEMO, debugArgs);
    assertEquals(TrafficMirrorCli.EXIT_NO_ANSWER, loud.exit());
    assertTrue(loud.hasStackTrace(), loud.err());
  }
}
