package io.tmkit.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.SessionStore.Stored;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's rows: what a create's row holds and gives back, the migration of a directory
 * that version 1 of the schema wrote, and the invariants checked when a directory is opened (the table
 * has no unique keys since version 2).
 */
class StoreSchemaTest {
  private static final String ACCOUNT = "2000000001";
  private static final SqliteSessionStore.Sync SYNC = SqliteSessionStore.Sync.NORMAL;

  @TempDir
  Path data;

  private static TrafficMirrorSession session(String id, int priority, String token, List<Tag> tags) {
    return new TrafficMirrorSession(id, "name-" + id, "desc", "eni-1", "tmt-1", "tmf-1", priority, 7, 1500, "default",
        tags, TrafficMirrorSession.CREATING, 1_700_000_000_000L + priority, token);
  }

  /** The request as sent: no name, no description, no VirtualNetworkId; a tag without a value. */
  private static CreateSessionRequest sent(int priority, List<Tag> tags) {
    return new CreateSessionRequest(null, null, "eni-1", "tmt-1", priority, null, 1500, "tmf-1", "default", tags, null);
  }

  private void save(Stored... rows) {
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SYNC)) {
      for (Stored row : rows) {
        store.save(0, row).join();
      }
    }
  }

  @Test
  void aCreatesRowGivesBackItsSessionAndTheRequestItsTokenIsComparedWith() {
    List<Tag> tags = List.of(new Tag("k1", "v1"), new Tag("k2", null));
    Stored withToken = new Stored(ACCOUNT, session("tms-a", 1, "token-a", tags), sent(1, tags));
    CreateSessionRequest named = new CreateSessionRequest("n", "d", "eni-1", "tmt-1", 2, 0, 9000, "tmf-1", "p",
        List.of(), null);
    Stored explicit = new Stored(ACCOUNT, session("tms-b", 2, "token-b", List.of()), named);
    Stored withoutToken = new Stored(ACCOUNT, session("tms-c", 3, null, List.of()), null);
    save(withToken, explicit, withoutToken);
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SYNC)) {
      assertEquals(List.of(withToken, explicit, withoutToken), store.restore());
      assertEquals(List.of(), store.restore(), "handed out once");
    }
  }

  @Test
  void aDirectoryOfSchemaVersion1IsMigratedWithEverySessionAndToken() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteSessionStore.DATABASE));
        Statement st = db.createStatement()) {
      for (String sql : Schema.MIGRATIONS.get(0)) {
        st.execute(sql);
      }
      st.execute("PRAGMA user_version = 1");
      // Rows as version 1 wrote them: a session with its token row, and one without a token.
      st.execute("""
          INSERT INTO traffic_mirror_session VALUES ('2000000001', 'tms-a', 'name-tms-a', 'desc', 'eni-1', 'tmt-1',
            'tmf-1', 1, 7, 1500, 'default', '[["k1","v1"],["k2",null]]', 'token-a', 1700000000001)""");
      st.execute("""
          INSERT INTO client_token VALUES ('2000000001', 'token-a', 'tms-a', NULL, NULL, 'eni-1', 'tmt-1', 'tmf-1', 1,
            NULL, 1500, 'default', '[["k1","v1"],["k2",null]]')""");
      st.execute("""
          INSERT INTO traffic_mirror_session VALUES ('2000000001', 'tms-c', 'name-tms-c', 'desc', 'eni-1', 'tmt-1',
            'tmf-1', 3, 7, 1500, 'default', '[]', NULL, 1700000000003)""");
    }
    List<Tag> tags = List.of(new Tag("k1", "v1"), new Tag("k2", null));
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SYNC)) {
      assertEquals(1, store.foundVersion());
      assertEquals(List.of(new Stored(ACCOUNT, session("tms-a", 1, "token-a", tags), sent(1, tags)),
          new Stored(ACCOUNT, session("tms-c", 3, null, List.of()), null)), store.restore());
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteSessionStore.DATABASE));
        Statement st = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertEquals(List.of("created_session"), tables, "version 1's tables are gone");
      try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        assertEquals(Schema.current(), rs.getInt(1));
      }
    }
  }

  @Test
  void rowsThatBreakAnInvariantAreRefusedWhenTheDirectoryIsOpened() {
    save(new Stored(ACCOUNT, session("tms-a", 1, null, List.of()), null),
        new Stored(ACCOUNT, session("tms-b", 1, null, List.of()), null));
    IllegalArgumentException priority = assertThrows(IllegalArgumentException.class, () -> SqliteSessionStore.open(data, SYNC));
    assertEquals("data directory " + data + " holds two sessions of account 2000000001 with priority 1 (tms-a and tms-b);"
        + " the server never writes that: was tmkit.db changed from outside?", priority.getMessage());
    // The refused open released the directory: the next one is refused for the same reason, not as "in use".
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> SqliteSessionStore.open(data, SYNC));
    assertEquals(priority.getMessage(), again.getMessage());
  }

  @Test
  void aClientTokenOrAnIdTwiceInOneAccountIsRefusedAndInTwoAccountsIsNot() {
    CreateSessionRequest r = sent(1, List.of());
    save(new Stored(ACCOUNT, session("tms-a", 1, "token", List.of()), r),
        new Stored("2000000002", session("tms-a", 1, "token", List.of()), r));
    try (SqliteSessionStore store = SqliteSessionStore.open(data, SYNC)) {
      assertEquals(2, store.restore().size(), "IDs, priorities and tokens are scoped to their account");
    }
    save(new Stored(ACCOUNT, session("tms-b", 2, "token", List.of()), sent(2, List.of())));
    IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () -> SqliteSessionStore.open(data, SYNC));
    assertEquals("data directory " + data + " holds two sessions of account 2000000001 with ClientToken token"
        + " (tms-a and tms-b); the server never writes that: was tmkit.db changed from outside?", token.getMessage());
  }

  @Test
  void anIdTwiceIsRefused() throws Exception {
    save(new Stored(ACCOUNT, session("tms-a", 1, null, List.of()), null));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteSessionStore.DATABASE));
        Statement st = db.createStatement()) {
      st.execute("INSERT INTO created_session (account_id, traffic_mirror_session_id, traffic_mirror_session_name,"
          + " description, network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,"
          + " virtual_network_id, packet_length, project_name, tags, created_at_ms)"
          + " SELECT account_id, traffic_mirror_session_id, traffic_mirror_session_name, description,"
          + " network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, 2, virtual_network_id,"
          + " packet_length, project_name, tags, created_at_ms FROM created_session");
    }
    IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> SqliteSessionStore.open(data, SYNC));
    assertEquals("data directory " + data + " holds two sessions of account 2000000001 with ID tms-a;"
        + " the server never writes that: was tmkit.db changed from outside?", id.getMessage());
  }
}
