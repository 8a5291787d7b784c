package io.tmkit.conformance.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a {@link WireRequest} to one endpoint with the JDK's HTTP client. A query string that
 * {@link URI} refuses to carry (a bad percent escape is exactly what some cases send) goes over a
 * plain socket as HTTP/1.1 instead, byte for byte.
 */
public final class HttpTransport {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient client;

  public HttpTransport(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  public URI base() {
    return base;
  }

  public WireResponse send(WireRequest request) {
    long started = System.nanoTime();
    URI uri;
    try {
      uri = new URI(base.getScheme() + "://" + base.getRawAuthority() + request.pathAndQuery());
    } catch (URISyntaxException e) {
      return overSocket(request, started);
    }
    try {
      HttpResponse<byte[]> response = client.send(httpRequest(uri, request), HttpResponse.BodyHandlers.ofByteArray());
      return new WireResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body(), (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends without waiting (a request that must still be in process when the next one arrives). */
  public CompletableFuture<WireResponse> sendAsync(WireRequest request) {
    return CompletableFuture.supplyAsync(() -> send(request));
  }

  private static HttpRequest httpRequest(URI uri, WireRequest request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        b.header(h.getKey(), h.getValue());
      }
    }
    byte[] body = request.body();
    return b.method(request.method(), body.length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private WireResponse overSocket(WireRequest request, long started) {
    int port = base.getPort() < 0 ? 80 : base.getPort();
    try (Socket socket = new Socket(base.getHost(), port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      byte[] body = request.body();
      StringBuilder head = new StringBuilder()
          .append(request.method()).append(' ').append(request.pathAndQuery()).append(" HTTP/1.1\r\n")
          .append("Host: ").append(base.getRawAuthority()).append("\r\n")
          .append("Connection: close\r\n");
      request.headers().forEach((k, v) -> {
        if (!k.equalsIgnoreCase("Host")) {
          head.append(k).append(": ").append(v).append("\r\n");
        }
      });
      if (body.length > 0) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return readResponse(socket.getInputStream(), started);
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from " + base + ": " + e.getMessage(), e);
    }
  }

  /** A minimal HTTP/1.1 response reader: status line, headers, a body by Content-Length, chunks or close. */
  public static WireResponse readResponse(InputStream in, long started) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    String contentType = null;
    long length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-type" -> contentType = value;
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        default -> { }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes((int) length));
    } else {
      in.transferTo(body);
    }
    return new WireResponse(status, contentType, body.toByteArray(), (System.nanoTime() - started) / 1_000_000);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
