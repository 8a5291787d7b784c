package io.tmkit.client.cli;

import io.tmkit.client.CreateTrafficMirrorSessionRequest;
import io.tmkit.client.Tag;
import io.tmkit.client.TrafficMirrorException;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The operation's options, built at run time from the contract with picocli's programmatic model: one
 * option per contract parameter (Action and Version, which have one value, and the indexed tag
 * parameters excepted), named {@code --kebab-case} after it, required when the contract says so (so that
 * the synopsis shows it and a missing one is a usage error naming the option), its help written by
 * {@link ContractHelp} from the parameter. Values are taken as text and judged by the client, so a bad
 * value earns the contract's answer rather than a parser's.
 *
 * <p>The one hand-written table is the link from a parameter name to the typed request's field; a
 * contract parameter without a field fails when the CLI starts (and in the tests), not silently.
 */
final class ContractOptions {
  static final String TAG_OPTION = "--tag";

  private static final Map<String, BiConsumer<Fields, String>> FIELDS = fields();

  private final Contract contract;
  private final Map<String, OptionSpec> byParameter = new LinkedHashMap<>();
  private final OptionSpec tags;

  ContractOptions(Contract contract) {
    this.contract = contract;
    for (ParameterRule p : contract.parameters()) {
      if (p.listItem() != null || p.enumValues().size() == 1) {
        continue;
      }
      if (!FIELDS.containsKey(p.name())) {
        throw new IllegalStateException("contract parameter " + p.name() + " has no field in the CLI's request");
      }
      byParameter.put(p.name(), OptionSpec.builder(optionName(p.name()))
          .paramLabel(label(p))
          .type(String.class)
          .required(p.required())
          .descriptionKey(p.name())
          .build());
    }
    this.tags = OptionSpec.builder(TAG_OPTION)
        .paramLabel("KEY=VALUE")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .descriptionKey(ContractHelp.TAGS)
        .build();
  }

  void addTo(CommandSpec spec) {
    byParameter.values().forEach(spec::addOption);
    spec.addOption(tags);
  }

  /** {@code TrafficMirrorSessionName} → {@code --traffic-mirror-session-name}. */
  static String optionName(String parameter) {
    return "--" + parameter.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** A parameter label from the contract's type: N for integers, ID for identifiers, else TEXT. */
  private static String label(ParameterRule p) {
    if (p.isInteger()) {
      return "N";
    }
    if (p.name().endsWith("Id")) {
      return "ID";
    }
    return p.name().endsWith("Name") ? "NAME" : "TEXT";
  }

  /** The typed request from the options given. An integer option whose text is no integer earns the contract's answer. */
  CreateTrafficMirrorSessionRequest request() {
    Fields fields = new Fields(CreateTrafficMirrorSessionRequest.builder());
    byParameter.forEach((name, option) -> {
      String text = option.getValue();
      if (text != null) {
        FIELDS.get(name).accept(fields, text);
      }
    });
    List<String> given = tags.getValue();
    if (given != null) {
      given.forEach(t -> fields.builder.tag(Tag.parse(t)));
    }
    return fields.builder.build();
  }

  private final class Fields {
    final CreateTrafficMirrorSessionRequest.Builder builder;

    Fields(CreateTrafficMirrorSessionRequest.Builder builder) {
      this.builder = builder;
    }

    /**
     * An integer option's text as the typed request needs it. Text that is no 32-bit integer cannot be
     * sent by the typed client, so it earns the contract's answer for that value here, validation or not.
     */
    Integer integer(String parameter, String text) {
      try {
        return Integer.valueOf(text);
      } catch (NumberFormatException e) {
        ParameterRule rule = contract.requireParameter(parameter);
        String keyword = new RequestRules(contract).violatedKeyword(rule, text).orElse("type");
        throw TrafficMirrorException.local(Violation.of(rule.errorFor(keyword), parameter, parameter));
      }
    }
  }

  private static Map<String, BiConsumer<Fields, String>> fields() {
    Map<String, BiConsumer<Fields, String>> f = new LinkedHashMap<>();
    f.put("TrafficMirrorSessionName", (r, v) -> r.builder.trafficMirrorSessionName(v));
    f.put("Description", (r, v) -> r.builder.description(v));
    f.put("NetworkInterfaceId", (r, v) -> r.builder.networkInterfaceId(v));
    f.put("TrafficMirrorTargetId", (r, v) -> r.builder.trafficMirrorTargetId(v));
    f.put("Priority", (r, v) -> r.builder.priority(r.integer("Priority", v)));
    f.put("VirtualNetworkId", (r, v) -> r.builder.virtualNetworkId(r.integer("VirtualNetworkId", v)));
    f.put("PacketLength", (r, v) -> r.builder.packetLength(r.integer("PacketLength", v)));
    f.put("TrafficMirrorFilterId", (r, v) -> r.builder.trafficMirrorFilterId(v));
    f.put("ProjectName", (r, v) -> r.builder.projectName(v));
    f.put("ClientToken", (r, v) -> r.builder.clientToken(v));
    return Map.copyOf(f);
  }

  /** For tests: the options built, by contract parameter. */
  Map<String, OptionSpec> options() {
    return java.util.Collections.unmodifiableMap(byParameter);
  }
}
