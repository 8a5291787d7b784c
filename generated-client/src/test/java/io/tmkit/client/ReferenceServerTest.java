package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.client.cli.TrafficMirrorCli;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.server.CredentialsSource;
import io.tmkit.server.ReferenceServer;
import io.tmkit.server.ServerOptions;
import io.tmkit.server.WorldSource;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the real reference server on loopback (demo world and credentials). */
class ReferenceServerTest {
  private static final String DEMO_ACCOUNT = "2000000001";
  private static ReferenceServer server;

  @BeforeAll
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder()
        .port(0).host("127.0.0.1")
        .world(WorldSource.demo()).credentials(CredentialsSource.demo())
        .auth(true).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.admin().reset();
  }

  private static TrafficMirrorClient.Builder client(List<Duration> waits) {
    return Fixtures.client(server.baseUri(), waits);
  }

  private static TrafficMirrorClient.Builder client() {
    return client(new ArrayList<>());
  }

  private static TrafficMirrorClient.Builder client(String accessKey, String secretKey) {
    return client().credentials(accessKey, secretKey);
  }

  private static ErrorRow only(String code) {
    return Fixtures.CONTRACT.errors().only(code);
  }

  private static TrafficMirrorException fails(TrafficMirrorClient.Builder builder,
      CreateTrafficMirrorSessionRequest request) {
    try (TrafficMirrorClient client = builder.build()) {
      return assertThrows(TrafficMirrorException.class, () -> client.createTrafficMirrorSession(request));
    }
  }

  private static void assertAnswer(ErrorRow expected, TrafficMirrorException e, Object... args) {
    assertEquals(expected.status(), e.status(), e::getMessage);
    assertEquals(expected.code(), e.code(), e::getMessage);
    assertEquals(expected.format(args), e.errorMessage());
    assertFalse(e.isLocal());
    assertNotNull(e.requestId());
    assertEquals(expected, e.row().orElseThrow());
  }

  private static int sessions() {
    return server.admin().sessions(DEMO_ACCOUNT).size();
  }

  @Test
  void createsASession() {
    int before = sessions();
    try (TrafficMirrorClient client = client().build()) {
      CreateTrafficMirrorSessionResult r = client.createTrafficMirrorSession(Fixtures.valid()
          .trafficMirrorSessionName("会话-1").description("镜像 a=b，c。").tag("env", "prod").tag("team", "").build());
      assertTrue(r.trafficMirrorSessionId().startsWith("tms-"), r.trafficMirrorSessionId());
      assertNotNull(r.requestId());
      assertEquals(1, r.attempts());
      assertEquals(before + 1, sessions());
    }
  }

  @Test
  void theSameTokenTwiceCreatesOneSession() {
    int before = sessions();
    try (TrafficMirrorClient client = client().build()) {
      CreateTrafficMirrorSessionRequest request = Fixtures.valid().clientToken("once-only-1").build();
      String first = client.createTrafficMirrorSession(request).trafficMirrorSessionId();
      String second = client.createTrafficMirrorSession(request).trafficMirrorSessionId();
      assertEquals(first, second);
      assertEquals(before + 1, sessions());
    }
  }

  @Test
  void parameterFamily() {
    ErrorRow row = Fixtures.CONTRACT.requireParameter("Priority").errorFor("maximum");
    assertAnswer(row, fails(client().validation(false), Fixtures.valid().priority(40000).build()));
  }

  @Test
  void tagFamily() {
    assertAnswer(Fixtures.CONTRACT.tagList().duplicateKey(),
        fails(client().validation(false), Fixtures.valid().tag("k", "1").tag("k", "2").build()));
  }

  @Test
  void notFoundFamily() {
    assertAnswer(only(ErrorCode.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND),
        fails(client(), Fixtures.valid().networkInterfaceId("eni-nosuch0001").build()));
  }

  @Test
  void conflictFamily() {
    assertAnswer(only(ErrorCode.INVALID_TRAFFIC_MIRROR_SESSION_PRIORITY_CONFLICT),
        fails(client(), Fixtures.valid().priority(100).build()));
  }

  @Test
  void resourceStateFamily() {
    assertAnswer(only(ErrorCode.INVALID_ENI_INVALID_TYPE),
        fails(client(), Fixtures.valid().networkInterfaceId("eni-trunk0001").build()));
  }

  @Test
  void accountFamily() {
    ErrorRow arrears = Fixtures.CONTRACT.errors().rowContaining(ErrorCode.UNSUPPORTED_OPERATION, "arrears");
    assertAnswer(arrears, fails(client("AKLTarrears0000000000000000000001", "YXJyZWFycy1zZWNyZXQtMDAwMQ=="),
        Fixtures.valid().networkInterfaceId("eni-arsrc0001").trafficMirrorTargetId("tmt-ar0001")
            .trafficMirrorFilterId("tmf-ar0001").build()));
    assertAnswer(only(ErrorCode.FORBIDDEN_PURCHASE_LIMITED),
        fails(client("AKLTnopurchase00000000000000000001", "bm9wdXJjaGFzZS1zZWNyZXQtMDAwMQ=="),
            Fixtures.valid().networkInterfaceId("eni-npsrc0001").trafficMirrorTargetId("tmt-np0001")
                .trafficMirrorFilterId("tmf-np0001").build()));
  }

  @Test
  void authenticationFamily() {
    assertAnswer(only(ErrorCode.SIGNATURE_DOES_NOT_MATCH),
        fails(client(Fixtures.DEMO_AK, "bm90LXRoZS1zZWNyZXQ="), Fixtures.valid().build()));
    assertAnswer(only(ErrorCode.INVALID_ACCESS_KEY), fails(client("AKLTnobody", "x"), Fixtures.valid().build()),
        "AKLTnobody");
    assertAnswer(only(ErrorCode.ACCESS_DENIED),
        fails(client("AKLTreadonly000000000000000000001", "cmVhZG9ubHktc2VjcmV0LTAwMDE="), Fixtures.valid().build()),
        "vpc:CreateTrafficMirrorSession", "*");
  }

  /** A filter that runs after signing and changes Priority on the wire. */
  @Priority(9000)
  static final class Tamper implements ClientRequestFilter {
    @Override
    public void filter(jakarta.ws.rs.client.ClientRequestContext ctx) {
      String query = ctx.getUri().getRawQuery().replace("Priority=1&", "Priority=2&");
      ctx.setUri(URI.create(ctx.getUri().toString().replace(ctx.getUri().getRawQuery(), query)));
    }
  }

  /** The wire parameters, signed and sent by a plain Jersey client (optionally tampered with after signing). */
  private static Response sendSigned(List<Map.Entry<String, String>> wire, boolean tamper) {
    return sendEncoded(wire.stream()
        .map(e -> Map.entry(e.getKey(), io.tmkit.contract.signing.VolcengineSigner.uriEncode(e.getValue()))).toList(), tamper);
  }

  /** Names and values already percent-encoded, sent as they are. */
  private static Response sendEncoded(List<Map.Entry<String, String>> encoded, boolean tamper) {
    VolcengineSigningFilter signing = new VolcengineSigningFilter(Fixtures.CONTRACT.signing(),
        () -> Credentials.of(Fixtures.DEMO_AK, Fixtures.DEMO_SK), TrafficMirrorClient.DEFAULT_REGION,
        Fixtures.CONTRACT.signing().service(), Clock.systemUTC());
    Client http = ClientBuilder.newClient().register(signing);
    if (tamper) {
      http.register(new Tamper());
    }
    WebTarget target = http.target(server.baseUri());
    for (Map.Entry<String, String> e : encoded) {
      target = target.queryParam(e.getKey(), e.getValue());
    }
    return target.request().get();
  }

  private static Response sendSigned(boolean tamper) {
    return sendSigned(Fixtures.valid().clientToken("tamper-" + tamper).build().parameters(Fixtures.CONTRACT), tamper);
  }

  @Test
  void aRequestChangedAfterSigningIsRefused() {
    ErrorRow mismatch = only(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    try (Response tampered = sendSigned(true); Response intact = sendSigned(false)) {
      assertEquals(mismatch.status(), tampered.getStatus());
      String body = tampered.readEntity(String.class);
      assertTrue(body.contains(mismatch.code()) && body.contains(mismatch.message()), body);
      assertEquals(200, intact.getStatus(), "the same request untouched is accepted");
    }
  }

  @Test
  void anInjectedFailureAfterCreationIsRetriedWithTheSameTokenAndYieldsOneSession() {
    int before = sessions();
    server.admin().injectFault(DEMO_ACCOUNT, "InternalError", "afterCreate", 1);
    List<Duration> waits = new ArrayList<>();
    try (TrafficMirrorClient client = client(waits).build()) {
      CreateTrafficMirrorSessionResult r = client.createTrafficMirrorSession(Fixtures.valid().build());
      assertEquals(2, r.attempts());
      assertEquals(1, waits.size());
      assertEquals(before + 1, sessions(), "exactly one session results");
      assertTrue(server.admin().sessions(DEMO_ACCOUNT).stream()
          .anyMatch(s -> s.trafficMirrorSessionId().equals(r.trafficMirrorSessionId())));
    }
  }

  @Test
  void withoutRetriesTheCallerCanRetryWithTheTokenAndStillGetsOneSession() {
    int before = sessions();
    server.admin().injectFault(DEMO_ACCOUNT, "InternalError", "afterCreate", 1);
    try (TrafficMirrorClient client = client().retryPolicy(RetryPolicy.NONE).build()) {
      CreateTrafficMirrorSessionRequest request = Fixtures.valid().clientToken("caller-retry-1").build();
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(request));
      assertAnswer(only(ErrorCode.INTERNAL_ERROR), e);
      CreateTrafficMirrorSessionResult r = client.createTrafficMirrorSession(request);
      assertEquals(before + 1, sessions());
      assertTrue(server.admin().sessions(DEMO_ACCOUNT).stream()
          .anyMatch(s -> s.trafficMirrorSessionId().equals(r.trafficMirrorSessionId())));
    }
  }

  @Test
  void throttlingIsRetriedWithinTheBoundThenReported() {
    List<Duration> waits = new ArrayList<>();
    TrafficMirrorException e = fails(client(waits).credentials("AKLTthrottled000000000000000000001",
            "dGhyb3R0bGVkLXNlY3JldC0wMDAx").retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20))),
        Fixtures.valid().networkInterfaceId("eni-thsrc0001").trafficMirrorTargetId("tmt-th0001")
            .trafficMirrorFilterId("tmf-th0001").build());
    assertAnswer(only(ErrorCode.FLOW_LIMIT_EXCEEDED), e);
    assertEquals(2, waits.size(), "3 attempts, 2 waits");
  }

  @Test
  void idempotentProcessingIsRetriedUntilTheFirstRequestFinishes() throws Exception {
    String ak = "AKLTslow0000000000000000000000001";
    String sk = "c2xvdy1zZWNyZXQtMDAwMQ==";
    CreateTrafficMirrorSessionRequest slow = Fixtures.valid().networkInterfaceId("eni-slsrc0001")
        .trafficMirrorTargetId("tmt-sl0001").trafficMirrorFilterId("tmf-sl0001").clientToken("slow-token-1").build();
    try (TrafficMirrorClient first = client(ak, sk).retryPolicy(RetryPolicy.NONE).build();
        TrafficMirrorClient impatient = client(ak, sk).retryPolicy(RetryPolicy.NONE).build();
        TrafficMirrorClient patient = client(ak, sk)
            .retryPolicy(new RetryPolicy(20, Duration.ofMillis(200), Duration.ofMillis(400)))
            .sleeper(d -> {
              try {
                Thread.sleep(d.toMillis());
              } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
              }
            }).build()) {
      CompletableFuture<CreateTrafficMirrorSessionResult> original =
          CompletableFuture.supplyAsync(() -> first.createTrafficMirrorSession(slow));
      Thread.sleep(300);
      TrafficMirrorException busy = assertThrows(TrafficMirrorException.class,
          () -> impatient.createTrafficMirrorSession(slow));
      assertAnswer(only(ErrorCode.IDEMPOTENT_PROCESSING), busy);
      CreateTrafficMirrorSessionResult retried = patient.createTrafficMirrorSession(slow);
      assertEquals(original.get().trafficMirrorSessionId(), retried.trafficMirrorSessionId());
      assertTrue(retried.attempts() >= 1);
    }
  }

  static Stream<Arguments> badInputs() {
    return ClientSideValidationTest.badInputs();
  }

  /** Client-side validation and the server agree: same status, code and message with validation on or off. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void clientSideValidationAgreesWithTheServer(String label,
      UnaryOperator<CreateTrafficMirrorSessionRequest.Builder> change, ErrorRow expected, String arg) {
    CreateTrafficMirrorSessionRequest request = change.apply(Fixtures.valid()).build();
    TrafficMirrorException local = fails(client(), request);
    TrafficMirrorException remote = fails(client().validation(false), request);
    assertTrue(local.isLocal(), label);
    if (remote.isLocal()) {
      // What the typed transport cannot send (a required parameter left out, a 21st tag) goes to the
      // server through a plain signed Jersey client instead.
      try (Response raw = sendSigned(request.withClientToken("agree-" + label.hashCode()).parameters(Fixtures.CONTRACT),
          false)) {
        var error = readError(raw.readEntity(String.class));
        assertEquals(local.status(), raw.getStatus(), label);
        assertEquals(local.code(), error.path(io.tmkit.client.generated.model.Error400.JSON_PROPERTY_CODE).asText(), label);
        assertEquals(local.errorMessage(), error.path(io.tmkit.client.generated.model.Error400.JSON_PROPERTY_MESSAGE).asText(), label);
      }
      return;
    }
    assertEquals(local.status(), remote.status(), label);
    assertEquals(local.code(), remote.code(), label);
    assertEquals(local.errorMessage(), remote.errorMessage(), label);
  }

  static Stream<Arguments> notText() {
    return ClientSideValidationTest.notText();
  }

  /**
   * A lone surrogate never leaves the client, validation on or off; its answer is the one the server
   * gives to the bytes a lax encoder sends for it (a surrogate's three bytes, as WTF-8 writes them).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("notText")
  void aLoneSurrogateIsAnsweredAsTheServerAnswersItsBytes(String label,
      UnaryOperator<CreateTrafficMirrorSessionRequest.Builder> change, ErrorRow expected, String arg) {
    CreateTrafficMirrorSessionRequest request = change.apply(Fixtures.valid()).build();
    TrafficMirrorException local = fails(client(), request);
    TrafficMirrorException unvalidated = fails(client().validation(false), request);
    assertTrue(local.isLocal() && unvalidated.isLocal(), label);
    assertEquals(local.code(), unvalidated.code(), label);
    List<Map.Entry<String, String>> lax = request.withClientToken("lax-" + label.hashCode()).parameters(Fixtures.CONTRACT)
        .stream().map(e -> Map.entry(e.getKey(), laxEncode(e.getValue()))).toList();
    try (Response raw = sendEncoded(lax, false)) {
      var error = readError(raw.readEntity(String.class));
      assertEquals(local.status(), raw.getStatus(), label);
      assertEquals(local.code(), error.path(io.tmkit.client.generated.model.Error400.JSON_PROPERTY_CODE).asText(), label);
      assertEquals(local.errorMessage(), error.path(io.tmkit.client.generated.model.Error400.JSON_PROPERTY_MESSAGE).asText(), label);
    }
  }

  /** Each code point's UTF-8 bytes percent-encoded, a lone surrogate's (not UTF-8) included. */
  static String laxEncode(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> {
      int[] bytes = cp < 0x80 ? new int[] {cp}
          : cp < 0x800 ? new int[] {0xC0 | cp >> 6, 0x80 | cp & 0x3F}
          : cp < 0x10000 ? new int[] {0xE0 | cp >> 12, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F}
          : new int[] {0xF0 | cp >> 18, 0x80 | cp >> 12 & 0x3F, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F};
      for (int b : bytes) {
        out.append('%').append(String.format("%02X", b));
      }
    });
    return out.toString();
  }

  private static com.fasterxml.jackson.databind.JsonNode readError(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)
          .path(io.tmkit.client.generated.model.ErrorResponse400.JSON_PROPERTY_RESPONSE_METADATA)
          .path(io.tmkit.client.generated.model.ErrorResponseMetadata400.JSON_PROPERTY_ERROR);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TrafficMirrorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(TrafficMirrorClient.ENV_ACCESS_KEY, Fixtures.DEMO_AK, TrafficMirrorClient.ENV_SECRET_KEY, Fixtures.DEMO_SK));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCliCreatesASessionAndPrintsTheResult() throws Exception {
    int before = sessions();
    Run r = cli("create-traffic-mirror-session", "--endpoint", server.baseUri().toString(),
        "--network-interface-id", "eni-bp1fgnh68xyz90001", "--traffic-mirror-target-id", "tmt-35bvae1r7rv283dy2w2ll0001",
        "--traffic-mirror-filter-id", "tmf-bp1opxu1zkhn001230001", "--priority", "1", "--tag", "env=prod");
    assertEquals(0, r.exit(), r.err());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertTrue(json.path("TrafficMirrorSessionId").asText().startsWith("tms-"), r.out());
    assertFalse(json.path("RequestId").asText().isEmpty(), r.out());
    assertEquals(before + 1, sessions());
  }

  @Test
  void theCliShowsADocumentedErrorOnStderr() {
    ErrorRow conflict = only(ErrorCode.INVALID_TRAFFIC_MIRROR_SESSION_PRIORITY_CONFLICT);
    Run r = cli("create-traffic-mirror-session", "--endpoint", server.baseUri().toString(),
        "--network-interface-id", "eni-bp1fgnh68xyz90001", "--traffic-mirror-target-id", "tmt-35bvae1r7rv283dy2w2ll0001",
        "--traffic-mirror-filter-id", "tmf-bp1opxu1zkhn001230001", "--priority", "100");
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().contains("Status: " + conflict.status()), r.err());
    assertTrue(r.err().contains("Code: " + conflict.code()), r.err());
    assertTrue(r.err().contains("Message: " + conflict.message()), r.err());
    assertTrue(r.err().matches("(?s).*RequestId: [0-9]{14}[0-9A-F]{20}.*"), r.err());
  }
}
