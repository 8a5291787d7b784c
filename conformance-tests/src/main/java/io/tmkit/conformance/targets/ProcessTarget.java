package io.tmkit.conformance.targets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server as a separate process: {@code java -jar traffic-mirror-server.jar --port 0
 * --admin-token <random> --quiet}, its address read from the line it prints when it is ready, its
 * world reset through the HTTP admin endpoint. Stopped (destroyed, then waited for) on close.
 */
public final class ProcessTarget implements Target {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Process process;
  private final URI baseUri;
  private final WorldControl control;
  private final String token;

  private ProcessTarget(Process process, URI baseUri, String token) {
    this.process = process;
    this.baseUri = baseUri;
    this.token = token;
    this.control = new HttpWorldControl(baseUri, token);
  }

  /** The server's runnable jar ({@code generated-server/target/traffic-mirror-server.jar}). */
  public static ProcessTarget start(Path serverJar) {
    return launch(List.of("-jar", serverJar.toString()));
  }

  /** The server's {@code Main} from this JVM's class path, in a new JVM (for tests, before any jar exists). */
  public static ProcessTarget startFromClassPath() {
    return launch(List.of("-cp", System.getProperty("java.class.path"), "io.tmkit.server.Main"));
  }

  private static ProcessTarget launch(List<String> javaArgs) {
    String token = UUID.randomUUID().toString();
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    command.addAll(List.of("--port", "0", "--host", "127.0.0.1", "--admin-token", token, "--quiet"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> readAddress(process));
    try {
      return new ProcessTarget(process, ready.get(30, TimeUnit.SECONDS), token);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the server process did not report its address: " + e.getMessage(), e);
    }
  }

  /** Reads output until the ready line; keeps draining it afterwards so that the process never blocks. */
  private static URI readAddress(Process process) {
    BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Thread drain = new Thread(() -> {
            try {
              while (in.readLine() != null) {
                // discard
              }
            } catch (IOException ignored) {
              // the process ended
            }
          }, "server-output");
          drain.setDaemon(true);
          drain.start();
          return URI.create(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("the server process ended before it was ready");
  }

  /** The admin token it was started with (for a test that drives it as an endpoint with its admin API). */
  public String adminToken() {
    return token;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public String description() {
    return "reference server process (pid " + process.pid() + ") at " + baseUri;
  }

  @Override
  public Optional<WorldControl> control() {
    return Optional.of(control);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
