package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What needs its own server: the body deadline, and credentials that cannot be used. */
class EdgeDeadlineTest {
  @Test
  void aBodyThatMissesItsDeadlineGetsTheEnvelopeAndTheConnectionCloses() {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder().port(0).bodyDeadlineMs(600).build())) {
      Wire.Exchange ex = Wire.send(server, "POST / HTTP/1.1\r\nHost: a\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nAction", 5_000);
      Wire.Answer a = ex.only();
      ServerTest.assertError(EdgeTest.NOT_HTTP, a.reply());
      assertTrue(ex.closed(), "closed after the answer");
      assertTrue(ex.millis() >= 500 && ex.millis() < 4_000, "answered after " + ex.millis() + " ms");
    }
  }

  @Test
  void aHeadThatMissesItsDeadlineClosesTheConnection() {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder().port(0).headDeadlineMs(600).build())) {
      // Before the head deadline such a connection stayed open for as long as the client held it.
      Wire.Exchange ex = Wire.send(server, "GET /?Action=CreateTrafficMirrorSession HTTP/1.1\r\nHost: a\r\nX-Pad: p", 5_000);
      assertTrue(ex.answers().isEmpty(), ex::toString);
      assertTrue(ex.closed(), "closed at the deadline");
      assertTrue(ex.millis() >= 500 && ex.millis() < 4_000, "closed after " + ex.millis() + " ms");
    }
  }

  @Test
  void theDeadlinesAreTheContracts() {
    io.tmkit.contract.Limits limits = io.tmkit.contract.Contract.bundled().limits();
    ServerOptions defaults = ServerOptions.builder().build();
    assertEquals(limits.headDeadlineSeconds() * 1000L, defaults.headDeadlineMs());
    assertEquals(limits.bodyDeadlineSeconds() * 1000L, defaults.bodyDeadlineMs());
    assertTrue(limits.headDeadlineSeconds() > 0 && limits.bodyDeadlineSeconds() > 0, limits::toString);
  }

  @Test
  void anEmptySecretIsRefusedAtStart() {
    String file = "{\"credentials\": [{\"accessKey\": \"AKLTx\", \"secretKey\": \"\", \"accountId\": \"2000000001\","
        + " \"allowedActions\": [\"*\"]}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReferenceServer.start(ServerOptions.builder().port(0).credentials(CredentialsSource.json(file)).build()).close());
    assertTrue(e.getMessage().contains("secretKey"), e.getMessage());
  }

  @Test
  void theCommandLineSaysSoInOneLineAndFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("creds.json");
    Files.writeString(file, "{\"credentials\": [{\"accessKey\": \"AKLTx\", \"secretKey\": \"\", \"accountId\": \"2000000001\"}]}");
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err, true))
        .execute("--port", "0", "--quiet", "--credentials", file.toString());
    assertNotEquals(0, code);
    String text = err.toString().strip();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains("secretKey"), text);
  }

  @Test
  void helpSaysTheStateIsInMemory() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter help = new StringWriter();
    assertEquals(0, Main.commandLine().setOut(new PrintWriter(help, true)).execute("--help"));
    assertTrue(help.toString().contains("in memory"), help::toString);
  }
}
