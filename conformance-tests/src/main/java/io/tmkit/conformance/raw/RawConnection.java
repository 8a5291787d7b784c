package io.tmkit.conformance.raw;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request on a fresh plain socket: the bytes sent (at once, or a part and then a byte at a time,
 * as a slow client), the answers read back one by one and when the server closed. Reading stops when
 * the server closes, when {@code limitMs} (from the first byte) has passed, after the first answer if
 * the caller needs no more, or after {@code idleMs} without a byte once an answer has come. An answer
 * that announces {@code Connection: close} is followed by a short wait for that close. Interim (1xx)
 * answers are read past, as a client does.
 */
final class RawConnection {
  /** How long a server that said {@code Connection: close} may take to close: "promptly". */
  static final int CLOSE_AFTER_ANSWER_MS = 1000;

  private RawConnection() {}

  /** How long to wait at most, whether to read past the first answer and for how long; a HEAD answer has no body. */
  record Plan(long limitMs, boolean readOn, long idleMs, boolean head) {}

  static RawExchange exchange(URI base, RawMessage message, Plan plan) {
    Socket socket = new Socket();
    long started = System.nanoTime();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort()), 5000);
      started = System.nanoTime();
      boolean sentAll = send(socket, message);
      return read(socket, started, plan, sentAll);
    } catch (IOException e) {
      throw new UncheckedIOException("no connection to " + base + ": " + e.getMessage(), e);
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }

  /** Opens a connection and sends the first {@code stallAfter} bytes; the caller holds it open. */
  static Socket stall(URI base, RawMessage message) {
    try {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort()), 5000);
      socket.getOutputStream().write(message.bytes(), 0, message.stallAfter());
      socket.getOutputStream().flush();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("no connection to " + base + ": " + e.getMessage(), e);
    }
  }

  /** Sends the message; a slow one trickles its rest from a thread of its own. False if the server cut it short. */
  private static boolean send(Socket socket, RawMessage message) {
    byte[] bytes = message.bytes();
    try {
      OutputStream out = socket.getOutputStream();
      out.write(bytes, 0, message.stallAfter());
      out.flush();
    } catch (IOException e) {
      return false;
    }
    if (!message.isWhole() && message.trickleMs() != null) {
      Thread trickle = new Thread(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          for (int i = message.stallAfter(); i < bytes.length && !socket.isClosed(); i++) {
            Thread.sleep(message.trickleMs());
            out.write(bytes[i]);
            out.flush();
          }
        } catch (IOException | InterruptedException ignored) {
          // the server closed the connection, which is what a deadline does
        }
      }, "raw-trickle");
      trickle.setDaemon(true);
      trickle.start();
    }
    return message.isWhole();
  }

  private static RawExchange read(Socket socket, long started, Plan plan, boolean sentAll) throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    List<RawResponse> answers = new ArrayList<>();
    long deadline = started + plan.limitMs() * 1_000_000L;
    while (true) {
      long now = System.nanoTime();
      if (now >= deadline) {
        return new RawExchange(answers, -1, true, null, sentAll);
      }
      socket.setSoTimeout((int) Math.max(1, (deadline - now) / 1_000_000L));
      try {
        int first = in.read();
        if (first < 0) {
          return new RawExchange(answers, millis(started), false, null, sentAll);
        }
        RawResponse answer = response(first, in, started, plan.head());
        if (answer.status() >= 100 && answer.status() < 200 && answer.status() != 101) {
          // An interim answer (100 Continue to an Expect): not an answer; a client reads past it
          // to the final one (RFC 9110 section 15.2).
          continue;
        }
        answers.add(answer);
        if (answer.saysClose()) {
          deadline = Math.min(deadline, System.nanoTime() + CLOSE_AFTER_ANSWER_MS * 1_000_000L);
        } else if (!plan.readOn()) {
          return new RawExchange(answers, -1, false, null, sentAll);
        } else if (plan.idleMs() > 0) {
          deadline = Math.min(deadline, System.nanoTime() + plan.idleMs() * 1_000_000L);
        }
      } catch (SocketTimeoutException e) {
        return new RawExchange(answers, -1, true, null, sentAll);
      } catch (SocketException e) {
        // A reset is a close too (abrupt, but the connection is gone).
        return new RawExchange(answers, millis(started), false, null, sentAll);
      } catch (NotHttp e) {
        return new RawExchange(answers, drain(in, socket, deadline, started), false, e.getMessage(), sentAll);
      }
    }
  }

  /** Reads what is left until the close (its time) or the deadline (-1). */
  private static long drain(InputStream in, Socket socket, long deadline, long started) {
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        if (in.read() < 0) {
          return millis(started);
        }
      }
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      return millis(started);
    }
    return -1;
  }

  private static RawResponse response(int first, InputStream in, long started, boolean head) throws IOException {
    String statusLine = (char) first + line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw new NotHttp("not an HTTP/1.x status line: " + abbreviate(statusLine));
    }
    int status = Integer.parseInt(parts[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new NotHttp("not a header line: " + abbreviate(h));
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      switch (name.toLowerCase(Locale.ROOT)) {
        case "content-length" -> length = parseLength(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        default -> { }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (head) {
      // The answer to HEAD has no body, whatever its headers announce (RFC 9110 section 9.3.2).
    } else if (chunked) {
      for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
        body.write(exactly(in, size));
        line(in);
      }
      for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
        // trailers are not part of the answer we judge
      }
    } else if (length >= 0) {
      body.write(exactly(in, length));
    } else if (status >= 200 && status != 204 && status != 304) {
      // Neither length nor chunks: the body runs to the close (the surface reports the missing length).
      in.transferTo(body);
    }
    return new RawResponse(statusLine, status, headers, body.toByteArray(), millis(started));
  }

  private static long parseLength(String value) throws NotHttp {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new NotHttp("a Content-Length that is not a number: " + value);
    }
  }

  private static long chunkSize(String line) throws NotHttp {
    try {
      return Long.parseLong(line.split(";")[0].trim(), 16);
    } catch (NumberFormatException e) {
      throw new NotHttp("a chunk size that is not hexadecimal: " + abbreviate(line));
    }
  }

  private static byte[] exactly(InputStream in, long n) throws IOException {
    if (n > 16 * 1024 * 1024) {
      throw new NotHttp("an answer body of " + n + " bytes");
    }
    byte[] b = in.readNBytes((int) n);
    if (b.length < n) {
      throw new NotHttp("the answer ended after " + b.length + " of " + n + " body bytes");
    }
    return b;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new NotHttp("the answer ended in the middle of a line: " + abbreviate(out.toString(StandardCharsets.ISO_8859_1)));
      }
      if (c != '\r') {
        out.write(c);
      }
      if (out.size() > 64 * 1024) {
        throw new NotHttp("an answer line over 64 KiB");
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static String abbreviate(String s) {
    String printable = s.replaceAll("[\\x00-\\x1f\\x7f-\\xff]", "?");
    return printable.length() <= 120 ? printable : printable.substring(0, 120) + "…";
  }

  private static long millis(long started) {
    return (System.nanoTime() - started) / 1_000_000L;
  }

  /** The bytes that came back are not an HTTP/1.x answer we can follow. */
  static final class NotHttp extends IOException {
    NotHttp(String message) {
      super(message);
    }
  }
}
