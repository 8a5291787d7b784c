package io.tmkit.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real HTTP server on loopback that answers from a script and records what arrived, for tests of
 * the client's own behaviour (wire encoding, retries) that do not need the reference server's world.
 */
final class LoopbackStub implements AutoCloseable {
  record Answer(int status, String body) {}

  record Arrival(String method, String rawQuery, Map<String, String> headers) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Arrival> arrivals = new ArrayList<>();

  LoopbackStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
      Answer answer;
      synchronized (this) {
        arrivals.add(new Arrival(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), headers));
        answer = script.isEmpty() ? new Answer(500, "{}") : script.poll();
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  synchronized LoopbackStub then(int status, String body) {
    script.add(new Answer(status, body));
    return this;
  }

  synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  static String success(String sessionId, String requestId) {
    return "{\"ResponseMetadata\":{\"RequestId\":\"" + requestId + "\",\"Action\":\"CreateTrafficMirrorSession\","
        + "\"Version\":\"2020-04-01\",\"Service\":\"vpc\",\"Region\":\"cn-beijing\"},"
        + "\"Result\":{\"RequestId\":\"" + requestId + "\",\"TrafficMirrorSessionId\":\"" + sessionId + "\"}}";
  }

  static String error(String code, String message, String requestId) {
    return "{\"ResponseMetadata\":{\"RequestId\":\"" + requestId + "\",\"Action\":\"CreateTrafficMirrorSession\","
        + "\"Version\":\"2020-04-01\",\"Service\":\"vpc\",\"Region\":\"cn-beijing\","
        + "\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"}}}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
