package io.tmkit.client.cli;

import io.tmkit.contract.Contract;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar traffic-mirror-cli.jar create-traffic-mirror-session …}: the client on the command
 * line, in the style of the cloud CLIs. Exit codes: 0 success, 1 an error answer (from the server or
 * from client-side validation), 2 a usage error, 3 no answer at all.
 */
@Command(name = "traffic-mirror",
    mixinStandardHelpOptions = true,
    version = "tmkit traffic-mirror CLI 1.0",
    description = "Calls Volcengine VPC traffic-mirror actions, signed, validated against the contract.")
public final class TrafficMirrorCli implements Runnable {
  static final int EXIT_ERROR_ANSWER = 1;
  static final int EXIT_NO_ANSWER = 3;

  TrafficMirrorCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs the CLI in-process (as {@code main} does, without exiting): returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return commandLine(out, err, env).execute(args);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
    Contract contract = Contract.bundled();
    CommandLine cli = new CommandLine(new TrafficMirrorCli());
    cli.addSubcommand(new CreateTrafficMirrorSessionCommand(contract, out, err, env));
    cli.setResourceBundle(new ContractHelp(contract));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cli;
  }

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }
}
