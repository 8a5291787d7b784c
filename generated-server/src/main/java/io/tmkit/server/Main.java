package io.tmkit.server;

import io.tmkit.contract.Contract;
import io.tmkit.contract.signing.Credentials;
import io.tmkit.contract.signing.SigningRequest;
import io.tmkit.contract.signing.VolcengineSigner;
import io.tmkit.server.store.SqliteSessionStore;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar traffic-mirror-server.jar}: starts the reference server (or prints a signed curl). */
@Command(name = "traffic-mirror-server", mixinStandardHelpOptions = true, versionProvider = Main.Versions.class,
    description = {"The stateful reference server of Volcengine VPC CreateTrafficMirrorSession (2020-04-01).",
        "Without --data its state (sessions, ClientTokens, faults) is held in memory only: stopping the server, by any signal,"
            + " loses it."},
    subcommands = Main.SignedCurl.class,
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped by a signal after a normal start; --help, --version",
        "1:an unexpected failure (a bug; --debug prints its stack trace)",
        "2:a usage error, or a file, port or address the server cannot use (one line says which)"})
public final class Main implements Callable<Integer> {
  @Option(names = "--port", converter = PortNumber.class,
      description = "Port to listen on, 0..65535 (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port = 8080;

  @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(names = "--world", description = "World file (JSON or YAML). Default: the embedded demo world.")
  Path world;

  @Option(names = "--credentials", description = "Credentials file (format of demo-credentials.json). Default: the demo pairs.")
  Path credentials;

  @Option(names = "--no-auth", description = "Do not check signatures (the account is the one of the Authorization header's access key, else the first).")
  boolean noAuth;

  @Option(names = "--admin-token", description = "Enable the HTTP admin endpoint under /_admin, guarded by this token.")
  String adminToken;

  @Option(names = "--quiet", description = "Do not log one line per request.")
  boolean quiet;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print the full stack trace, not only the one line that says what is wrong.")
  boolean debug;

  @Option(names = "--data", paramLabel = "DIR", description = {
      "Keep the sessions created and their ClientTokens in DIR (an SQLite database, created if absent):"
          + " every 200 is sent once its create is committed, a restart (also after kill -9) serves them again,"
          + " and the admin reset or load clears them. Default: in memory only."})
  Path data;

  @Option(names = "--data-sync", paramLabel = "NORMAL|FULL", description = {
      "SQLite's synchronous setting for --data. NORMAL: a committed create survives a crash of the server"
          + " process; FULL: also a power loss (an fsync per commit). Default: ${DEFAULT-VALUE}."})
  String dataSync = "NORMAL";

  /**
   * Grizzly and Hibernate Validator announce themselves at INFO; the server's own output is its
   * ready line and the request log. Held in a field because JUL keeps loggers weakly.
   */
  private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
      java.util.logging.Logger.getLogger("org.glassfish"), java.util.logging.Logger.getLogger("org.hibernate"));

  public static void main(String[] args) {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Exit codes: 0 stopped, 1 an unexpected failure (a bug: one line, the trace with --debug), 2 a user's mistake. */
  static final int UNEXPECTED = 1;
  static final int MISTAKE = 2;

  /**
   * The command line, with a user's mistake as one line on standard error instead of a stack trace:
   * a usage error (unknown flag, missing or bad value) gets its message and a one-line hint, exit 2;
   * a file that cannot be read or used, or a port in use, gets what is wrong, exit 2; anything else
   * is a bug, exit 1. {@code --debug} adds the stack trace.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      java.io.PrintWriter err = line.getErr();
      err.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      String suggestion = "";
      if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
        suggestion = "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? ";
      }
      err.println(suggestion + "See '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
      if (java.util.Arrays.asList(args).contains("--debug")) {
        e.printStackTrace(err);
      }
      return MISTAKE;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      java.io.PrintWriter err = line.getErr();
      boolean mistake = e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException;
      String name = line.getCommandSpec().qualifiedName();
      if (mistake) {
        err.println(name + ": " + e.getMessage() + hint(e));
      } else {
        err.println(name + ": unexpected failure (" + e + "); run again with --debug for the stack trace, and report it");
      }
      if (parsed.hasMatchedOption("--debug")) {
        e.printStackTrace(err);
      }
      return mistake ? MISTAKE : UNEXPECTED;
    });
    return cli;
  }

  /** The cause's words when the message lacks them, and what to do when the server cannot listen. */
  private static String hint(Exception e) {
    Throwable cause = e.getCause();
    String reason = cause == null || cause.getMessage() == null || e.getMessage().contains(cause.getMessage())
        ? "" : ": " + cause.getMessage();
    if (!(cause instanceof java.net.SocketException)) {
      return reason;
    }
    return reason + (cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use")
        ? "; stop what holds it, or pick another --port (0: any free port)"
        : "; --host must be an address of this machine, e.g. 127.0.0.1");
  }

  /** {@code --port}: a number 0..65535, refused while parsing, so that it is a usage error. */
  static final class PortNumber implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port;
      try {
        port = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a port number: give 0..65535 (0: any free port)");
      }
      if (port < 0 || port > 65535) {
        throw new CommandLine.TypeConversionException(value + " is not a port number: give 0..65535 (0: any free port)");
      }
      return port;
    }
  }

  /** {@code --version}: the server's version (from the jar) and the version of the contract it serves. */
  static final class Versions implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String own = Main.class.getPackage().getImplementationVersion();
      Contract contract = Contract.bundled();
      return new String[] {
          "traffic-mirror-server " + (own == null ? "(not run from its jar: no version)" : own),
          "contract: api-spec/openapi.yaml " + contract.version() + " (" + contract.onlyValueOf("Action")
              + ", API version " + contract.onlyValueOf("Version") + ")"};
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintStream log = quiet ? null : requestLog();
    ReferenceServer server = ReferenceServer.start(ServerOptions.builder()
        .port(port)
        .host(host)
        .world(world == null ? WorldSource.demo() : WorldSource.file(world))
        .credentials(credentials == null ? CredentialsSource.demo() : CredentialsSource.file(credentials))
        .auth(!noAuth)
        .adminToken(adminToken)
        .requestLog(log)
        .data(data)
        .dataSync(SqliteSessionStore.Sync.parse(dataSync))
        .build());
    long readyMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf("traffic-mirror-server listening on %s (ready %d ms after JVM start; world: %s; auth: %s; admin: %s;"
        + " state: %s)%n",
        server.baseUri(), readyMs, world == null ? "demo" : world, noAuth ? "off" : "on", adminToken == null ? "off" : "on",
        server.stateDescription());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (log != null) {
        log.flush();
      }
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  /**
   * Standard output for the request log, written in batches: System.out flushes (one write call) per
   * line. Lines still leave within 100 ms, and the last ones when the server stops.
   */
  private static PrintStream requestLog() {
    System.out.flush();
    PrintStream log = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false, StandardCharsets.UTF_8);
    ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "request-log-flusher");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(log::flush, 100, 100, TimeUnit.MILLISECONDS);
    return log;
  }

  /** Prints a curl command for a signed request, for trying the server by hand. */
  @Command(name = "signed-curl", mixinStandardHelpOptions = true,
      description = "Print a curl command for a signed GET with the given parameters (Action and Version are added).")
  static final class SignedCurl implements Callable<Integer> {
    @Option(names = "--endpoint", description = "Default: ${DEFAULT-VALUE}.")
    URI endpoint = URI.create("http://127.0.0.1:8080/");

    @Option(names = "--access-key", description = "Default: the demo account's key.")
    String accessKey = "AKLTdemo0000000000000000000000001";

    @Option(names = "--secret-key", description = "Default: the demo account's secret.")
    String secretKey = "ZGVtby1zZWNyZXQta2V5LTAwMDE=";

    @Option(names = "--region", description = "Default: ${DEFAULT-VALUE}.")
    String region = "cn-beijing";

    @Parameters(description = "Name=Value pairs, e.g. NetworkInterfaceId=eni-bp1fgnh68xyz90001 Priority=7")
    List<String> pairs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--endpoint " + endpoint + " is not an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/");
      }
      Contract contract = Contract.bundled();
      List<Map.Entry<String, String>> query = new ArrayList<>();
      query.add(Map.entry("Action", contract.onlyValueOf("Action")));
      query.add(Map.entry("Version", contract.onlyValueOf("Version")));
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new CommandLine.ParameterException(spec.commandLine(), "not Name=Value: '" + pair + "'");
        }
        query.add(Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
      }
      String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
      VolcengineSigner signer = new VolcengineSigner(contract.signing());
      Map<String, String> headers = signer.sign(new SigningRequest("GET", "/", query, Map.of("Host", host), new byte[0]),
          Credentials.of(accessKey, secretKey), region, contract.signing().service(), Instant.now());
      StringBuilder curl = new StringBuilder("curl -sS");
      headers.forEach((k, v) -> curl.append(" -H '").append(k).append(": ").append(v).append('\''));
      curl.append(" '").append(endpoint.resolve("/")).append('?').append(VolcengineSigner.canonicalQuery(query)).append('\'');
      System.out.println(curl);
      return 0;
    }
  }
}
