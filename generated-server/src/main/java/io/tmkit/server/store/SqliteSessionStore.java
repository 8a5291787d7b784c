package io.tmkit.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.SessionStore;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorSession;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The {@code --data DIR} store: one SQLite database ({@code DIR/tmkit.db}) in WAL mode, written by
 * one thread, a row per create appended to one table ({@link Schema}: no key but the row number, so
 * that a commit writes little more than the table's last page; {@link StoredRows} checks the
 * invariants when the directory is opened). Creates that arrive while a commit runs wait in a queue
 * and go into the next transaction together (group commit); each create's future, and so its answer,
 * completes only once the transaction that holds it has committed. A batch that fails is retried one
 * create per transaction, so that one bad row fails only its own request.
 *
 * <p>{@code synchronous}: NORMAL by default, FULL on request ({@link Sync}). In WAL mode a commit
 * under NORMAL is written to the WAL before it returns and survives a crash of the process (kill -9)
 * but not necessarily of the operating system or a power loss; FULL also syncs the WAL to the disk
 * at every commit (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html).
 *
 * <p>A lock file keeps a second server off the same directory: two processes with their own
 * in-memory indexes over one database could each grant the same priority.
 */
public final class SqliteSessionStore implements SessionStore {
  static final String DATABASE = "tmkit.db";
  static final String LOCK = "tmkit.lock";
  /** At most this many creates in one transaction (a bound on one commit's latency). */
  static final int MAX_BATCH = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code synchronous} setting: what a committed create survives. */
  public enum Sync {
    /** A crash of the server process (kill -9); a power loss may take back the last commits. */
    NORMAL,
    /** Also a power loss or an operating-system crash: the WAL is synced at every commit. */
    FULL;

    /** NORMAL or FULL, in any case; anything else is a user's mistake. */
    public static Sync parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--data-sync must be NORMAL or FULL, not " + text);
      }
    }
  }

  private sealed interface Op permits Save, Clear, Stop {
    CompletableFuture<Void> done();
  }

  private record Save(long generation, Stored created, CompletableFuture<Void> done) implements Op {}

  private record Clear(long generation, CompletableFuture<Void> done) implements Op {}

  private record Stop(CompletableFuture<Void> done) implements Op {}

  private final Path directory;
  private final Sync sync;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Connection db;
  private final int foundVersion;
  private final PreparedStatement insert;
  /** What the directory held when opened, checked; handed out once by {@link #restore()}. */
  private List<Stored> found;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  /** Saves of an older generation than the last clear are dropped (their world was replaced). Writer thread only. */
  private long clearedGeneration;
  private volatile boolean closed;
  /** Transactions committed by the writer (a batch, or one create after a batch failed). */
  private volatile long transactions;

  private static String whyNotADirectory(Path directory, IOException e) {
    Path existing = directory;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      return existing.equals(directory) ? "it is a file" : existing + " is a file";
    }
    if (existing != null && !Files.isWritable(existing)) {
      return existing + " is not writable";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private SqliteSessionStore(Path directory, Sync sync) {
    this.directory = directory;
    this.sync = sync;
    String where = "data directory " + directory;
    try {
      Files.createDirectories(directory);
      this.lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      // The exception's own message is often only the path; say what the path was found to be.
      throw new IllegalArgumentException("cannot use " + where + ": " + whyNotADirectory(directory, e)
          + "; give a directory the server may create and write", e);
    }
    FileLock held;
    try {
      held = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      held = null; // a server of this same process holds it
    } catch (IOException e) {
      closeQuietly();
      throw new IllegalArgumentException("cannot lock " + where, e);
    }
    this.lock = held;
    if (lock == null) {
      closeQuietly();
      throw new IllegalArgumentException(where + " is in use by another server");
    }
    try {
      // Without it the driver runs "SELECT last_insert_rowid()" after every insert, for getGeneratedKeys.
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("jdbc.get_generated_keys", "false");
      this.db = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(DATABASE), properties);
      try (Statement st = db.createStatement()) {
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
            throw new SQLException("SQLite did not switch to WAL mode");
          }
        }
        st.execute("PRAGMA synchronous = " + sync.name());
        // Checkpoints (WAL back into the database file, with an fsync of each under NORMAL too) every
        // 10 000 pages instead of SQLite's 1 000: a page that many commits rewrote is copied once.
        st.execute("PRAGMA wal_autocheckpoint = 10000");
      }
      this.foundVersion = Schema.migrate(db, where);
      this.insert = db.prepareStatement("""
          INSERT INTO created_session (account_id, traffic_mirror_session_id, traffic_mirror_session_name,
            description, network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,
            virtual_network_id, packet_length, project_name, tags, client_token, created_at_ms, request)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
      db.setAutoCommit(false);
      this.found = StoredRows.check(readAll(where), where);
    } catch (SQLException e) {
      closeQuietly();
      throw new IllegalArgumentException("cannot open the SQLite database of " + where, e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.writer = new Thread(this::writeLoop, "tmkit-store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating and migrating as needed) the store in {@code directory}; a mistake is an IllegalArgumentException. */
  public static SqliteSessionStore open(Path directory, Sync sync) {
    return new SqliteSessionStore(directory, sync);
  }

  /** The schema version the database had when opened (0: new). */
  public int foundVersion() {
    return foundVersion;
  }

  /** How many transactions the writer has committed: fewer than the creates when they share commits. */
  public long transactions() {
    return transactions;
  }

  @Override
  public String describe() {
    return "SQLite in " + directory + " (WAL, synchronous=" + sync + ", schema version " + Schema.current() + ")";
  }

  /** Everything the directory held when the store was opened (once: the list is not kept after). */
  @Override
  public List<Stored> restore() {
    List<Stored> out = found == null ? List.of() : found;
    found = null;
    return out;
  }

  private List<Stored> readAll(String where) throws SQLException {
    List<Stored> out = new ArrayList<>();
    String sql = """
        SELECT account_id, traffic_mirror_session_id, traffic_mirror_session_name, description,
          network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,
          virtual_network_id, packet_length, project_name, tags, client_token, created_at_ms, request
        FROM created_session ORDER BY seq""";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        TrafficMirrorSession session = new TrafficMirrorSession(rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
            rs.getString(11), tags(rs.getString(12)), TrafficMirrorSession.CREATING, rs.getLong(14), rs.getString(13));
        String request = rs.getString(15);
        out.add(new Stored(rs.getString(1), session, request == null ? null : request(request)));
      }
    } catch (IllegalArgumentException notJson) {
      throw new IllegalArgumentException(where + ": " + notJson.getMessage(), notJson);
    }
    db.commit();
    return out;
  }

  @Override
  public CompletableFuture<Void> save(long generation, Stored created) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Save(generation, created, done));
    return done;
  }

  @Override
  public void clear(long generation) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Clear(generation, done));
    done.join();
  }

  @Override
  public void close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(new Stop(done));
    }
    done.join();
    closeQuietly();
  }

  /** Nothing is queued behind the Stop of {@link #close()}: it would wait for ever. */
  private void enqueue(Op op) {
    synchronized (queue) {
      if (!closed) {
        queue.add(op);
        return;
      }
    }
    op.done().completeExceptionally(new IllegalStateException("the store of " + directory + " is closed"));
  }

  private void writeLoop() {
    List<Op> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() ends the writer, after what is queued
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.stream().anyMatch(op -> op instanceof Stop);
      commit(batch);
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /** One transaction for the whole batch; if it fails, one per operation, so that only the bad one fails. */
  private void commit(List<Op> batch) {
    long generationBefore = clearedGeneration;
    try {
      synchronized (db) {
        for (Op op : batch) {
          apply(op);
        }
        db.commit();
      }
      transactions++;
      batch.forEach(op -> op.done().complete(null));
      return;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      clearedGeneration = generationBefore;
    }
    for (Op op : batch) {
      try {
        synchronized (db) {
          apply(op);
          db.commit();
        }
        transactions++;
        op.done().complete(null);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        op.done().completeExceptionally(e);
      }
    }
  }

  private void apply(Op op) throws SQLException {
    if (op instanceof Save save) {
      if (save.generation() >= clearedGeneration) {
        insert(save.created());
      }
    } else if (op instanceof Clear clear) {
      try (Statement st = db.createStatement()) {
        st.executeUpdate("DELETE FROM created_session");
      }
      clearedGeneration = Math.max(clearedGeneration, clear.generation());
    }
  }

  private void insert(Stored created) throws SQLException {
    TrafficMirrorSession s = created.session();
    insert.setString(1, created.accountId());
    insert.setString(2, s.trafficMirrorSessionId());
    insert.setString(3, s.trafficMirrorSessionName());
    insert.setString(4, s.description());
    insert.setString(5, s.networkInterfaceId());
    insert.setString(6, s.trafficMirrorTargetId());
    insert.setString(7, s.trafficMirrorFilterId());
    insert.setInt(8, s.priority());
    insert.setInt(9, s.virtualNetworkId());
    insert.setInt(10, s.packetLength());
    insert.setString(11, s.projectName());
    insert.setString(12, s.tags().isEmpty() ? "[]" : tagsJson(s.tags()).toString());
    insert.setString(13, s.clientToken());
    insert.setLong(14, s.createdAtMillis());
    CreateSessionRequest r = created.request();
    if (r == null || s.clientToken() == null) {
      insert.setNull(15, Types.VARCHAR);
    } else {
      insert.setString(15, requestJson(r));
    }
    insert.executeUpdate();
  }

  /** Tags as a JSON array of [key, value] pairs, in their order. */
  private static ArrayNode tagsJson(List<Tag> tags) {
    ArrayNode array = JSON.createArrayNode();
    for (Tag t : tags) {
      array.addArray().add(t.key()).add(t.value());
    }
    return array;
  }

  private static List<Tag> tags(String json) {
    return tags(parse(json, "tags"));
  }

  private static List<Tag> tags(JsonNode pairs) {
    List<Tag> out = new ArrayList<>();
    for (JsonNode pair : pairs) {
      out.add(new Tag(pair.get(0).asText(), pair.get(1).isNull() ? null : pair.get(1).asText()));
    }
    return out;
  }

  /**
   * The request a ClientToken's retries are compared with, as sent (absent values null), keyed by
   * the column names that version 1 of the schema gave it (migration 2 writes the same keys).
   */
  private static String requestJson(CreateSessionRequest r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("traffic_mirror_session_name", r.trafficMirrorSessionName());
    o.put("description", r.description());
    o.put("network_interface_id", r.networkInterfaceId());
    o.put("traffic_mirror_target_id", r.trafficMirrorTargetId());
    o.put("traffic_mirror_filter_id", r.trafficMirrorFilterId());
    o.put("priority", r.priority());
    o.put("virtual_network_id", r.virtualNetworkId());
    o.put("packet_length", r.packetLength());
    o.put("project_name", r.projectName());
    o.set("tags", tagsJson(r.tags()));
    return o.toString();
  }

  private static CreateSessionRequest request(String json) {
    JsonNode o = parse(json, "request");
    JsonNode vni = o.path("virtual_network_id");
    return new CreateSessionRequest(text(o, "traffic_mirror_session_name"), text(o, "description"),
        o.path("network_interface_id").asText(), o.path("traffic_mirror_target_id").asText(),
        o.path("priority").asInt(), vni.isNumber() ? vni.asInt() : null, o.path("packet_length").asInt(),
        o.path("traffic_mirror_filter_id").asText(), o.path("project_name").asText(), tags(o.path("tags")), null);
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.path(key);
    return v.isTextual() ? v.asText() : null;
  }

  private static JsonNode parse(String json, String what) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a stored session's " + what + " is not JSON: " + json, e);
    }
  }

  private void rollbackQuietly() {
    try {
      synchronized (db) {
        db.rollback();
      }
    } catch (SQLException ignored) {
      // the connection is gone; the next operation fails and says so
    }
  }

  private void closeQuietly() {
    try {
      if (db != null) {
        db.close();
      }
    } catch (SQLException | RuntimeException ignored) {
      // closing what was opened, after the real failure (if any) was reported
    }
    try {
      if (lock != null) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException | RuntimeException ignored) {
      // as above
    }
  }
}
