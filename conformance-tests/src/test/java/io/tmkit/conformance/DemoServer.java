package io.tmkit.conformance;

import io.tmkit.conformance.targets.EmbeddedTarget;

/**
 * One reference server on the demo world for every test class of this JVM (its start is paid once);
 * each test resets the world it needs. Closed when the JVM ends.
 */
final class DemoServer {
  private static EmbeddedTarget target;

  private DemoServer() {}

  static synchronized EmbeddedTarget get() {
    if (target == null) {
      java.util.logging.Logger.getLogger("org.glassfish").setLevel(java.util.logging.Level.WARNING);
      target = EmbeddedTarget.startDemo();
      Runtime.getRuntime().addShutdownHook(new Thread(target::close));
    }
    return target;
  }
}
