package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line's error paths that the user-mistakes suite cannot reach with input: a failure
 * that is no user's mistake is one line and exit 1, its trace only with --debug.
 */
class MainTest {
  @Test
  void anUnexpectedFailureIsOneLineAndExitOne() throws Exception {
    assertEquals(1, failure(new IllegalStateException("boom"), "--quiet").exit());
    String err = failure(new IllegalStateException("boom"), "--quiet").err();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("traffic-mirror-server: unexpected failure (java.lang.IllegalStateException: boom)"), err);
    assertFalse(err.contains("\tat "), err);
  }

  @Test
  void debugAddsTheStackTrace() throws Exception {
    String err = failure(new IllegalStateException("boom"), "--quiet", "--debug").err();
    assertTrue(err.contains("\tat io.tmkit.server.MainTest"), err);
  }

  @Test
  void aUsersMistakeIsExitTwo() throws Exception {
    Outcome o = failure(new IllegalArgumentException("world.yaml:1:1: wrong"), "--quiet");
    assertEquals(2, o.exit());
    assertEquals("traffic-mirror-server: world.yaml:1:1: wrong", o.err().strip());
  }

  private record Outcome(int exit, String err) {}

  private static Outcome failure(Exception e, String... args) throws Exception {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    int exit = cli.getExecutionExceptionHandler().handleExecutionException(e, cli, parsed);
    return new Outcome(exit, err.toString());
  }
}
