package io.tmkit.conformance.run;

import io.tmkit.conformance.resolve.ResolvedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the connections of a {@code stalled} precondition: slow clients that send part of a request
 * and then hold the connection, while the case's own request must still be answered in time. What
 * they open is collected in a {@link Held} and closed when the case has been judged.
 */
public interface SlowClients {
  void open(ResolvedRequest request, int connections, Held held);

  /** The connections one case run holds open. */
  final class Held implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    public synchronized void add(AutoCloseable c) {
      open.add(c);
    }

    @Override
    public synchronized void close() {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // already closed by the server, which is what a deadline does
        }
      }
      open.clear();
    }
  }
}
