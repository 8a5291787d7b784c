package io.tmkit.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tmkit.client.CreateTrafficMirrorSessionRequest;
import io.tmkit.client.CreateTrafficMirrorSessionResult;
import io.tmkit.client.RetryPolicy;
import io.tmkit.client.Tag;
import io.tmkit.client.TrafficMirrorClient;
import io.tmkit.client.TrafficMirrorException;
import io.tmkit.client.generated.invoker.JSON;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import io.tmkit.contract.signing.Credentials;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-traffic-mirror-session}: one option per contract parameter (the option's
 * {@code descriptionKey} names it, and {@link ContractHelp} writes its help from the contract). Values
 * are taken as text and checked by the client, so that a bad one earns the contract's answer rather
 * than a parser's.
 */
@Command(name = "create-traffic-mirror-session",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Creates a traffic mirror session. Prints the JSON Result on stdout; on error prints "
        + "status, code, message and RequestId on stderr and exits non-zero.")
final class CreateTrafficMirrorSessionCommand implements Callable<Integer> {
  private final Contract contract;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  @Option(names = "--network-interface-id", paramLabel = "ID", descriptionKey = "NetworkInterfaceId")
  String networkInterfaceId;

  @Option(names = "--traffic-mirror-target-id", paramLabel = "ID", descriptionKey = "TrafficMirrorTargetId")
  String trafficMirrorTargetId;

  @Option(names = "--traffic-mirror-filter-id", paramLabel = "ID", descriptionKey = "TrafficMirrorFilterId")
  String trafficMirrorFilterId;

  @Option(names = "--priority", paramLabel = "N", descriptionKey = "Priority")
  String priority;

  @Option(names = "--traffic-mirror-session-name", paramLabel = "NAME", descriptionKey = "TrafficMirrorSessionName")
  String trafficMirrorSessionName;

  @Option(names = "--description", paramLabel = "TEXT", descriptionKey = "Description")
  String description;

  @Option(names = "--virtual-network-id", paramLabel = "VNI", descriptionKey = "VirtualNetworkId")
  String virtualNetworkId;

  @Option(names = "--packet-length", paramLabel = "BYTES", descriptionKey = "PacketLength")
  String packetLength;

  @Option(names = "--project-name", paramLabel = "NAME", descriptionKey = "ProjectName")
  String projectName;

  @Option(names = "--client-token", paramLabel = "TOKEN", descriptionKey = "ClientToken")
  String clientToken;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", descriptionKey = ContractHelp.TAGS)
  List<String> tags = new ArrayList<>();

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Where to send the request (default: the contract's first server, ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION", defaultValue = TrafficMirrorClient.DEFAULT_REGION,
      description = "Region of the signature's credential scope (default ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--access-key", paramLabel = "AK",
      description = "Access key (default: $" + TrafficMirrorClient.ENV_ACCESS_KEY + ").")
  String accessKey;

  @Option(names = "--secret-key", paramLabel = "SK",
      description = "Secret key (default: $" + TrafficMirrorClient.ENV_SECRET_KEY + ").")
  String secretKey;

  @Option(names = "--session-token", paramLabel = "TOKEN",
      description = "STS session token (default: $" + TrafficMirrorClient.ENV_SESSION_TOKEN + ", optional).")
  String sessionToken;

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
    this.endpoint = contract.root().path("servers").path(0).path("url").asText();
  }

  @Override
  public Integer call() {
    try {
      Optional<Credentials> credentials = credentials();
      if (credentials.isEmpty()) {
        err.println("No credentials: give --access-key and --secret-key, or set "
            + TrafficMirrorClient.ENV_ACCESS_KEY + " and " + TrafficMirrorClient.ENV_SECRET_KEY + ".");
        return 2;
      }
      CreateTrafficMirrorSessionRequest request = request();
      RetryPolicy retry = new RetryPolicy(maxAttempts, RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay());
      try (TrafficMirrorClient client = TrafficMirrorClient.builder()
          .endpoint(endpoint)
          .region(region)
          .credentials(credentials.get())
          .validation(!noValidate)
          .retryPolicy(retry)
          .connectTimeout(Duration.ofMillis(connectTimeoutMs))
          .readTimeout(Duration.ofMillis(readTimeoutMs))
          .build()) {
        CreateTrafficMirrorSessionResult result = client.createTrafficMirrorSession(request);
        out.println(resultJson(result));
        return 0;
      }
    } catch (TrafficMirrorException e) {
      printError(e);
      return e.isTransportFailure() ? TrafficMirrorCli.EXIT_NO_ANSWER : TrafficMirrorCli.EXIT_ERROR_ANSWER;
    }
  }

  private Optional<Credentials> credentials() {
    if (accessKey != null || secretKey != null) {
      if (accessKey == null || secretKey == null) {
        return Optional.empty();
      }
      return Optional.of(new Credentials(accessKey, secretKey, sessionToken));
    }
    Optional<Credentials> fromEnv = TrafficMirrorClient.credentialsFrom(env);
    return sessionToken == null
        ? fromEnv
        : fromEnv.map(c -> new Credentials(c.accessKey(), c.secretKey(), sessionToken));
  }

  CreateTrafficMirrorSessionRequest request() {
    CreateTrafficMirrorSessionRequest.Builder b = CreateTrafficMirrorSessionRequest.builder()
        .networkInterfaceId(networkInterfaceId)
        .trafficMirrorTargetId(trafficMirrorTargetId)
        .trafficMirrorFilterId(trafficMirrorFilterId)
        .priority(integer("Priority", priority))
        .trafficMirrorSessionName(trafficMirrorSessionName)
        .description(description)
        .virtualNetworkId(integer("VirtualNetworkId", virtualNetworkId))
        .packetLength(integer("PacketLength", packetLength))
        .projectName(projectName)
        .clientToken(clientToken);
    tags.forEach(t -> b.tag(Tag.parse(t)));
    return b.build();
  }

  /**
   * An integer option's text as the typed request needs it. Text that is no 32-bit integer cannot be
   * sent by the typed client, so it earns the contract's answer for that value here, validation or not.
   */
  private Integer integer(String parameter, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      ParameterRule rule = contract.requireParameter(parameter);
      String keyword = new RequestRules(contract).violatedKeyword(rule, text).orElse("type");
      throw TrafficMirrorException.local(Violation.of(rule.errorFor(keyword), parameter, parameter));
    }
  }

  private String resultJson(CreateTrafficMirrorSessionResult result) {
    var model = new io.tmkit.client.generated.model.CreateTrafficMirrorSessionResult()
        .requestId(result.requestId())
        .trafficMirrorSessionId(result.trafficMirrorSessionId());
    try {
      return new JSON().getContext(null).writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void printError(TrafficMirrorException e) {
    if (e.isTransportFailure()) {
      err.println("No response from " + endpoint + ": " + e.errorMessage());
      return;
    }
    err.println("Status: " + e.status());
    err.println("Code: " + e.code());
    err.println("Message: " + e.errorMessage());
    err.println("RequestId: " + (e.isLocal() ? "none (client-side validation; nothing was sent)" : e.requestId()));
  }
}
