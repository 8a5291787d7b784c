package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A real server on loopback (ephemeral port, demo world, auth on, admin token) shared by one test class. */
abstract class ServerTest {
  static final Contract CONTRACT = Contract.bundled();
  static final String ADMIN_TOKEN = "test-admin-token";
  /** The contract's description: UTC yyyyMMddHHmmss and 20 upper-case hexadecimal digits. */
  static final Pattern REQUEST_ID = Pattern.compile("[0-9]{14}[0-9A-F]{20}");

  static ReferenceServer server;
  static Api api;

  @BeforeAll
  static void startServer() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).adminToken(ADMIN_TOKEN).build());
    api = new Api(server.baseUri());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void resetWorld() {
    server.admin().reset();
  }

  /** The reply is the row's envelope: status, JSON, code, exact message (placeholders filled with args), CodeN. */
  static void assertError(ErrorRow row, Reply reply, String... args) {
    assertEquals(row.status(), reply.status(), () -> "status of " + reply);
    assertEnvelope(reply);
    JsonNode error = reply.metadata().path("Error");
    assertEquals(row.code(), error.path("Code").asText(), () -> "code of " + reply);
    if (args.length > 0 || !row.isTemplate()) {
      assertEquals(row.format((Object[]) args), error.path("Message").asText(), () -> "message of " + reply);
    } else {
      assertTrue(row.matchesMessage(error.path("Message").asText()), () -> "message of " + reply);
    }
    if (row.codeN() != null) {
      assertEquals(row.codeN().intValue(), error.path("CodeN").asInt(), () -> "CodeN of " + reply);
    } else {
      assertTrue(error.path("CodeN").isMissingNode(), () -> "no CodeN expected in " + reply);
    }
    assertTrue(reply.json().path("Result").isMissingNode(), "an error has no Result");
  }

  /** Any documented envelope: JSON, ResponseMetadata with its five fields, a RequestId of the contract's form. */
  static void assertEnvelope(Reply reply) {
    assertEquals("application/json", reply.contentType(), () -> "content type of " + reply);
    JsonNode meta = reply.metadata();
    for (JsonNode field : CONTRACT.root().at("/components/schemas/ResponseMetadata/required")) {
      assertNotNull(meta.get(field.asText()), () -> field + " missing in " + reply);
    }
    assertTrue(REQUEST_ID.matcher(reply.requestId()).matches(), () -> "RequestId form in " + reply);
    assertEquals(CONTRACT.signing().service(), meta.path("Service").asText());
  }

  /** The reply is one documented error (any row of the catalog with this code and message). */
  static ErrorRow assertDocumentedError(Reply reply) {
    assertTrue(reply.status() >= 400 && reply.status() < 500, () -> "a 4xx answer expected: " + reply);
    assertEnvelope(reply);
    ErrorRow row = CONTRACT.errors().find(reply.code(), reply.message())
        .orElseThrow(() -> new AssertionError("undocumented error " + reply));
    assertEquals(row.status(), reply.status(), () -> "status of " + reply);
    return row;
  }
}
