package io.tmkit.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.PrintStream;

/** One line per request: method, action, status, code (or OK), milliseconds. Never headers or secrets. */
final class RequestLog implements ContainerResponseFilter {
  private final PrintStream out;

  RequestLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    Exchange ex = Exchange.peek();
    Exchange.end();
    if (ex == null || out == null) {
      return;
    }
    long micros = (System.nanoTime() - ex.startNanos) / 1000;
    String action = ex.admin ? "admin:" + req.getUriInfo().getPath() : (ex.action.isEmpty() ? "-" : ex.action);
    out.println(ex.method + ' ' + printable(action) + ' ' + res.getStatus() + ' ' + (ex.code == null ? "OK" : ex.code)
        + ' ' + micros / 1000 + '.' + (micros / 100) % 10 + "ms");
  }

  /** The action is the client's text: keep the log one line of printable ASCII. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      b.append(c > 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
