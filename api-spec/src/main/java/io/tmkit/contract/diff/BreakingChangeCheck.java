package io.tmkit.contract.diff;

import io.tmkit.contract.Contract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * Compares the current contract with the released baseline and fails on a change that breaks a
 * client of the baseline: openapi-diff's verdict on the OpenAPI structure, plus
 * {@link NarrowedRules} on the contract's own rules (bounds, patterns, enums, documented errors).
 *
 * <p>Run by the build of {@code api-spec} in {@code verify}:
 * {@code BreakingChangeCheck baseline/openapi.yaml openapi.yaml}. Exit status 0 when compatible,
 * 1 when breaking, 2 on bad usage or an unreadable document.
 */
public final class BreakingChangeCheck {
  private BreakingChangeCheck() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BreakingChangeCheck <baseline openapi.yaml> <current openapi.yaml>");
      return 2;
    }
    Path baseline = Path.of(args[0]);
    Path current = Path.of(args[1]);
    CompatibilityReport report;
    try {
      report = compare(baseline, current);
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("breaking-change check: cannot compare " + baseline + " with " + current + ": " + e);
      return 2;
    }
    String text = report.explain(current.toString(), baseline.toString());
    if (report.breaking()) {
      System.err.println(text);
      return 1;
    }
    System.out.println("breaking-change check: " + text);
    return 0;
  }

  public static CompatibilityReport compare(Path baseline, Path current) throws IOException {
    byte[] released = Files.readAllBytes(baseline);
    byte[] now = Files.readAllBytes(current);
    Contract releasedContract = Contract.parse(released);
    Contract currentContract = Contract.parse(now);
    if (Arrays.equals(released, now)) {
      return new CompatibilityReport(
          releasedContract.version(), currentContract.version(), false, "", java.util.List.of(), true);
    }
    ChangedOpenApi diff = OpenApiCompare.fromContents(
        new String(released, StandardCharsets.UTF_8), new String(now, StandardCharsets.UTF_8));
    return new CompatibilityReport(
        releasedContract.version(),
        currentContract.version(),
        diff.isIncompatible(),
        diff.isDifferent() ? render(diff) : "",
        NarrowedRules.between(releasedContract, currentContract),
        false);
  }

  private static String render(ChangedOpenApi diff) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      new ConsoleRender().render(diff, writer);
    } catch (IOException e) {
      return "(openapi-diff could not render its report: " + e + ")";
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
