package io.tmkit.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One in-process run of the CLI: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
  static final String COMMAND = "create-traffic-mirror-session";

  static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TrafficMirrorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The create command with the contract's example IDs for the required options (priority 7 unless {@code more} gives one), then {@code more}. */
  static String[] create(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(COMMAND,
        "--network-interface-id", "eni-bp1fgnh68xyz90001", "--traffic-mirror-target-id", "tmt-35bvae1r7rv283dy2w2ll0001",
        "--traffic-mirror-filter-id", "tmf-bp1opxu1zkhn001230001"));
    if (!Arrays.asList(more).contains("--priority")) {
      args.addAll(List.of("--priority", "7"));
    }
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  boolean hasStackTrace() {
    return (out + err).contains("\tat ");
  }
}
