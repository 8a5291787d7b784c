package io.tmkit.server;

import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.QueryPairs;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A client for the server under test: signed requests made with the contract's signer, and raw bytes. */
final class Api {
  static final Contract CONTRACT = Contract.bundled();
  static final VolcengineSigner SIGNER = new VolcengineSigner(CONTRACT.signing());
  static final String REGION = Demo.WORLD.region();
  static final String SERVICE = CONTRACT.signing().service();

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  Api(URI base) {
    this.base = base;
  }

  String host() {
    return base.getHost() + ":" + base.getPort();
  }

  /** A GET signed now, with the demo account's key. */
  Reply get(Params params) {
    return get(Demo.key("demo"), params);
  }

  Reply get(Credentials key, Params params) {
    return send("GET", params, signedHeaders(key, "GET", params.pairs(), new byte[0], Instant.now(), SERVICE), null);
  }

  /** The headers a correct client adds, signed at {@code when} for {@code service}. */
  Map<String, String> signedHeaders(Credentials key, String method, List<Map.Entry<String, String>> query,
      byte[] body, Instant when, String service) {
    Map<String, String> toSign = new LinkedHashMap<>();
    toSign.put("Host", host());
    Map<String, String> added = SIGNER.sign(new SigningRequest(method, "/", query, toSign, body), key, REGION, service, when);
    return new LinkedHashMap<>(added);
  }

  /** A request with exactly these headers (Host is HttpClient's own); body null for none. */
  Reply send(String method, Params params, Map<String, String> headers, byte[] body) {
    return sendRaw(method, QueryPairs.encode(params.pairs()), headers, body, null);
  }

  Reply sendRaw(String method, String rawQuery, Map<String, String> headers, byte[] body, String contentType) {
    URI uri = URI.create(base + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Bytes straight onto a socket, for what HttpClient refuses to send (raw non-ASCII, control characters). */
  Reply raw(byte[] requestLine) {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(requestLine);
      out.write((" HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int headEnd = text.indexOf("\r\n\r\n");
      String head = headEnd < 0 ? text : text.substring(0, headEnd);
      String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
      int status = Integer.parseInt(head.split(" ")[1]);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      head.lines().skip(1).filter(l -> l.indexOf(':') > 0).forEach(l -> headers
          .computeIfAbsent(l.substring(0, l.indexOf(':')).trim(), k -> new java.util.ArrayList<>())
          .add(l.substring(l.indexOf(':') + 1).trim()));
      Reply reply = new Reply(status, null, body, headers);
      return new Reply(status, reply.header("Content-Type"), body, headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
