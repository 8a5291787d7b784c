package io.tmkit.client.cli;

import io.tmkit.contract.Contract;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar traffic-mirror-cli.jar create-traffic-mirror-session …}: the client on the command
 * line, in the style of the cloud CLIs. Exit codes: 0 success, 1 an error answer (from the server or
 * from client-side validation), 2 a usage error, 3 no answer at all, 4 an internal error (a bug).
 *
 * <p>A usage error prints one line saying what is wrong and one with a hint, never the whole help and
 * never a stack trace; a stack trace is printed only with {@code --debug}.
 */
@Command(name = "traffic-mirror-cli.jar",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = "Calls Volcengine VPC traffic-mirror actions, signed, validated against the contract.")
public final class TrafficMirrorCli implements Runnable {
  static final int EXIT_ERROR_ANSWER = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_NO_ANSWER = 3;
  static final int EXIT_INTERNAL = 4;
  static final String DEBUG = "--debug";

  TrafficMirrorCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs the CLI in-process (as {@code main} does, without exiting): returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    boolean debug = Arrays.asList(args).contains(DEBUG);
    try {
      return commandLine(out, err, env, debug).execute(args);
    } catch (RuntimeException e) {
      // Building the command failed (a contract the CLI cannot read): still one line, trace with --debug.
      return internal(e, err, debug);
    }
  }

  static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
    return commandLine(out, err, env, false);
  }

  private static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env, boolean debug) {
    Contract contract = Contract.bundled();
    CommandLine cli = new CommandLine(new TrafficMirrorCli());
    CreateTrafficMirrorSessionCommand create = new CreateTrafficMirrorSessionCommand(contract, out, err, env);
    CommandLine sub = new CommandLine(create);
    create.operation.addTo(sub.getCommandSpec());
    cli.addSubcommand(sub);
    cli.setResourceBundle(new ContractHelp(contract));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler((e, given) -> {
      PrintWriter w = e.getCommandLine().getErr();
      // picocli checks required options before it reports an unknown one; a typo (--prio) is the
      // mistake to name, not the option it was meant to be.
      List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
      if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
        e = new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched);
      }
      w.println(e.getMessage());
      w.println(hint(e));
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof UsageError usage) {
        err.println(usage.getMessage());
        err.println(usage.hint().equals(UsageError.HELP_HINT) ? helpHint(line) : usage.hint());
        return EXIT_USAGE;
      }
      return internal(e, err, debug);
    });
    return cli;
  }

  /** The one line after a parse error: where the help is, and the nearest option names for a typo. */
  private static String hint(CommandLine.ParameterException e) {
    String hint = helpHint(e.getCommandLine());
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) {
        hint += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
      }
    }
    return hint;
  }

  private static String helpHint(CommandLine line) {
    List<String> names = new java.util.ArrayList<>();
    for (CommandLine c = line; c != null && c.getParent() != null; c = c.getParent()) {
      names.add(0, c.getCommandName());
    }
    return "try: java -jar traffic-mirror-cli.jar " + (names.isEmpty() ? "" : String.join(" ", names) + " ") + "--help";
  }

  private static int internal(Exception e, PrintStream err, boolean debug) {
    err.println("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println("this is a bug; run again with --debug for the stack trace and report it");
    }
    return EXIT_INTERNAL;
  }

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: give one, such as create-traffic-mirror-session");
  }
}
