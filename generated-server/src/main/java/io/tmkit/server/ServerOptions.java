package io.tmkit.server;

import java.io.PrintStream;

/** How to start a {@link ReferenceServer}. Defaults: 127.0.0.1:8080, demo world and credentials, auth on, no admin endpoint, no request log. */
public final class ServerOptions {
  private final int port;
  private final String host;
  private final WorldSource world;
  private final CredentialsSource credentials;
  private final boolean auth;
  private final String adminToken;
  private final PrintStream requestLog;

  private ServerOptions(Builder b) {
    this.port = b.port;
    this.host = b.host;
    this.world = b.world;
    this.credentials = b.credentials;
    this.auth = b.auth;
    this.adminToken = b.adminToken;
    this.requestLog = b.requestLog;
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

  public static final class Builder {
    private int port = 8080;
    private String host = "127.0.0.1";
    private WorldSource world = WorldSource.demo();
    private CredentialsSource credentials = CredentialsSource.demo();
    private boolean auth = true;
    private String adminToken;
    private PrintStream requestLog;

    private Builder() {}

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
      return new ServerOptions(this);
    }
  }
}
