package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP admin endpoint exists only with a token and refuses requests without it. */
class AdminEndpointTest extends ServerTest {
  private static final Map<String, String> TOKEN = Map.of("X-Admin-Token", ADMIN_TOKEN);

  @Test
  void withoutTheTokenEveryAdminRequestIs401Json() {
    for (String[] call : new String[][] {{"GET", "world"}, {"PUT", "world"}, {"POST", "reset"}, {"GET", "sessions"}, {"POST", "faults"}}) {
      Reply none = admin(call[0], call[1], Map.of(), "{}");
      assertEquals(401, none.status(), call[1]);
      assertEquals("application/json", none.contentType());
      assertTrue(none.json().has("error"));
      assertEquals(401, admin(call[0], call[1], Map.of("X-Admin-Token", "wrong"), "{}").status());
      assertEquals(401, admin(call[0], call[1], Map.of("Authorization", "Bearer wrong"), "{}").status());
    }
  }

  @Test
  void listLoadResetAndFaults() {
    assertEquals(200, admin("GET", "world", Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null).status());
    String created = api.get(Params.valid()).sessionId();
    Reply sessions = admin("GET", "sessions?accountId=" + Demo.account("demo").accountId(), TOKEN, null);
    assertTrue(sessions.body().contains(created));
    assertEquals(200, admin("POST", "reset", TOKEN, null).status());
    assertTrue(!admin("GET", "sessions", TOKEN, null).body().contains(created), "reset drops created sessions");

    String fault = "{\"accountId\":\"" + Demo.account("demo").accountId() + "\",\"code\":\"InternalError\",\"phase\":\"beforeCreate\",\"times\":1}";
    assertEquals(200, admin("POST", "faults", TOKEN, fault).status());
    assertEquals(500, api.get(Params.valid()).status());
    assertEquals(200, api.get(Params.valid()).status());

    String tiny = "region: cn-shanghai\naccounts:\n  - accountId: '1'\n    projects: [default]\n";
    assertEquals(200, admin("PUT", "world", TOKEN, tiny).status());
    assertEquals("cn-shanghai", server.admin().world().region());
    Reply bad = admin("PUT", "world", TOKEN, "{\"region\":\"x\",\"accounts\":[{\"accountId\":\"1\",\"quotas\":{\"Nope\":1}}]}");
    assertEquals(400, bad.status(), bad::toString);
    assertEquals("cn-shanghai", server.admin().world().region(), "a refused world leaves the old one");
  }

  @Test
  void sessionsListTheClientTokenAsSent() {
    String token = "tok!'()*~+/=";
    String created = api.get(Params.valid().add("ClientToken", token)).sessionId();
    String untokened = api.get(Params.valid().set("Priority", "33")).sessionId();
    var listed = admin("GET", "sessions?accountId=" + Demo.account("demo").accountId(), TOKEN, null).json();
    int seen = 0;
    for (var s : listed) {
      String id = s.path("trafficMirrorSessionId").asText();
      if (id.equals(created)) {
        assertEquals(token, s.path("clientToken").asText());
        seen++;
      } else if (id.equals(untokened)) {
        assertTrue(s.path("clientToken").isNull(), s::toString);
        seen++;
      }
    }
    assertEquals(2, seen, listed::toString);
  }

  @Test
  void withoutAnAdminTokenThereIsNoAdminEndpoint() {
    try (ReferenceServer plain = ReferenceServer.start(ServerOptions.builder().port(0).build())) {
      Reply r = new Api(plain.baseUri()).sendRaw("GET", null, TOKEN, null, null);
      Reply admin = new Api(plain.baseUri().resolve("/_admin/world")).sendRaw("GET", null, TOKEN, null, null);
      assertEquals("MissingParameter", r.code());
      assertDocumentedError(admin);
    }
  }

  private Reply admin(String method, String path, Map<String, String> headers, String body) {
    return new Api(server.baseUri().resolve("/_admin/" + path))
        .sendRaw(method, null, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), body == null ? null : "application/json");
  }
}
