package io.tmkit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Raw bytes onto a socket and every answer that comes back, for what no HTTP client will send. */
final class Wire {
  /** One answer on the wire: status, its headers (lower-case names), its body. */
  record Answer(int status, List<String> headers, String body) {
    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse(null);
    }

    Reply reply() {
      java.util.Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon > 0) {
          byName.computeIfAbsent(h.substring(0, colon).trim(), n -> new ArrayList<>()).add(h.substring(colon + 1).trim());
        }
      }
      return new Reply(status, header("Content-Type"), body, byName);
    }
  }

  /** What came back: the answers in order, whether the server closed the connection, and how long it took. */
  record Exchange(List<Answer> answers, boolean closed, long millis) {
    Answer only() {
      if (answers.size() != 1) {
        throw new AssertionError("expected one answer, got " + answers);
      }
      return answers.get(0);
    }
  }

  private Wire() {}

  static Exchange send(ReferenceServer server, String request, int timeoutMs) {
    return send(server, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMs);
  }

  /** Sends the bytes, then reads until the server closes the connection or {@code timeoutMs} pass without data. */
  static Exchange send(ReferenceServer server, byte[] request, int timeoutMs) {
    long start = System.nanoTime();
    try (Socket s = new Socket(server.baseUri().getHost(), server.port())) {
      s.setSoTimeout(timeoutMs);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      boolean closed = read(s.getInputStream(), all);
      return new Exchange(parse(all.toByteArray()), closed, (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads into {@code out} until end of stream (true) or a read timeout (false). */
  static boolean read(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  /** Answers with a Content-Length, one after another; a head without one ends the parse (its body is the rest). */
  static List<Answer> parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<Answer> out = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int headEnd = text.indexOf("\r\n\r\n", at);
      if (headEnd < 0) {
        throw new AssertionError("not an HTTP answer: " + text.substring(at));
      }
      List<String> lines = List.of(text.substring(at, headEnd).split("\r\n"));
      int status = Integer.parseInt(lines.get(0).split(" ")[1]);
      List<String> headers = lines.subList(1, lines.size());
      Answer head = new Answer(status, headers, "");
      String length = head.header("Content-Length");
      int bodyStart = headEnd + 4;
      int bodyEnd = length == null ? text.length() : bodyStart + Integer.parseInt(length);
      out.add(new Answer(status, headers, text.substring(bodyStart, Math.min(bodyEnd, text.length()))));
      at = bodyEnd;
    }
    return out;
  }
}
