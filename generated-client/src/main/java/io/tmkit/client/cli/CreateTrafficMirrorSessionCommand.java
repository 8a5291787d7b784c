package io.tmkit.client.cli;

import io.tmkit.client.CreateTrafficMirrorSessionRequest;
import io.tmkit.client.CreateTrafficMirrorSessionResult;
import io.tmkit.client.RetryPolicy;
import io.tmkit.client.SignedRequest;
import io.tmkit.client.TrafficMirrorClient;
import io.tmkit.client.TrafficMirrorException;
import io.tmkit.contract.Contract;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-traffic-mirror-session}: the operation's options come from the contract
 * ({@link ContractOptions}, added when the CLI is built); the options here say where, as whom and how
 * to call. Endpoint, region and each credential field are resolved flag → environment → profile
 * ({@link Settings}).
 */
@Command(name = "create-traffic-mirror-session",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description = "Creates a traffic mirror session. Prints the Result on stdout; on an error answer prints "
        + "status, code, message and RequestId on stderr. Exit codes: 0 success, 1 an error answer (from the "
        + "server or client-side validation), 2 a usage error, 3 no answer at all.")
final class CreateTrafficMirrorSessionCommand implements Callable<Integer> {
  private final Contract contract;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  final ContractOptions operation;

  @Option(names = "--endpoint", paramLabel = "URL", descriptionKey = ContractHelp.ENDPOINT)
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region of the signature's credential scope. Default: $" + Settings.ENV_REGION
          + ", then the profile's region, then " + TrafficMirrorClient.DEFAULT_REGION + " (named on stderr).")
  String region;

  @Option(names = "--access-key", paramLabel = "AK",
      description = "Access key ID. Default: $" + TrafficMirrorClient.ENV_ACCESS_KEY + ", then the profile's access-key.")
  String accessKey;

  @Option(names = "--secret-key", paramLabel = "SK",
      description = "Secret access key. Default: $" + TrafficMirrorClient.ENV_SECRET_KEY
          + ", then the profile's secret-key. Prefer the variable or a profile: a flag is visible to other users.")
  String secretKey;

  @Option(names = "--session-token", paramLabel = "TOKEN",
      description = "STS session token (optional). Default: $" + TrafficMirrorClient.ENV_SESSION_TOKEN
          + ", then the profile's session-token.")
  String sessionToken;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile of the Volcengine CLI's file to read settings from. Default: $" + Settings.ENV_PROFILE
          + ", then the file's current profile, then 'default'.")
  String profile;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "The profile file. Default: $" + Settings.ENV_CONFIG_FILE + ", then ~/.volcengine/config.json"
          + " (the Volcengine CLI's, as `ve configure set` writes it).")
  String configFile;

  @Option(names = "--dry-run",
      description = "Validate and sign, print the signed request (method, URL, headers, body; an STS token redacted), send nothing.")
  boolean dryRun;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (default) or table.")
  OutputFormat output;

  @Option(names = "--debug",
      description = "On stderr: where each setting came from, the canonical request, the string to sign and the "
          + "wire exchange (secrets redacted), and the stack trace of a failure.")
  boolean debug;

  @Option(names = "--no-validate", description = "Send without client-side validation (the server judges).")
  boolean noValidate;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
      description = "Attempts in all, retries included (default ${DEFAULT-VALUE}); 1 disables retries.")
  int maxAttempts;

  @Option(names = "--connect-timeout-ms", paramLabel = "MS", defaultValue = "5000",
      description = "Connect timeout in milliseconds (default ${DEFAULT-VALUE}).")
  long connectTimeoutMs;

  @Option(names = "--read-timeout-ms", paramLabel = "MS", defaultValue = "30000",
      description = "Read timeout in milliseconds (default ${DEFAULT-VALUE}).")
  long readTimeoutMs;

  CreateTrafficMirrorSessionCommand(Contract contract, PrintStream out, PrintStream err, Map<String, String> env) {
    this.contract = contract;
    this.out = out;
    this.err = err;
    this.env = env;
    this.operation = new ContractOptions(contract);
  }

  @Override
  public Integer call() {
    RetryPolicy retry = new RetryPolicy(atLeastOne(maxAttempts), RetryPolicy.DEFAULT.baseDelay(),
        RetryPolicy.DEFAULT.maxDelay());
    Duration connect = timeout("--connect-timeout-ms", connectTimeoutMs);
    Duration read = timeout("--read-timeout-ms", readTimeoutMs);
    Settings.Resolved settings = new Settings(env, ContractHelp.defaultEndpoint(contract)).resolve(
        new Settings.Flags(endpoint, region, accessKey, secretKey, sessionToken, profile, configFile));
    Redactor redactor = new Redactor(settings.secretKey().value(), settings.sessionToken().value());
    if (!settings.notes().isEmpty()) {
      err.println("note: using " + String.join("; ", settings.notes()));
    }
    DebugLog debugLog = debug ? new DebugLog(err, redactor, contract.signing()) : null;
    if (debugLog != null) {
      debugLog.settings(settings);
    }
    try {
      CreateTrafficMirrorSessionRequest request = operation.request();
      TrafficMirrorClient.Builder builder = TrafficMirrorClient.builder()
          .endpoint(settings.endpoint())
          .region(settings.region().value())
          .credentials(settings.credentials())
          .validation(!noValidate)
          .retryPolicy(retry)
          .connectTimeout(connect)
          .readTimeout(read);
      if (debugLog != null) {
        builder.wireTap(debugLog);
      }
      try (TrafficMirrorClient client = builder.build()) {
        if (dryRun) {
          SignedRequest signed = client.prepare(request);
          if (debugLog != null) {
            debugLog.request(signed);
          }
          out.println(output.request(signed, redactor));
          return 0;
        }
        CreateTrafficMirrorSessionResult result = client.createTrafficMirrorSession(request);
        out.println(output.result(result));
        return 0;
      }
    } catch (TrafficMirrorException e) {
      printError(e, settings, redactor);
      return e.isTransportFailure() ? TrafficMirrorCli.EXIT_NO_ANSWER : TrafficMirrorCli.EXIT_ERROR_ANSWER;
    }
  }

  private static int atLeastOne(int attempts) {
    if (attempts < 1) {
      throw new UsageError("--max-attempts " + attempts + ": at least 1 attempt is needed (1 disables retries)");
    }
    return attempts;
  }

  private static Duration timeout(String option, long ms) {
    if (ms < 1 || ms > Integer.MAX_VALUE) {
      throw new UsageError(option + " " + ms + ": a timeout is from 1 to " + Integer.MAX_VALUE + " milliseconds");
    }
    return Duration.ofMillis(ms);
  }

  /** Why no answer came, in the words of the innermost cause (connection refused, read timed out, unknown host). */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root instanceof java.net.UnknownHostException ? "unknown host " + message : message;
  }

  private void printError(TrafficMirrorException e, Settings.Resolved settings, Redactor redactor) {
    if (e.isTransportFailure()) {
      err.println(redactor.apply("No response from " + settings.endpoint() + " after " + maxAttempts
          + (maxAttempts == 1 ? " attempt" : " attempts") + ": " + reason(e)));
      if (debug) {
        e.printStackTrace(err);
      }
      return;
    }
    err.println("Status: " + e.status());
    err.println("Code: " + e.code());
    err.println("Message: " + redactor.apply(e.errorMessage()));
    err.println("RequestId: " + (e.isLocal() ? "none (client-side validation; nothing was sent)" : e.requestId()));
  }
}
