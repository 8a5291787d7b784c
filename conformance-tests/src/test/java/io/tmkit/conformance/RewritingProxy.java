package io.tmkit.conformance;

import io.tmkit.conformance.http.HttpTransport;
import io.tmkit.conformance.http.WireResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A byte-level HTTP/1.1 proxy on loopback in front of a real server: forwards each request unchanged
 * (Host included, so signatures still verify), then passes the answer through a rewrite before
 * returning it. Stands in for an implementation that is wrong in exactly one way.
 */
final class RewritingProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final URI upstream;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rewriting-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile UnaryOperator<WireResponse> rewrite = UnaryOperator.identity();

  RewritingProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    workers.submit(this::accept);
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
  }

  void rewrite(UnaryOperator<WireResponse> r) {
    this.rewrite = r;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        workers.submit(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client; Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      long length = 0;
      StringBuilder forwarded = new StringBuilder();
      String[] lines = head.split("\r\n");
      forwarded.append(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lines[i].substring(15).trim());
        }
        if (!lower.startsWith("connection:")) {
          forwarded.append(lines[i]).append("\r\n");
        }
      }
      forwarded.append("Connection: close\r\n\r\n");
      OutputStream up = server.getOutputStream();
      up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
      up.write(in.readNBytes((int) length));
      up.flush();
      WireResponse answer = rewrite.apply(HttpTransport.readResponse(server.getInputStream(), System.nanoTime()));
      byte[] body = answer.body();
      String out = "HTTP/1.1 " + answer.status() + " Rewritten\r\n"
          + (answer.contentType() == null ? "" : "Content-Type: " + answer.contentType() + "\r\n")
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      OutputStream down = client.getOutputStream();
      down.write(out.getBytes(StandardCharsets.ISO_8859_1));
      down.write(body);
      down.flush();
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int c = in.read(); c >= 0; c = in.read()) {
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r\n\r\n") ? text.substring(0, text.length() - 4) : text;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    workers.shutdownNow();
  }
}
