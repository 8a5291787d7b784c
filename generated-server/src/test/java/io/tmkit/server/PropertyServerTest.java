package io.tmkit.server;

import com.code_intelligence.jazzer.api.BugDetectors;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real server on loopback (ephemeral port, demo world, auth on) for a class of generated and
 * fuzzed inputs: one server for the whole class, not reset between inputs.
 */
abstract class PropertyServerTest {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
  static ReferenceServer server;
  static Api api;

  @BeforeAll
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).build());
    api = new Api(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * At the start of each {@code @FuzzTest} input, as Jazzer's documentation asks: its SSRF detector
   * reports every connection it was not told about, and these (to the server on loopback) are meant.
   */
  static void allowLoopbackConnections() {
    BugDetectors.allowNetworkConnections((host, port) -> LOOPBACK.contains(host));
  }
}
