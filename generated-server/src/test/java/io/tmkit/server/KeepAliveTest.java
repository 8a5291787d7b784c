package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.ErrorRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A documented 400 or 500 answers a request the server has read whole, so the connection stays open
 * for the next request, as after any other answer (Grizzly alone would close it for the status); the
 * client's own {@code Connection: close} still ends it.
 */
class KeepAliveTest extends ServerTest {
  /** No Version: the envelope stage's 400 MissingParameter, before any signature is looked at. */
  private static final String NO_VERSION = "GET /?Action=CreateTrafficMirrorSession HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  @Test
  void aDocumentedBadRequestKeepsTheConnection() throws IOException {
    ErrorRow missing = CONTRACT.errors().only("MissingParameter");
    try (Socket s = new Socket(server.baseUri().getHost(), server.port())) {
      s.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        s.getOutputStream().write((NO_VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Answer a = Answer.read(s.getInputStream());
        assertEquals(missing.status(), a.status, a.head);
        assertTrue(a.body.contains("\"" + missing.code() + "\""), a.body);
        assertFalse(a.head.toLowerCase().contains("connection: close"), "request " + (i + 1) + ": " + a.head);
      }
    }
  }

  @Test
  void theClientsConnectionCloseStillEndsIt() throws IOException {
    try (Socket s = new Socket(server.baseUri().getHost(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write((NO_VERSION + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Answer a = Answer.read(s.getInputStream());
      assertEquals(400, a.status, a.head);
      assertTrue(a.head.toLowerCase().contains("connection: close"), a.head);
      assertEquals(-1, s.getInputStream().read(), "the server closes the connection after the answer");
    }
  }

  /** One answer read off the socket by its Content-Length. */
  private record Answer(int status, String head, String body) {
    static Answer read(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before the answer's head ended: " + head);
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.US_ASCII);
      int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
          .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst()
          .orElseThrow(() -> new IOException("no Content-Length in " + text));
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(text.split(" ")[1]), text, body);
    }
  }
}
