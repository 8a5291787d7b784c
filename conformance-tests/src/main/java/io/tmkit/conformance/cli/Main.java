package io.tmkit.conformance.cli;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.fixtures.FixturesProblem;
import io.tmkit.conformance.report.JUnitXmlReport;
import io.tmkit.conformance.report.JsonReport;
import io.tmkit.conformance.report.MarkdownReport;
import io.tmkit.conformance.report.TableReport;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.run.Verdict;
import io.tmkit.conformance.targets.EmbeddedTarget;
import io.tmkit.conformance.targets.EndpointTarget;
import io.tmkit.conformance.targets.HttpWorldControl;
import io.tmkit.conformance.targets.ProcessTarget;
import io.tmkit.conformance.targets.Target;
import io.tmkit.conformance.validate.CaseValidator;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar tm-conformance.jar}: the documented error matrix of CreateTrafficMirrorSession,
 * run on every surface against the embedded reference server (default), the reference server as a
 * process ({@code --server-jar}), or any endpoint ({@code --endpoint} with its fixtures, and its admin
 * API if it has one). A user mistake is one line and an exit code, never a stack trace.
 */
@Command(name = "tm-conformance", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    subcommands = FixturesCommand.class,
    description = {"Runs every conformance case of CreateTrafficMirrorSession on the http, client, "
        + "clientValidation and raw surfaces, prints the matrix, writes junit.xml, report.md and report.json.",
        "Exit code: 0 when cases ran and none failed; 1 when a case failed, when every case was skipped, or "
            + "with --fail-on-skip when one was; 2 on a usage error (options, fixtures, case files, "
            + "--case matching nothing); 3 when the target cannot be reached; 4 when the runner itself broke."})
public final class Main implements Callable<Integer> {
  static final String HINT = "Try 'tm-conformance --help' for the options.";
  static final int INTERNAL = 4;

  @Option(names = "--endpoint", converter = HttpUrl.class, paramLabel = "URL",
      description = "Run against this implementation instead of the embedded reference server.")
  URI endpoint;

  @Option(names = "--admin-url", converter = HttpUrl.class, paramLabel = "URL",
      description = "With --endpoint: the reference server's admin API (http://HOST:PORT/ or .../_admin/; "
          + "default: the endpoint's), used to reset the world before each case that can create.")
  URI adminUrl;

  @Option(names = "--admin-token", paramLabel = "TOKEN", description = "With --endpoint: the admin API's token (the server's --admin-token).")
  String adminToken;

  @Option(names = "--access-key", description = "With --endpoint: the access key of the fixtures' 'demo' role.")
  String accessKey;

  @Option(names = "--secret-key", description = "With --endpoint: its secret key.")
  String secretKey;

  @Option(names = "--region", description = "Region of the credential scope (default: the fixtures').")
  String region;

  @Option(names = "--fixtures", paramLabel = "FILE",
      description = "Fixtures file mapping roles to the target's IDs and keys (default: the demo world's); "
          + "checked against fixtures.schema.json.")
  Path fixtures;

  @Option(names = "--server-jar", paramLabel = "JAR",
      description = "Start the reference server from this jar as a separate process (admin API over HTTP).")
  Path serverJar;

  @Option(names = "--safe", description = "Only the cases that cannot create a resource.")
  boolean safe;

  @Option(names = "--case", converter = Regex.class, paramLabel = "REGEX",
      description = "Only cases whose id matches this regular expression (matching none is a usage error).")
  Pattern only;

  @Option(names = "--surface", split = ",", paramLabel = "SURFACE",
      description = "Surfaces to run (default: all): http, client, clientValidation, raw.")
  Set<Surface> surfaces = EnumSet.allOf(Surface.class);

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where junit.xml, report.md and report.json go (default: target/conformance next to the jar).")
  Path reportDir;

  @Option(names = "--fail-on-skip", description = "Exit 1 when any case was skipped (a skip is never a pass).")
  boolean failOnSkip;

  @Option(names = "--list-cases", description = "Print the selected cases (id, family, surfaces, tags) and exit.")
  boolean listCases;

  @Option(names = "--list-roles", description = "Print every role the cases use, with the fixtures' value or 'missing', and exit.")
  boolean listRoles;

  @Option(names = "--debug", description = "On an error, print the full stack trace too.")
  boolean debug;

  /**
   * Grizzly and Hibernate Validator log start-up and shutdown at INFO; the runner's output is the
   * table alone. Held in a field because JUL keeps loggers weakly and would forget the level.
   */
  private static final List<java.util.logging.Logger> QUIET = List.of(
      java.util.logging.Logger.getLogger("org.glassfish"), java.util.logging.Logger.getLogger("org.hibernate"));

  public static void main(String[] args) {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new Main(out));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(Surface.class, s -> Surface.byKey(s).orElseThrow(() -> new CommandLine.TypeConversionException(
        "unknown surface '" + s + "' (one of: http, client, clientValidation, raw)")));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      PrintWriter w = e.getCommandLine().getErr();
      w.println("tm-conformance: " + e.getMessage());
      List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
      w.println(suggestions.isEmpty() ? HINT : "Did you mean " + String.join(" or ", suggestions) + "? " + HINT);
      if (debug) {
        e.printStackTrace(w);
      }
      return UserMistake.USAGE;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      PrintWriter w = c.getErr();
      int code;
      if (e instanceof UserMistake m) {
        w.println("tm-conformance: " + m.getMessage());
        code = m.exitCode();
      } else if (e instanceof FixturesProblem p) {
        p.problems().forEach(line -> w.println("tm-conformance: " + line));
        code = UserMistake.USAGE;
      } else if (e instanceof CommandLine.ParameterException p) {
        w.println("tm-conformance: " + p.getMessage());
        w.println(HINT);
        code = UserMistake.USAGE;
      } else {
        w.println("tm-conformance: internal error: " + e + (debug ? "" : " (--debug prints the stack trace)"));
        code = INTERNAL;
      }
      if (debug) {
        e.printStackTrace(w);
      }
      w.flush();
      return code;
    });
    return cli.execute(args);
  }

  private final PrintStream out;

  Main(PrintStream out) {
    this.out = out;
  }

  Main() {
    this(System.out);
  }

  @Override
  public Integer call() {
    long started = System.nanoTime();
    checkCombinations();
    Contract contract = Contract.bundled();
    Fixtures world = fixtures == null ? Fixtures.demo() : Fixtures.load(fixtures);
    if (accessKey != null) {
      world = world.withAccessKey("demo", accessKey, secretKey);
    }
    if (region != null) {
      world = world.withRegion(region);
    }
    CaseSet cases = CaseSet.bundled();
    List<String> problems = new CaseValidator(contract, Fixtures.demo()).problems(cases);
    if (!problems.isEmpty()) {
      problems.forEach(p -> out.println("case files: " + p));
      return UserMistake.USAGE;
    }
    List<ConformanceCase> selected = cases.cases().stream()
        .filter(c -> !safe || c.isSafe())
        .filter(c -> only == null || only.matcher(c.id()).find())
        .filter(c -> surfaces.stream().anyMatch(c::appliesTo))
        .toList();
    if (selected.isEmpty()) {
      throw UserMistake.usage("no case matches " + selection() + " (--list-cases lists them)");
    }
    if (listCases) {
      selected.forEach(c -> out.println(c.id() + "  " + c.family() + "  "
          + Arrays.stream(Surface.values()).filter(c::appliesTo).map(Surface::key).collect(Collectors.joining(","))
          + (c.tags().isEmpty() ? "" : "  [" + String.join(",", c.tags().stream().sorted().toList()) + "]")));
      out.println(selected.size() + " cases");
      return 0;
    }
    if (listRoles) {
      new RoleList(contract, Fixtures.demo(), world).print(selected, out);
      return 0;
    }
    Path dir = reportDir == null ? defaultReportDir() : reportDir;
    checkWritable(dir);
    RunReport report;
    String runId;
    try (Target target = target()) {
      ConformanceSuite suite = new ConformanceSuite(contract, target, world, surfaces, endpoint != null);
      runId = suite.runId();
      out.println("run " + runId + " against " + target.description());
      report = suite.runAll(selected, started);
    }
    JUnitXmlReport.write(report, dir.resolve("junit.xml"));
    MarkdownReport.write(report, dir.resolve("report.md"));
    Map<String, String> about = new LinkedHashMap<>();
    about.put("runner", Versions.runner());
    about.put("contract", contract.version());
    about.put("runId", runId);
    JsonReport.write(report, about, dir.resolve("report.json"));
    out.println("reports: " + dir.resolve("junit.xml") + ", " + dir.resolve("report.md") + ", " + dir.resolve("report.json"));
    // --fail-on-skip counts skipped surface runs: a case that passed on one surface and was skipped on
    // another was not fully tested either.
    long skipped = report.cases().stream().flatMap(c -> c.surfaces().stream()).filter(s -> s.verdict() == Verdict.SKIPPED).count();
    long ran = report.count(Verdict.PASSED) + report.count(Verdict.FAILED);
    if (ran == 0) {
      out.println("nothing ran: every selected case was skipped (the reasons are above); exit 1");
    } else if (failOnSkip && skipped > 0) {
      out.println("--fail-on-skip: " + skipped + " surface run(s) skipped (reasons above); exit 1");
    }
    // The table ends with the totals line: nothing is printed after it.
    TableReport.print(report, out);
    return !report.ok() || ran == 0 || (failOnSkip && skipped > 0) ? 1 : 0;
  }

  private String selection() {
    StringBuilder s = new StringBuilder();
    if (only != null) {
      s.append("--case '").append(only.pattern()).append("'");
    }
    if (safe) {
      s.append(s.isEmpty() ? "" : " with ").append("--safe");
    }
    if (!surfaces.equals(EnumSet.allOf(Surface.class))) {
      s.append(s.isEmpty() ? "" : " on ").append("--surface ")
          .append(surfaces.stream().map(Surface::key).collect(Collectors.joining(",")));
    }
    return s.isEmpty() ? "the selection" : s.toString();
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Options that only make sense together, checked before anything starts. */
  private void checkCombinations() {
    CommandLine cl = spec.commandLine();
    if ((accessKey == null) != (secretKey == null)) {
      throw new CommandLine.ParameterException(cl, "--access-key and --secret-key go together");
    }
    if (endpoint != null && serverJar != null) {
      throw new CommandLine.ParameterException(cl, "--endpoint and --server-jar exclude each other: test one target");
    }
    if ((adminUrl != null || adminToken != null) && endpoint == null) {
      throw new CommandLine.ParameterException(cl, "--admin-url and --admin-token go with --endpoint");
    }
    if (adminUrl != null && adminToken == null) {
      throw new CommandLine.ParameterException(cl, "--admin-url needs --admin-token");
    }
    if (serverJar != null && !Files.isRegularFile(serverJar)) {
      throw UserMistake.usage("--server-jar " + serverJar + ": no such file (mvn -B -q -DskipTests package builds "
          + "generated-server/target/traffic-mirror-server.jar)");
    }
  }

  /** A report directory that cannot be written is said before the run, not after it. */
  private static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".tm-conformance", ".probe");
      Files.delete(probe);
    } catch (IOException | RuntimeException e) {
      throw UserMistake.usage("--report-dir " + dir + ": cannot write there (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); give a writable directory");
    }
  }

  private Target target() {
    if (endpoint != null) {
      reachable(endpoint, "the endpoint");
      if (adminToken == null) {
        return new EndpointTarget(endpoint);
      }
      HttpWorldControl admin = HttpWorldControl.at(adminUrl == null ? endpoint : adminUrl, adminToken);
      reachable(admin.root(), "the admin API");
      int status;
      try {
        status = admin.check();
      } catch (RuntimeException e) {
        throw UserMistake.unreachable("the admin API at " + admin.root() + " does not answer (" + e.getMessage()
            + "); check --admin-url");
      }
      if (status == 401 || status == 403) {
        throw UserMistake.usage("the admin API at " + admin.root() + " refused --admin-token (HTTP " + status
            + "); give the token the server was started with");
      }
      if (status != 200) {
        throw UserMistake.unreachable("the admin API at " + admin.root() + " answered HTTP " + status
            + " where the reference server's answers 200; check --admin-url (the server must run with --admin-token)");
      }
      return new EndpointTarget(endpoint, admin);
    }
    if (serverJar != null) {
      try {
        return ProcessTarget.start(serverJar);
      } catch (RuntimeException e) {
        throw UserMistake.unreachable("the server from " + serverJar + " did not start: " + e.getMessage());
      }
    }
    return EmbeddedTarget.startDemo();
  }

  /** One TCP connection to the URL's host and port within 5 s, before the run: else one line, exit 3. */
  static void reachable(URI url, String what) {
    int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(url.getHost(), port), 5000);
    } catch (IOException e) {
      throw UserMistake.unreachable("cannot reach " + what + " at " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is a server listening there?");
    }
  }

  /** {@code target/conformance} beside the jar when run from one, else under the working directory. */
  static Path defaultReportDir() {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code) && code.getParent() != null) {
        return code.getParent().resolve("conformance");
      }
    } catch (Exception ignored) {
      // fall through
    }
    return Path.of("target", "conformance");
  }

  /** An absolute http:// or https:// URL with a host; anything else is a usage error naming it. */
  static final class HttpUrl implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (java.net.URISyntaxException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a URL (" + e.getReason()
            + "); give one like http://127.0.0.1:8080/");
      }
      if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an http:// or https:// URL with a host; "
            + "give one like http://127.0.0.1:8080/");
      }
      return uri.getPath() == null || uri.getPath().isEmpty() ? URI.create(value + "/") : uri;
    }
  }

  static final class Regex implements CommandLine.ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a regular expression ("
            + e.getDescription() + ")");
      }
    }
  }
}
