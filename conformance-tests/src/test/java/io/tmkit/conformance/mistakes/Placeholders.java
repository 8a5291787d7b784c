package io.tmkit.conformance.mistakes;

import io.tmkit.server.store.SqliteSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${…}} placeholders of the rows' args and env values, and what stands behind them for the
 * whole run: a loopback port held bound ({@code busyPort}), a port with nothing listening
 * ({@code closedPort}), and a reference server started once from its jar when a row first names it
 * ({@code serverUrl}, {@code adminToken}). Per row: a fresh temp dir ({@code tmp}), a path in it that
 * does not exist ({@code missing}), a file of {@code user-mistakes/files/} copied into it ({@code file:NAME}),
 * and a data directory in it ({@code data:NAME.sql}): created by the server's own store, so with the
 * schema it has today, then changed by the statements of that file of {@code user-mistakes/files/}.
 * An unknown placeholder is an error of the row, not text passed on.
 */
final class Placeholders implements AutoCloseable {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Pattern READY = Pattern.compile("listening on (http://\\S+/)");

  private final Path files;
  private final String adminToken = "mistakes-" + UUID.randomUUID();
  private ServerSocket busy;
  private Integer closedPort;
  private Process server;
  private String serverUrl;

  Placeholders(Path files) {
    this.files = files;
  }

  /**
   * The value with every placeholder replaced; {@code tmp} is this row's own fresh directory.
   * Synchronized: rows run on several threads and the shared port, socket and server are made lazily.
   */
  synchronized String expand(String value, Path tmp) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(valueOf(m.group(1), tmp)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String valueOf(String name, Path tmp) {
    try {
      if (name.startsWith("file:")) {
        Path source = file(name, "file:");
        return Files.copy(source, tmp.resolve(source.getFileName())).toString();
      }
      if (name.startsWith("data:")) {
        return dataDirectory(file(name, "data:"), tmp).toString();
      }
      return switch (name) {
        case "tmp" -> tmp.toString();
        case "missing" -> tmp.resolve("missing-" + UUID.randomUUID()).toString();
        case "busyPort" -> String.valueOf(busyPort());
        case "closedPort" -> String.valueOf(closedPort());
        case "serverUrl" -> serverUrl();
        case "adminToken" -> adminToken;
        default -> throw new IllegalArgumentException("unknown placeholder ${" + name + "}");
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String name, String prefix) {
    Path source = files.resolve(name.substring(prefix.length())).normalize();
    if (!source.startsWith(files) || !Files.isRegularFile(source)) {
      throw new IllegalArgumentException("${" + name + "}: no such file in " + files);
    }
    return source;
  }

  /** A data directory as the server leaves it, then {@code sql}'s statements (one per ';'-ended line) run on its database. */
  private static Path dataDirectory(Path sql, Path tmp) throws IOException {
    Path dir = tmp.resolve("data");
    SqliteSessionStore.open(dir, SqliteSessionStore.Sync.NORMAL).close();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tmkit.db"));
        Statement st = db.createStatement()) {
      for (String statement : Files.readString(sql, StandardCharsets.UTF_8).split(";\\s*\\n")) {
        String text = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
        if (!text.isEmpty()) {
          st.execute(text);
        }
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(sql.getFileName() + ": " + e.getMessage(), e);
    }
    return dir;
  }

  private int busyPort() throws IOException {
    if (busy == null) {
      busy = new ServerSocket(0, 50, LOOPBACK);
    }
    return busy.getLocalPort();
  }

  /** A port that was free a moment ago, bound and released at once: nothing listens there. */
  private int closedPort() throws IOException {
    if (closedPort == null) {
      try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
        closedPort = s.getLocalPort();
      }
    }
    return closedPort;
  }

  /** Starts the reference server's jar once ({@code --port 0 --admin-token T --quiet}) and reads its address. */
  private String serverUrl() throws IOException {
    if (serverUrl != null) {
      return serverUrl;
    }
    Path log = Files.createTempFile("user-mistakes-server", ".log");
    log.toFile().deleteOnExit();
    server = new ProcessBuilder(Tools.command("server", List.of("--port", "0", "--admin-token", adminToken, "--quiet")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (ready.find()) {
        serverUrl = ready.group(1);
        return serverUrl;
      }
      if (!server.isAlive()) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("the reference server did not start: " + Files.readString(log, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    if (busy != null) {
      busy.close();
    }
    if (server != null) {
      server.destroy();
      try {
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
