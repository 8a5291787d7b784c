package io.tmkit.conformance.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 12's "no command, given a wrong flag or file, prints a stack trace": every row of
 * {@code src/test/resources/user-mistakes/<tool>.yaml} runs its tool's jar ({@code java -jar}, 30 s at
 * most) and fails on a stack trace, another exit code, a missing line, or more lines than it allows.
 * Run by failsafe in conformance-tests' integration-test phase, once the three jars exist.
 */
class UserMistakesIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Path DIR = Path.of(System.getProperty("tmkit.userMistakes", "src/test/resources/user-mistakes"))
      .toAbsolutePath().normalize();
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();
  private static Placeholders placeholders;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3, r -> {
    Thread t = new Thread(r, "user-mistake");
    t.setDaemon(true);
    return t;
  });

  @BeforeAll
  static void start() {
    placeholders = new Placeholders(DIR.resolve("files"));
  }

  @AfterAll
  static void stop() throws IOException {
    POOL.shutdownNow();
    placeholders.close();
    // The plain closing line CI reads, besides failsafe's own.
    System.out.printf("user mistakes: %d passed, %d failed%n", PASSED.get(), FAILED.get());
  }

  static Map<Path, MistakeFile> files() throws IOException {
    Map<Path, MistakeFile> files = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(DIR)) {
      for (Path file : list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
        files.put(file, MistakeFile.read(file));
      }
    }
    return files;
  }

  /** A suite of no rows would pass while checking nothing: each file must hold rows, and some file must exist. */
  @Test
  void everyFileHoldsMistakes() throws IOException {
    Map<Path, MistakeFile> files = files();
    assertTrue(!files.isEmpty(), "no user-mistakes files in " + DIR);
    List<String> empty = files.entrySet().stream().filter(e -> e.getValue().mistakes().isEmpty())
        .map(e -> e.getKey().getFileName().toString()).toList();
    assertEquals(List.of(), empty, "files with zero mistakes");
    assertTrue(files.containsKey(DIR.resolve("server.yaml")), "server.yaml is missing from " + DIR);
  }

  /**
   * Every row's command is started at once on a small pool (each is a JVM start, about a second of
   * CPU, so three at a time keep two cores busy); each dynamic test then waits for its own row and judges it.
   */
  @TestFactory
  Stream<DynamicContainer> everyMistakeGetsOneClearLine() throws IOException {
    List<DynamicContainer> tools = new ArrayList<>();
    files().forEach((file, mistakes) -> {
      List<DynamicTest> rows = new ArrayList<>();
      for (MistakeFile.Mistake m : mistakes.mistakes()) {
        Future<Ran> ran = POOL.submit(() -> run(mistakes.tool(), m));
        rows.add(DynamicTest.dynamicTest(m.name() + ": " + m.why(), () -> check(mistakes.tool(), m, ran.get())));
      }
      tools.add(DynamicContainer.dynamicContainer(mistakes.tool(), rows));
    });
    return tools.stream();
  }

  /** One row's command as run: the arguments after expansion, and what the tool did. */
  private record Ran(List<String> args, ToolRun run) {}

  private static Ran run(String tool, MistakeFile.Mistake mistake) throws Exception {
    Path tmp = Files.createTempDirectory("user-mistake-" + mistake.name());
    try {
      List<String> args = mistake.args().stream().map(a -> placeholders.expand(a, tmp)).toList();
      Map<String, String> env = mistake.env().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> placeholders.expand(e.getValue(), tmp)));
      return new Ran(args, ToolRun.of(Tools.command(tool, args), env, mistake.stdin(), tmp, TIMEOUT));
    } finally {
      deleteTree(tmp);
    }
  }

  private static void check(String tool, MistakeFile.Mistake mistake, Ran ran) {
    List<String> args = ran.args();
    ToolRun run = ran.run();
    List<String> problems = Verdicts.problems(mistake, run);
    if (problems.isEmpty()) {
      PASSED.incrementAndGet();
      return;
    }
    FAILED.incrementAndGet();
    fail(tool + "/" + mistake.name() + ": " + tool + " " + String.join(" ", args) + ": " + String.join("; ", problems)
        + "\n--- stderr (" + run.millis() + " ms) ---\n" + head(run.stderr()) + "\n--- stdout ---\n" + head(run.stdout()));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String head(String text) {
    return text.lines().limit(20).collect(Collectors.joining("\n"));
  }
}
