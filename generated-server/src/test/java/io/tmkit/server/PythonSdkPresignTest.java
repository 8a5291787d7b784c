package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The presigned form against Volcengine's official Python SDK, run as published
 * ({@code volcenginesdk-core} 5.0.54, {@code SignerV4.sign_url}, installed with pip under target/):
 * at the same second its URLs are exactly the ones the contract's signer writes, the server accepts
 * them as they come, and refuses them once changed. {@code src/test/python/presign_url.py} drives the SDK.
 */
class PythonSdkPresignTest extends ServerTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static final Path SDK = MODULE.resolve("target/python-volcengine-sdk");
  private static final String PYTHON = System.getenv().getOrDefault("SMOKE_PYTHON", "python3");
  private static final Credentials KEY = Demo.key("demo");

  /** Installs the pinned SDK once per build directory; a failure fails the test with pip's words. */
  @BeforeAll
  static void installTheSdk() throws IOException, InterruptedException {
    if (Files.exists(SDK.resolve("volcenginesdkcore/signv4.py"))) {
      return;
    }
    Path log = Files.createDirectories(MODULE.resolve("target")).resolve("python-volcengine-sdk-pip.log");
    Process pip = new ProcessBuilder(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--timeout", "20", "--target", SDK.toString(),
        "-r", MODULE.resolve("src/test/python/requirements-volcengine-sdk.txt").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = pip.waitFor(300, TimeUnit.SECONDS);
    if (!done) {
      pip.destroyForcibly();
    }
    assertTrue(done && pip.exitValue() == 0,
        () -> "pip could not install the Python SDK (is PyPI reachable?): " + PresignProgram.read(log));
  }

  /** One request for presign_url.py. */
  private static ObjectNode request(Params p, Instant at, String host, String token) {
    ObjectNode r = PresignProgram.request(p, KEY, token);
    if (at != null) {
      r.put("at", at.getEpochSecond());
    }
    if (host != null) {
      r.put("host", host);
    }
    return r;
  }

  /** The query strings the SDK's sign_url returns, one per request. */
  private static List<String> signUrl(List<ObjectNode> requests) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(PYTHON, MODULE.resolve("src/test/python/presign_url.py").toString());
    pb.environment().put("PYTHONPATH", SDK.toString());
    return PresignProgram.signUrls(pb, "presign_url.py", requests);
  }

  @Test
  void atTheSameSecondPythonsUrlIsWhatTheContractsSignerWrites() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Params plain = Params.valid();
    Params tags = PresignProgram.tagged("2");
    List<String> python = signUrl(List.of(request(plain, at, null, null), request(tags, at, null, null),
        request(plain, at, api.host(), null), request(plain, at, null, "sts-token")));
    assertEquals(Api.SIGNER.presign("GET", plain.pairs(), Map.of(), KEY, Api.REGION, Api.SERVICE, at),
        QueryPairs.decode(python.get(0)));
    assertEquals(Api.SIGNER.presign("GET", tags.pairs(), Map.of(), KEY, Api.REGION, Api.SERVICE, at),
        QueryPairs.decode(python.get(1)));
    assertEquals(Api.SIGNER.presign("GET", plain.pairs(), Map.of("Host", api.host()), KEY, Api.REGION, Api.SERVICE,
        at), QueryPairs.decode(python.get(2)), "Host signed");
    assertEquals(Api.SIGNER.presign("GET", plain.pairs(), Map.of(),
        new Credentials(KEY.accessKey(), KEY.secretKey(), "sts-token"), Api.REGION, Api.SERVICE, at),
        QueryPairs.decode(python.get(3)), "with an STS token");
  }

  @Test
  void theServerAcceptsPythonsUrlsAsTheyCome() throws Exception {
    List<ObjectNode> requests = List.of(
        request(Params.valid(), null, null, null),          // the SDK's own clock
        request(PresignProgram.tagged("3"), null, null, null),
        request(Params.valid().set("Priority", "4"), null, api.host(), null),
        request(Params.valid().set("Priority", "5"), null, null, "sts-token"));
    List<String> urls = signUrl(requests);
    for (String url : urls) {
      server.admin().reset(); // the demo source's session quota is small
      Reply r = api.sendRaw("GET", url, Map.of(), null, null);
      assertEquals(200, r.status(), () -> url + " -> " + r);
      assertEquals(Api.REGION, r.metadata().path("Region").asText());
    }
    Reply tags = api.sendRaw("GET", urls.get(1), Map.of(), null, null);
    assertEquals(200, tags.status());
  }

  @Test
  void aPythonUrlChangedAfterSigningIsRefused() throws Exception {
    String url = signUrl(List.of(request(Params.valid().set("Priority", "6"), null, null, null))).get(0);
    var mismatch = CONTRACT.errors().only("SignatureDoesNotMatch");
    assertError(mismatch, api.sendRaw("GET", url.replace("Priority=6", "Priority=7"), Map.of(), null, null));
    assertError(mismatch, api.sendRaw("GET", url + "&Description=added", Map.of(), null, null));
    String withHost = signUrl(List.of(request(Params.valid().set("Priority", "8"), null, "example.invalid", null)))
        .get(0);
    assertError(mismatch, api.sendRaw("GET", withHost, Map.of(), null, null));
    assertEquals(14, server.admin().sessions(Demo.account("demo").accountId()).size(), "nothing created");
  }
}
