package io.tmkit.conformance.cli;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.report.JUnitXmlReport;
import io.tmkit.conformance.report.MarkdownReport;
import io.tmkit.conformance.report.TableReport;
import io.tmkit.conformance.run.ConformanceSuite;
import io.tmkit.conformance.run.RunReport;
import io.tmkit.conformance.targets.EmbeddedTarget;
import io.tmkit.conformance.targets.EndpointTarget;
import io.tmkit.conformance.targets.ProcessTarget;
import io.tmkit.conformance.targets.Target;
import io.tmkit.conformance.validate.CaseValidator;
import io.tmkit.contract.Contract;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar tm-conformance.jar}: the documented error matrix of CreateTrafficMirrorSession,
 * run on every surface against the embedded reference server (default), the reference server as a
 * process ({@code --server-jar}), or any endpoint ({@code --endpoint} with its fixtures).
 */
@Command(name = "tm-conformance", mixinStandardHelpOptions = true,
    description = {"Runs every conformance case of CreateTrafficMirrorSession on the http, client and "
        + "clientValidation surfaces, prints the matrix, writes JUnit XML and a Markdown report.",
        "Exit code: 0 when nothing failed, 1 when a case failed, 2 on a usage error."})
public final class Main implements Callable<Integer> {
  @Option(names = "--endpoint", description = "Run against this implementation instead of the embedded reference server.")
  URI endpoint;

  @Option(names = "--access-key", description = "With --endpoint: the access key of the fixtures' 'demo' role.")
  String accessKey;

  @Option(names = "--secret-key", description = "With --endpoint: its secret key.")
  String secretKey;

  @Option(names = "--region", description = "Region of the credential scope (default: the fixtures').")
  String region;

  @Option(names = "--fixtures", description = "Fixtures file mapping roles to the target's IDs and keys (default: the demo world's).")
  Path fixtures;

  @Option(names = "--server-jar", description = "Start the reference server from this jar as a separate process (admin API over HTTP).")
  Path serverJar;

  @Option(names = "--safe", description = "Only the cases that cannot create a resource.")
  boolean safe;

  @Option(names = "--case", description = "Only cases whose id matches this regular expression.")
  Pattern only;

  @Option(names = "--surface", split = ",", description = "Surfaces to run (default: all): ${COMPLETION-CANDIDATES}.")
  Set<Surface> surfaces = EnumSet.allOf(Surface.class);

  @Option(names = "--report-dir", description = "Where junit.xml and report.md go (default: target/conformance next to the jar).")
  Path reportDir;

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
    CommandLine cli = new CommandLine(new Main(out));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(Surface.class, s -> Surface.byKey(s)
        .orElseThrow(() -> new CommandLine.TypeConversionException("unknown surface " + s)));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
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
    Contract contract = Contract.bundled();
    Fixtures world = fixtures == null ? Fixtures.demo() : Fixtures.load(fixtures);
    if (accessKey != null || secretKey != null) {
      if (accessKey == null || secretKey == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--access-key and --secret-key go together");
      }
      world = world.withAccessKey("demo", accessKey, secretKey);
    }
    if (region != null) {
      world = world.withRegion(region);
    }
    CaseSet cases = CaseSet.bundled();
    List<String> problems = new CaseValidator(contract, Fixtures.demo()).problems(cases);
    if (!problems.isEmpty()) {
      problems.forEach(p -> out.println("case files: " + p));
      return 2;
    }
    List<ConformanceCase> selected = cases.cases().stream()
        .filter(c -> !safe || c.isSafe())
        .filter(c -> only == null || only.matcher(c.id()).find())
        .toList();
    RunReport report;
    try (Target target = target()) {
      ConformanceSuite suite = new ConformanceSuite(contract, target, world, surfaces, endpoint != null);
      report = suite.runAll(selected, started);
    }
    Path dir = reportDir == null ? defaultReportDir() : reportDir;
    JUnitXmlReport.write(report, dir.resolve("junit.xml"));
    MarkdownReport.write(report, dir.resolve("report.md"));
    out.println("reports: " + dir.resolve("junit.xml") + ", " + dir.resolve("report.md"));
    // The table ends with the totals line: nothing is printed after it.
    TableReport.print(report, out);
    return report.ok() ? 0 : 1;
  }

  private Target target() {
    if (endpoint != null) {
      return new EndpointTarget(endpoint);
    }
    if (serverJar != null) {
      return ProcessTarget.start(serverJar);
    }
    return EmbeddedTarget.startDemo();
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
}
