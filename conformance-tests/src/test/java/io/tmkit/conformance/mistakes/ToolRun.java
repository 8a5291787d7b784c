package io.tmkit.conformance.mistakes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What one command did: its exit code (null when it did not end in time), standard output and error. */
record ToolRun(Integer exit, String stdout, String stderr, long millis) {

  boolean timedOut() {
    return exit == null;
  }

  /**
   * Runs a command in {@code dir} with the given additions to the environment and standard input
   * (closed at once when null), its output to files (no pipe to fill up), and kills it after the timeout.
   */
  static ToolRun of(List<String> command, Map<String, String> env, String stdin, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The tool may exit before reading its input; what it printed is what counts.
    }
    Integer exit;
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      exit = process.exitValue();
    } else {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      exit = null;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new ToolRun(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), millis);
  }
}
