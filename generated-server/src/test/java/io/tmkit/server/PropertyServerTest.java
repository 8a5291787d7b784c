package io.tmkit.server;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** A real server on loopback (ephemeral port, demo world, auth on) for a class of jqwik properties. */
abstract class PropertyServerTest {
  static ReferenceServer server;
  static Api api;

  @BeforeContainer
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).build());
    api = new Api(server.baseUri());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }
}
