package io.tmkit.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The data directory's schema as a list of migrations: migration {@code i} takes a database from
 * version {@code i} to {@code i + 1}, and the version is SQLite's {@code PRAGMA user_version}
 * (0 in a new file), set in the same transaction as the migration's statements. A server only ever
 * appends to this list; a database of a newer version than the list knows is refused.
 */
final class Schema {
  static final List<List<String>> MIGRATIONS = List.of(
      // 1: the sessions created through the API and the ClientToken ledger. A session row holds the
      // values it was created with (defaults filled in); a token row holds the request as sent, which
      // is what a retry is compared with. The keys restate the invariants the in-memory index keeps.
      List.of("""
          CREATE TABLE traffic_mirror_session (
            account_id TEXT NOT NULL,
            traffic_mirror_session_id TEXT NOT NULL,
            traffic_mirror_session_name TEXT NOT NULL,
            description TEXT NOT NULL,
            network_interface_id TEXT NOT NULL,
            traffic_mirror_target_id TEXT NOT NULL,
            traffic_mirror_filter_id TEXT NOT NULL,
            priority INTEGER NOT NULL,
            virtual_network_id INTEGER NOT NULL,
            packet_length INTEGER NOT NULL,
            project_name TEXT NOT NULL,
            tags TEXT NOT NULL,
            client_token TEXT,
            created_at_ms INTEGER NOT NULL,
            PRIMARY KEY (account_id, traffic_mirror_session_id),
            UNIQUE (account_id, priority))""", """
          CREATE TABLE client_token (
            account_id TEXT NOT NULL,
            client_token TEXT NOT NULL,
            traffic_mirror_session_id TEXT NOT NULL,
            traffic_mirror_session_name TEXT,
            description TEXT,
            network_interface_id TEXT NOT NULL,
            traffic_mirror_target_id TEXT NOT NULL,
            traffic_mirror_filter_id TEXT NOT NULL,
            priority INTEGER NOT NULL,
            virtual_network_id INTEGER,
            packet_length INTEGER NOT NULL,
            project_name TEXT NOT NULL,
            tags TEXT NOT NULL,
            PRIMARY KEY (account_id, client_token),
            FOREIGN KEY (account_id, traffic_mirror_session_id)
              REFERENCES traffic_mirror_session (account_id, traffic_mirror_session_id) ON DELETE CASCADE)"""),
      // 2: one append-only table, a row per create in commit order, the token's request in the same row
      // (JSON, keyed by version 1's column names), and no key but the row number. The in-memory index
      // is what enforces the invariants (every create's checks run under its account's lock); version
      // 1's keys made each insert update up to four B-trees at scattered places, so every commit wrote
      // pages for each of its creates (measured under the benchmark's load: the writer's CPU per create
      // went from 39 to 15 µs without them). StoredRows checks the rows against the same invariants
      // when a directory is opened.
      List.of("""
          CREATE TABLE created_session (
            seq INTEGER PRIMARY KEY,
            account_id TEXT NOT NULL,
            traffic_mirror_session_id TEXT NOT NULL,
            traffic_mirror_session_name TEXT NOT NULL,
            description TEXT NOT NULL,
            network_interface_id TEXT NOT NULL,
            traffic_mirror_target_id TEXT NOT NULL,
            traffic_mirror_filter_id TEXT NOT NULL,
            priority INTEGER NOT NULL,
            virtual_network_id INTEGER NOT NULL,
            packet_length INTEGER NOT NULL,
            project_name TEXT NOT NULL,
            tags TEXT NOT NULL,
            client_token TEXT,
            created_at_ms INTEGER NOT NULL,
            request TEXT)""", """
          INSERT INTO created_session (seq, account_id, traffic_mirror_session_id, traffic_mirror_session_name,
            description, network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,
            virtual_network_id, packet_length, project_name, tags, client_token, created_at_ms, request)
          SELECT s.rowid, s.account_id, s.traffic_mirror_session_id, s.traffic_mirror_session_name, s.description,
            s.network_interface_id, s.traffic_mirror_target_id, s.traffic_mirror_filter_id, s.priority,
            s.virtual_network_id, s.packet_length, s.project_name, s.tags, s.client_token, s.created_at_ms,
            CASE WHEN t.client_token IS NULL THEN NULL ELSE json_object(
              'traffic_mirror_session_name', t.traffic_mirror_session_name, 'description', t.description,
              'network_interface_id', t.network_interface_id, 'traffic_mirror_target_id', t.traffic_mirror_target_id,
              'traffic_mirror_filter_id', t.traffic_mirror_filter_id, 'priority', t.priority,
              'virtual_network_id', t.virtual_network_id, 'packet_length', t.packet_length,
              'project_name', t.project_name, 'tags', json(t.tags)) END
          FROM traffic_mirror_session s
          LEFT JOIN client_token t
            ON t.account_id = s.account_id AND t.traffic_mirror_session_id = s.traffic_mirror_session_id
          ORDER BY s.rowid""",
          "DROP TABLE client_token",
          "DROP TABLE traffic_mirror_session"));

  private Schema() {}

  static int current() {
    return MIGRATIONS.size();
  }

  static int versionOf(Connection db) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Brings {@code db} to {@link #current()}; returns the version it had. */
  static int migrate(Connection db, String where) throws SQLException {
    int found = versionOf(db);
    if (found > current()) {
      throw new IllegalArgumentException(where + " has schema version " + found + "; this server knows versions up to "
          + current() + " (a newer server wrote it)");
    }
    for (int v = found; v < current(); v++) {
      db.setAutoCommit(false);
      try (Statement st = db.createStatement()) {
        for (String sql : MIGRATIONS.get(v)) {
          st.execute(sql);
        }
        st.execute("PRAGMA user_version = " + (v + 1));
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    }
    return found;
  }
}
