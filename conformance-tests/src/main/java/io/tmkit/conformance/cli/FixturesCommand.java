package io.tmkit.conformance.cli;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tm-conformance fixtures init --endpoint URL}: a commented template of every role, for a new target. */
@Command(name = "fixtures", mixinStandardHelpOptions = true, versionProvider = Versions.class,
    description = "Fixtures files: 'fixtures init --endpoint URL' writes a commented template of every role.",
    subcommands = FixturesCommand.Init.class)
final class FixturesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fixtures init --endpoint URL");
  }

  @Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Versions.class,
      description = "Writes a fixtures template for an endpoint: every access key and role the cases use, each "
          + "commented out with the demo world's value and the cases that need it.")
  static final class Init implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", required = true, converter = Main.HttpUrl.class, paramLabel = "URL",
        description = "The implementation the fixtures are for (written into the template's header).")
    URI endpoint;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (default: standard output); an existing file is left alone.")
    Path output;

    @Option(names = "--debug", description = "On an error, print the full stack trace too.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
      String template = template(endpoint);
      if (output == null) {
        spec.commandLine().getOut().print(template);
        spec.commandLine().getOut().flush();
        return 0;
      }
      if (Files.exists(output)) {
        throw UserMistake.usage(output + " exists; fixtures init never overwrites: give a new --output");
      }
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(output, template, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw UserMistake.usage("cannot write " + output + " (" + e.getMessage() + ")");
      }
      spec.commandLine().getErr().println("wrote " + output + ": fill in what " + endpoint + " has, then run with --fixtures " + output);
      return 0;
    }
  }

  private static final Pattern ROLE_COMMENT = Pattern.compile("^\\s+([a-zA-Z]+\\.[a-zA-Z]+):\\s*(\\S+)\\s+#\\s*(.*)$");

  /** The template: valid against fixtures.schema.json as it stands (everything commented out). */
  static String template(URI endpoint) {
    Contract contract = Contract.bundled();
    Fixtures demo = Fixtures.demo();
    RoleList roles = new RoleList(contract, demo, demo);
    List<RoleList.Need> needs = roles.needs(CaseSet.bundled().cases());
    Map<String, String> notes = roleNotes();
    StringBuilder t = new StringBuilder();
    t.append("# tm-conformance fixtures for ").append(endpoint).append('\n')
        .append("# Written by `tm-conformance fixtures init` (").append(Versions.runner()).append("; ")
        .append(Versions.contract()).append(").\n")
        .append("# Uncomment and fill in what this target has; a case that needs a role left out is skipped,\n")
        .append("# with the reason (--fail-on-skip makes that a failure). Format: conformance-tests/README.md and\n")
        .append("# fixtures.schema.json. Each line says how many cases need the role and the demo world's value.\n")
        .append("region: ").append(demo.region()).append('\n')
        .append("accessKeys:\n");
    for (RoleList.Need n : needs) {
      if (n.key().startsWith("accessKey ")) {
        String role = n.key().substring("accessKey ".length());
        String account = demo.accessKey(role).map(k -> k.account()).orElse(role);
        t.append("  # ").append(role).append(": {accessKey: \"\", secretKey: \"\", account: ").append(account)
            .append("}   # ").append(n.cases().size()).append(" case(s)\n");
      }
    }
    t.append("accounts:\n");
    String current = null;
    for (RoleList.Need n : needs) {
      if (n.key().startsWith("accessKey ")) {
        continue;
      }
      int colon = n.key().indexOf(':');
      String account = n.key().substring(0, colon);
      String role = n.key().substring(colon + 1);
      if (!account.equals(current)) {
        current = account;
        t.append("  # ").append(account).append(":\n");
      }
      String example = role.equals("accountId") ? demo.accountId(account).orElse("") : demo.role(account, role).orElse("");
      if (role.equals("accountId")) {
        t.append("  #   accountId: \"\"   # for an admin API (fault injection, session counts); demo world: ")
            .append(example).append('\n');
        t.append("  #   roles:\n");
        continue;
      }
      String note = notes.get(role);
      t.append("  #     ").append(role).append(": \"\"   # ").append(n.cases().size()).append(" case(s); demo world: ")
          .append(example).append(note == null ? "" : " (" + note + ")").append('\n');
    }
    return t.toString();
  }

  /** The descriptions demo.yaml gives its roles in comments (the one place they are written). */
  private static Map<String, String> roleNotes() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = FixturesCommand.class.getClassLoader().getResourceAsStream(Fixtures.DEMO_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = ROLE_COMMENT.matcher(line);
        if (m.matches()) {
          out.putIfAbsent(m.group(1), m.group(3).strip());
        }
      }
    } catch (IOException | NullPointerException e) {
      // no notes: the template still lists every role
    }
    return out;
  }
}
