package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Most requests are answered on the I/O thread that read them; a request that may wait (a body that
 * arrives slowly, an account's processing delay) must not hold up the other connections of that thread.
 */
class RequestThreadsTest extends ServerTest {
  private static final String FORM = "Action=CreateTrafficMirrorSession&Version=2020-04-01";

  @ParameterizedTest
  @ValueSource(strings = {"POST", "GET"})
  void aBodyThatArrivesSlowlyHoldsUpNoOtherConnection(String method) throws IOException {
    List<Socket> slow = new ArrayList<>();
    try {
      // One half-sent body per I/O thread the server could have (connections are spread over them in turn).
      for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
        slow.add(startSlowBody(method));
      }
      for (int i = 0; i < 8; i++) {
        Reply r = api.raw(("GET /?" + FORM).getBytes(StandardCharsets.US_ASCII));
        ServerTest.assertDocumentedError(r);
      }
      for (Socket s : slow) {
        s.getOutputStream().write(FORM.substring(1).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Unsigned, so a documented 4xx in the envelope once the body is complete.
        assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
        assertTrue(answer.contains("\"ResponseMetadata\"") && answer.contains("\"Code\""), answer);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aRequestSleepingThroughItsProcessingDelayHoldsUpNoOtherConnection() throws Exception {
    assertEquals(200, api.get(Params.valid()).status(), "a warm client, so that the sleeping request leaves at once");
    CompletableFuture<Reply> sleeping = CompletableFuture.supplyAsync(
        () -> api.get(Demo.key("slow"), Demo.validFor("slow")));
    Thread.sleep(300);
    // New connections are spread over the I/O threads in turn, so some share the sleeping one's.
    for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
      ServerTest.assertDocumentedError(api.raw(("GET /?" + FORM).getBytes(StandardCharsets.US_ASCII)));
      assertFalse(sleeping.isDone(), "answered only after the sleeping request (1.5 s) finished");
    }
    assertEquals(200, sleeping.get().status());
  }

  /** A request with a form body whose headers and first byte of body are sent, the rest held back. */
  private Socket startSlowBody(String method) throws IOException {
    Socket s = new Socket(server.baseUri().getHost(), server.port());
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write((method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + FORM.length() + "\r\n\r\n"
        + FORM.charAt(0)).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }
}
