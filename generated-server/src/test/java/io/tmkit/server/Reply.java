package io.tmkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** An HTTP answer as the tests look at it: status, content type, raw body, and the JSON envelope if it is one. */
record Reply(int status, String contentType, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

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
