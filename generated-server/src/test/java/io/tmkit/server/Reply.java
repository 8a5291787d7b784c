package io.tmkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP answer as the tests look at it: status, content type, raw body, and the JSON envelope if it is one. */
record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The one value of a header (names compared without case), or null when the answer has none. */
  String header(String name) {
    List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream()).toList();
    if (values.size() > 1) {
      throw new AssertionError(name.toLowerCase(Locale.ROOT) + " given " + values.size() + " times: " + values);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + status + "): " + body, e);
    }
  }

  JsonNode metadata() {
    return json().path("ResponseMetadata");
  }

  String code() {
    return metadata().path("Error").path("Code").asText(null);
  }

  String message() {
    return metadata().path("Error").path("Message").asText(null);
  }

  String requestId() {
    return metadata().path("RequestId").asText(null);
  }

  String sessionId() {
    return json().path("Result").path("TrafficMirrorSessionId").asText(null);
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
