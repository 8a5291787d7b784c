package io.tmkit.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tmkit.server.domain.CreateSessionRequest;
import io.tmkit.server.domain.SessionStore;
import io.tmkit.server.domain.Tag;
import io.tmkit.server.domain.TrafficMirrorSession;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * one thread. Creates that arrive while a commit runs wait in a queue and go into the next
 * transaction together (group commit); each create's future, and so its answer, completes only once
 * the transaction that holds it has committed. A batch that fails is retried one create per
 * transaction, so that one bad row fails only its own request.
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
  private final PreparedStatement insertSession;
  private final PreparedStatement insertToken;
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
        st.execute("PRAGMA foreign_keys = ON");
        // Checkpoints (WAL back into the database file, with an fsync of each under NORMAL too) every
        // 10 000 pages instead of SQLite's 1 000: a page that many commits rewrote is copied once.
        st.execute("PRAGMA wal_autocheckpoint = 10000");
        // 64 MiB of page cache (SQLite's default is 2 MiB): the indexes of a few hundred thousand
        // sessions stay in memory, so an insert reads no page back from the file.
        st.execute("PRAGMA cache_size = -65536");
      }
      this.foundVersion = Schema.migrate(db, where);
      this.insertSession = db.prepareStatement("""
          INSERT INTO traffic_mirror_session (account_id, traffic_mirror_session_id, traffic_mirror_session_name,
            description, network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,
            virtual_network_id, packet_length, project_name, tags, client_token, created_at_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
      this.insertToken = db.prepareStatement("""
          INSERT INTO client_token (account_id, client_token, traffic_mirror_session_id, traffic_mirror_session_name,
            description, network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority,
            virtual_network_id, packet_length, project_name, tags)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
      db.setAutoCommit(false);
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

  @Override
  public List<Stored> restore() {
    List<Stored> out = new ArrayList<>();
    String sql = """
        SELECT s.account_id, s.traffic_mirror_session_id, s.traffic_mirror_session_name, s.description,
          s.network_interface_id, s.traffic_mirror_target_id, s.traffic_mirror_filter_id, s.priority,
          s.virtual_network_id, s.packet_length, s.project_name, s.tags, s.client_token, s.created_at_ms,
          t.client_token, t.traffic_mirror_session_name, t.description, t.network_interface_id,
          t.traffic_mirror_target_id, t.traffic_mirror_filter_id, t.priority, t.virtual_network_id,
          t.packet_length, t.project_name, t.tags
        FROM traffic_mirror_session s
        LEFT JOIN client_token t ON t.account_id = s.account_id AND t.traffic_mirror_session_id = s.traffic_mirror_session_id
        ORDER BY s.rowid""";
    synchronized (db) {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          TrafficMirrorSession session = new TrafficMirrorSession(rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
              rs.getString(11), tags(rs.getString(12)), TrafficMirrorSession.CREATING, rs.getLong(14), rs.getString(13));
          CreateSessionRequest request = null;
          if (rs.getString(15) != null) {
            int vni = rs.getInt(22);
            Integer virtualNetworkId = rs.wasNull() ? null : vni;
            request = new CreateSessionRequest(rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                rs.getInt(21), virtualNetworkId, rs.getInt(23), rs.getString(20), rs.getString(24), tags(rs.getString(25)),
                null);
          }
          out.add(new Stored(rs.getString(1), session, request));
        }
        db.commit();
      } catch (SQLException e) {
        throw new IllegalArgumentException("cannot read the SQLite database of data directory " + directory, e);
      }
    }
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
        st.executeUpdate("DELETE FROM client_token");
        st.executeUpdate("DELETE FROM traffic_mirror_session");
      }
      clearedGeneration = Math.max(clearedGeneration, clear.generation());
    }
  }

  private void insert(Stored created) throws SQLException {
    TrafficMirrorSession s = created.session();
    insertSession.setString(1, created.accountId());
    insertSession.setString(2, s.trafficMirrorSessionId());
    insertSession.setString(3, s.trafficMirrorSessionName());
    insertSession.setString(4, s.description());
    insertSession.setString(5, s.networkInterfaceId());
    insertSession.setString(6, s.trafficMirrorTargetId());
    insertSession.setString(7, s.trafficMirrorFilterId());
    insertSession.setInt(8, s.priority());
    insertSession.setInt(9, s.virtualNetworkId());
    insertSession.setInt(10, s.packetLength());
    insertSession.setString(11, s.projectName());
    insertSession.setString(12, json(s.tags()));
    insertSession.setString(13, s.clientToken());
    insertSession.setLong(14, s.createdAtMillis());
    insertSession.executeUpdate();
    CreateSessionRequest r = created.request();
    if (r == null || s.clientToken() == null) {
      return;
    }
    insertToken.setString(1, created.accountId());
    insertToken.setString(2, s.clientToken());
    insertToken.setString(3, s.trafficMirrorSessionId());
    insertToken.setString(4, r.trafficMirrorSessionName());
    insertToken.setString(5, r.description());
    insertToken.setString(6, r.networkInterfaceId());
    insertToken.setString(7, r.trafficMirrorTargetId());
    insertToken.setString(8, r.trafficMirrorFilterId());
    insertToken.setInt(9, r.priority());
    if (r.virtualNetworkId() == null) {
      insertToken.setNull(10, Types.INTEGER);
    } else {
      insertToken.setInt(10, r.virtualNetworkId());
    }
    insertToken.setInt(11, r.packetLength());
    insertToken.setString(12, r.projectName());
    insertToken.setString(13, json(r.tags()));
    insertToken.executeUpdate();
  }

  /** Tags as a JSON array of [key, value] pairs, in their order. */
  private static String json(List<Tag> tags) {
    if (tags.isEmpty()) {
      return "[]";
    }
    ArrayNode array = JSON.createArrayNode();
    for (Tag t : tags) {
      array.addArray().add(t.key()).add(t.value());
    }
    return array.toString();
  }

  private static List<Tag> tags(String json) {
    try {
      List<Tag> out = new ArrayList<>();
      for (JsonNode pair : JSON.readTree(json)) {
        out.add(new Tag(pair.get(0).asText(), pair.get(1).isNull() ? null : pair.get(1).asText()));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored session's tags are not JSON: " + json, e);
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
