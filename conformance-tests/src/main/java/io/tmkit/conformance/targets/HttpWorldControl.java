package io.tmkit.conformance.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The reference server's HTTP admin endpoint ({@code /_admin}, guarded by {@code X-Admin-Token}):
 * reset, list sessions, arm faults. Available only on a server started with {@code --admin-token}.
 */
public final class HttpWorldControl implements WorldControl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI admin;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** The admin API of the reference server at {@code baseUri} ({@code baseUri}/_admin/). */
  public HttpWorldControl(URI baseUri, String token) {
    this(token, baseUri.resolve("/_admin/"));
  }

  private HttpWorldControl(String token, URI adminRoot) {
    this.admin = adminRoot;
    this.token = token;
  }

  /**
   * The admin API at {@code url}: a server's base URL (its {@code /_admin/} is meant) or the admin
   * API's own root ({@code http://HOST:PORT/_admin/}).
   */
  public static HttpWorldControl at(URI url, String token) {
    String path = url.getPath() == null ? "" : url.getPath();
    if (path.isEmpty() || path.equals("/")) {
      return new HttpWorldControl(url, token);
    }
    return new HttpWorldControl(token, path.endsWith("/") ? url : URI.create(url + "/"));
  }

  /** Where the admin API is, for messages. */
  public URI root() {
    return admin;
  }

  /**
   * Asks the admin API for its sessions and returns the status it answered (200: usable; 401: the
   * token is refused); throws {@link UncheckedIOException} when nothing answers.
   */
  public int check() {
    HttpRequest r = HttpRequest.newBuilder(admin.resolve("sessions")).timeout(Duration.ofSeconds(10))
        .header("X-Admin-Token", token).GET().build();
    try {
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void reset() {
    call("POST", "reset", new byte[0]);
  }

  @Override
  public int sessionCount(String accountId) {
    byte[] body = call("GET", "sessions?accountId=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8), null);
    try {
      return JSON.readTree(body).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void injectFault(String accountId, String code, String phase, int times) {
    try {
      call("POST", "faults", JSON.writeValueAsBytes(
          Map.of("accountId", accountId, "code", code, "phase", phase, "times", times)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] call(String method, String path, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(admin.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("X-Admin-Token", token);
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("admin " + method + " " + path + " answered " + r.statusCode() + ": "
            + new String(r.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
