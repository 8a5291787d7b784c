package io.tmkit.interop.java;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The reference server's admin API (reset, faults, sessions), guarded by the admin token. */
final class Admin {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final String endpoint;
  private final String token;

  Admin(String endpoint, String token) {
    this.endpoint = endpoint.replaceFirst("/$", "");
    this.token = token;
  }

  void reset() {
    send("POST", "/_admin/reset", "");
  }

  void fault(String json) {
    send("POST", "/_admin/faults", json);
  }

  /** The sessions of an account, as the admin API lists them. */
  JsonArray sessions(String accountId) {
    JsonElement list = new JsonParser().parse(send("GET", "/_admin/sessions?accountId="
        + URLEncoder.encode(accountId, StandardCharsets.UTF_8), null));
    return list.getAsJsonArray();
  }

  private String send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path))
        .timeout(Duration.ofSeconds(30)).header("X-Admin-Token", token);
    b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("admin " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("admin " + method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
