package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.VolcengineSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The presigned form against Volcengine's official Go SDK, run as published
 * ({@code github.com/volcengine/volc-sdk-golang} v1.0.23, {@code base.Credentials.SignUrl}, pinned by
 * {@code src/test/go/go.mod} and fetched by the go command under target/): without a token its URL is
 * the one the contract's signer writes at the same X-Date; with a token (which Go signs without listing
 * it) the server accepts it too; a changed URL is refused.
 */
class GoSdkPresignTest extends ServerTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static final Path PROGRAM = MODULE.resolve("target/go-presign-url/presign-url");
  private static final Credentials KEY = Demo.key("demo");

  /**
   * Builds src/test/go once per build directory, its modules cached under target/ (never in ~/go);
   * the compiled-package cache is the go command's own (a cold one costs minutes on a busy machine).
   */
  @BeforeAll
  static void buildTheProgram() throws IOException, InterruptedException {
    if (Files.isExecutable(PROGRAM)) {
      return;
    }
    Path log = Files.createDirectories(MODULE.resolve("target")).resolve("go-presign-url-build.log");
    ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", PROGRAM.toString(), ".")
        .directory(MODULE.resolve("src/test/go").toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("GOMODCACHE", MODULE.resolve("target/go-mod").toString());
    pb.environment().put("GOFLAGS", "-modcacherw -mod=readonly");
    pb.environment().put("GOTOOLCHAIN", "local");
    Process go = pb.start();
    boolean done = go.waitFor(300, TimeUnit.SECONDS);
    if (!done) {
      go.destroyForcibly();
    }
    assertTrue(done && go.exitValue() == 0,
        () -> "could not build the Go SDK program (is the Go module proxy reachable?): " + PresignProgram.read(log));
  }

  private static ObjectNode request(Params p, String token) {
    return PresignProgram.request(p, KEY, token);
  }

  /** The query strings SignUrl returns, one per request. */
  private static List<String> signUrl(List<ObjectNode> requests) throws IOException, InterruptedException {
    return PresignProgram.signUrls(new ProcessBuilder(PROGRAM.toString()), "presign-url", requests);
  }

  private static String value(List<Map.Entry<String, String>> q, String name) {
    return q.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
  }

  @Test
  void atItsXDateGosUrlIsWhatTheContractsSignerWrites() throws Exception {
    List<Params> requests = List.of(Params.valid(), PresignProgram.tagged("2"));
    List<String> urls = signUrl(requests.stream().map(p -> request(p, null)).toList());
    for (int i = 0; i < urls.size(); i++) {
      List<Map.Entry<String, String>> go = QueryPairs.decode(urls.get(i));
      Instant at = VolcengineSigner.X_DATE.parse(value(go, CONTRACT.signing().presignedQuery().date()), Instant::from);
      assertEquals(Api.SIGNER.presign("GET", requests.get(i).pairs(), Map.of(), KEY, Api.REGION, Api.SERVICE, at), go);
    }
  }

  @Test
  void theServerAcceptsGosUrlsAsTheyCome() throws Exception {
    List<String> urls = signUrl(List.of(request(Params.valid(), null), request(PresignProgram.tagged("3"), null),
        request(Params.valid().set("Priority", "4"), "sts-token")));
    for (String url : urls) {
      server.admin().reset(); // the demo source's session quota is small
      Reply r = api.sendRaw("GET", url, Map.of(), null, null);
      assertEquals(200, r.status(), () -> url + " -> " + r);
    }
  }

  @Test
  void aGoUrlChangedAfterSigningIsRefused() throws Exception {
    List<String> urls = signUrl(List.of(request(Params.valid().set("Priority", "6"), null),
        request(Params.valid().set("Priority", "7"), "sts-token")));
    var mismatch = CONTRACT.errors().only("SignatureDoesNotMatch");
    assertError(mismatch, api.sendRaw("GET", urls.get(0).replace("Priority=6", "Priority=8"), Map.of(), null, null));
    assertError(mismatch, api.sendRaw("GET", urls.get(0) + "&Description=added", Map.of(), null, null));
    // Go signs its token: another token does not match.
    assertError(mismatch, api.sendRaw("GET", urls.get(1).replace("X-Security-Token=sts-token", "X-Security-Token=other"),
        Map.of(), null, null));
    assertEquals(14, server.admin().sessions(Demo.account("demo").accountId()).size(), "nothing created");
  }
}
