package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.signing.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An official SDK's presigning, run as a small program of that SDK's language (Go's SignUrl, Python's
 * sign_url): the requests go to its standard input as one JSON array, the presigned query strings come
 * back on standard output as one JSON array of strings, one per request. Shared by the Go and Python
 * presign tests, which differ only in how the program is started.
 */
final class PresignProgram {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PresignProgram() {}

  /** The query strings the program returns for {@code requests}, in order. */
  static List<String> signUrls(ProcessBuilder program, String name, List<ObjectNode> requests)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("presign-url", ".err");
    Process p = program.redirectError(err.toFile()).start();
    p.getOutputStream().write(JSON.writeValueAsBytes(requests));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + " did not finish");
    assertEquals(0, p.exitValue(), () -> name + " failed: " + read(err));
    List<String> urls = new ArrayList<>();
    for (JsonNode u : JSON.readTree(out)) {
      urls.add(u.asText());
    }
    assertEquals(requests.size(), urls.size());
    return urls;
  }

  /**
   * One request for the program: method, query pairs and the credential scope; the caller adds what
   * only its SDK takes (a fixed instant, a Host).
   */
  static ObjectNode request(Params p, Credentials key, String token) {
    ObjectNode r = JSON.createObjectNode();
    r.put("method", "GET");
    ArrayNode query = r.putArray("query");
    p.pairs().forEach(e -> query.addArray().add(e.getKey()).add(e.getValue()));
    r.put("accessKey", key.accessKey());
    r.put("secretKey", key.secretKey());
    r.put("region", Api.REGION);
    r.put("service", Api.SERVICE);
    if (token != null) {
      r.put("sessionToken", token);
    }
    return r;
  }

  /** A valid request with the characters presigning must encode alike: CJK, reserved and spaces. */
  static Params tagged(String priority) {
    return Params.valid().set("Priority", priority).set("Description", "镜像 会话, a=b-c。")
        .set("Tags.1.Key", "env").set("Tags.1.Value", "a+b @c/d");
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
