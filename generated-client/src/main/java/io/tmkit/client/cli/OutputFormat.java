package io.tmkit.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.client.CreateTrafficMirrorSessionResult;
import io.tmkit.client.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --output json|table}: the Result (RequestId, TrafficMirrorSessionId, the names the response
 * carries) or, for {@code --dry-run}, the signed request (method, URL, headers, body). JSON is one line
 * for scripts; table is two aligned columns for people.
 */
enum OutputFormat {
  json, table;

  private static final ObjectMapper JSON = new ObjectMapper();

  String result(CreateTrafficMirrorSessionResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("RequestId", result.requestId());
    fields.put("TrafficMirrorSessionId", result.trafficMirrorSessionId());
    return this == json ? json(fields) : table(fields);
  }

  /** The signed request; {@code redactor} takes an STS token out of the headers (the CLI never prints a secret). */
  String request(SignedRequest request, Redactor redactor) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach((name, value) -> headers.put(name, redactor.apply(value)));
    String body = new String(request.body(), StandardCharsets.UTF_8);
    if (this == json) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("Method", request.method());
      fields.put("Url", request.uri().toString());
      fields.put("Headers", headers);
      fields.put("Body", body);
      return json(fields);
    }
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("Method", request.method());
    rows.put("Url", request.uri().toString());
    headers.forEach((name, value) -> rows.put("Header " + name, value));
    rows.put("Body", body.isEmpty() ? "(none)" : body);
    return table(rows);
  }

  private static String json(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String table(Map<String, Object> rows) {
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    rows.forEach((k, v) -> {
      if (out.length() > 0) {
        out.append(System.lineSeparator());
      }
      out.append(k).append(" ".repeat(width - k.length() + 2)).append(v);
    });
    return out.toString();
  }
}
