package io.tmkit.server;

import io.tmkit.contract.Contract;
import io.tmkit.server.store.SqliteSessionStore;
import java.io.PrintStream;
import java.nio.file.Path;

/** How to start a {@link ReferenceServer}. Defaults: 127.0.0.1:8080, demo world and credentials, auth on, no admin endpoint, no request log. */
public final class ServerOptions {
  private final int port;
  private final String host;
  private final WorldSource world;
  private final CredentialsSource credentials;
  private final boolean auth;
  private final String adminToken;
  private final PrintStream requestLog;
  private final long bodyDeadlineMs;
  private final long headDeadlineMs;
  private final Path data;
  private final SqliteSessionStore.Sync dataSync;

  private ServerOptions(Builder b) {
    this.data = b.data;
    this.dataSync = b.dataSync;
    this.port = b.port;
    this.host = b.host;
    this.world = b.world;
    this.credentials = b.credentials;
    this.auth = b.auth;
    this.adminToken = b.adminToken;
    this.requestLog = b.requestLog;
    this.bodyDeadlineMs = b.bodyDeadlineMs;
    this.headDeadlineMs = b.headDeadlineMs;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  public WorldSource world() {
    return world;
  }

  public CredentialsSource credentials() {
    return credentials;
  }

  public boolean auth() {
    return auth;
  }

  public String adminToken() {
    return adminToken;
  }

  public PrintStream requestLog() {
    return requestLog;
  }

  /** How long a request's body may take to arrive after its head (then: the 400 envelope, connection closed). */
  public long bodyDeadlineMs() {
    return bodyDeadlineMs;
  }

  /** How long a request's head may take to arrive after its first byte (then: the connection is closed). */
  public long headDeadlineMs() {
    return headDeadlineMs;
  }

  /** The data directory (SQLite) that keeps sessions and ClientTokens across restarts; null: in memory only. */
  public Path data() {
    return data;
  }

  /** SQLite's {@code synchronous} setting for {@link #data()}. */
  public SqliteSessionStore.Sync dataSync() {
    return dataSync;
  }

  public static final class Builder {
    /** The contract's {@code x-limits.bodyDeadlineSeconds}. */
    public static final long DEFAULT_BODY_DEADLINE_MS = Contract.bundled().limits().bodyDeadlineSeconds() * 1000L;
    /** The contract's {@code x-limits.headDeadlineSeconds}. */
    public static final long DEFAULT_HEAD_DEADLINE_MS = Contract.bundled().limits().headDeadlineSeconds() * 1000L;
    private int port = 8080;
    private String host = "127.0.0.1";
    private WorldSource world = WorldSource.demo();
    private CredentialsSource credentials = CredentialsSource.demo();
    private boolean auth = true;
    private String adminToken;
    private PrintStream requestLog;
    private long bodyDeadlineMs = DEFAULT_BODY_DEADLINE_MS;
    private long headDeadlineMs = DEFAULT_HEAD_DEADLINE_MS;
    private Path data;
    private SqliteSessionStore.Sync dataSync = SqliteSessionStore.Sync.NORMAL;

    private Builder() {}

    /** Keep sessions and ClientTokens in this directory (created if absent); null: in memory only. */
    public Builder data(Path data) {
      this.data = data;
      return this;
    }

    public Builder dataSync(SqliteSessionStore.Sync dataSync) {
      this.dataSync = dataSync;
      return this;
    }

    /** Shorter than the default only for tests that wait for it. */
    public Builder headDeadlineMs(long headDeadlineMs) {
      this.headDeadlineMs = headDeadlineMs;
      return this;
    }

    /** Shorter than the default only for tests that wait for it. */
    public Builder bodyDeadlineMs(long bodyDeadlineMs) {
      this.bodyDeadlineMs = bodyDeadlineMs;
      return this;
    }

    /** 0 picks a free ephemeral port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder world(WorldSource world) {
      this.world = world;
      return this;
    }

    public Builder credentials(CredentialsSource credentials) {
      this.credentials = credentials;
      return this;
    }

    /** false: signatures are not checked (the account is the one of a parseable Authorization header's key, else the first). */
    public Builder auth(boolean auth) {
      this.auth = auth;
      return this;
    }

    /** Non-null enables the HTTP admin endpoint under /_admin, guarded by this token. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    /** Where to write one line per request (null: nowhere). */
    public Builder requestLog(PrintStream requestLog) {
      this.requestLog = requestLog;
      return this;
    }

    public ServerOptions build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      if (bodyDeadlineMs <= 0 || headDeadlineMs <= 0) {
        throw new IllegalArgumentException("the head and body deadlines must be positive");
      }
      return new ServerOptions(this);
    }
  }
}
