package io.tmkit.conformance.targets;

import io.tmkit.server.CredentialsSource;
import io.tmkit.server.ReferenceServer;
import io.tmkit.server.ServerOptions;
import io.tmkit.server.WorldSource;
import java.net.URI;
import java.util.Optional;

/**
 * The reference server started in this JVM on an ephemeral loopback port, on the demo world and
 * credentials, signatures checked. Requests still cross a real socket (Grizzly); only the admin API
 * is called in process.
 */
public final class EmbeddedTarget implements Target {
  private final ReferenceServer server;
  private final WorldControl control;

  private EmbeddedTarget(ReferenceServer server) {
    this.server = server;
    this.control = new WorldControl() {
      @Override
      public void reset() {
        server.admin().reset();
      }

      @Override
      public int sessionCount(String accountId) {
        return server.admin().sessions(accountId).size();
      }

      @Override
      public void injectFault(String accountId, String code, String phase, int times) {
        server.admin().injectFault(accountId, code, phase, times);
      }
    };
  }

  public static EmbeddedTarget startDemo() {
    return new EmbeddedTarget(ReferenceServer.start(ServerOptions.builder()
        .port(0)
        .host("127.0.0.1")
        .world(WorldSource.demo())
        .credentials(CredentialsSource.demo())
        .auth(true)
        .build()));
  }

  public ReferenceServer server() {
    return server;
  }

  @Override
  public URI baseUri() {
    return server.baseUri();
  }

  @Override
  public String description() {
    return "embedded reference server (in process) at " + server.baseUri();
  }

  @Override
  public Optional<WorldControl> control() {
    return Optional.of(control);
  }

  @Override
  public void close() {
    server.close();
  }
}
