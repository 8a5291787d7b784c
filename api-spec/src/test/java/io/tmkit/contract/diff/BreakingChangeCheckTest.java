package io.tmkit.contract.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release gate: the current contract against the released baseline. */
class BreakingChangeCheckTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final ParameterRule PRIORITY = CONTRACT.requireParameter("Priority");

  @Test
  void theCurrentDocumentKeepsThePromisesOfTheCommittedBaseline() throws Exception {
    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.baseline(), ContractEdit.current());
    assertFalse(report.breaking(), () -> report.explain("openapi.yaml", "baseline/openapi.yaml"));
  }

  @Test
  void aTightenedMaximumIsBreakingForOpenApiDiffAndForTheContractRules(@TempDir Path dir) throws Exception {
    long tighter = 100;
    Path changed = ContractEdit.write(dir, root -> ContractEdit.schema(root, PRIORITY.name()).put("maximum", tighter));

    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.current(), changed);

    assertTrue(report.breaking());
    // openapi-diff 2.1.7 does classify a narrowed numeric range of a query parameter as incompatible.
    assertTrue(report.openApiDiffBreaking(), report.openApiDiffText());
    assertTrue(report.narrowed().contains(
        new Incompatibility("parameter " + PRIORITY.name(), "maximum " + PRIORITY.maximum() + " → " + tighter)),
        report.narrowed().toString());
  }

  @Test
  void aBreakingChangeFailsWithReleaseInstructions(@TempDir Path dir) {
    Path changed = ContractEdit.write(dir, root -> ContractEdit.schema(root, PRIORITY.name()).put("maximum", 100));

    Run run = Run.of(ContractEdit.current().toString(), changed.toString());

    assertEquals(1, run.status);
    assertTrue(run.err.contains("BREAKING"), run.err);
    assertTrue(run.err.contains("Both documents say info.version " + CONTRACT.version()), run.err);
    assertTrue(run.err.contains("bump info.version"), run.err);
    assertTrue(run.err.contains("cp " + changed + " " + ContractEdit.current()), run.err);
  }

  @Test
  void aBumpedVersionAloneDoesNotReleaseTheBaseline(@TempDir Path dir) {
    Path changed = ContractEdit.write(dir, root -> {
      ContractEdit.schema(root, PRIORITY.name()).put("maximum", 100);
      ((ObjectNode) root.get("info")).put("version", CompatibilityReport.nextMajor(CONTRACT.version()));
    });

    Run run = Run.of(ContractEdit.current().toString(), changed.toString());

    assertEquals(1, run.status, "the baseline must be updated too");
    assertFalse(run.err.contains("Both documents say"), run.err);
    assertTrue(run.err.contains("copy the document to the baseline"), run.err);
  }

  @Test
  void aRewordedDescriptionIsNotBreaking(@TempDir Path dir) {
    Path changed = ContractEdit.write(dir, root -> {
      ObjectNode p = ContractEdit.parameter(root, PRIORITY.name());
      p.put("description", "Reworded. " + p.get("description").asText());
    });

    Run run = Run.of(ContractEdit.current().toString(), changed.toString());

    assertEquals(0, run.status, run.err);
    assertTrue(run.out.contains("compatible"), run.out);
  }

  @Test
  void aWiderBoundIsNotBreaking(@TempDir Path dir) throws Exception {
    Path changed = ContractEdit.write(dir, root ->
        ContractEdit.schema(root, PRIORITY.name()).put("maximum", PRIORITY.maximum() + 1));

    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.current(), changed);

    assertFalse(report.breaking(), () -> report.explain("current", "changed"));
  }

  /** openapi-diff 2.1.7 lets a raised minLength of a query parameter pass; the contract rules catch it. */
  @Test
  void aRaisedMinLengthIsBreakingThoughOpenApiDiffMissesIt(@TempDir Path dir) throws Exception {
    ParameterRule p = CONTRACT.parameters().stream()
        .filter(r -> r.minLength() != null && r.listItem() == null).findFirst().orElseThrow();
    int raised = p.minLength() + 1;
    Path changed = ContractEdit.write(dir, root -> ContractEdit.schema(root, p.name()).put("minLength", raised));

    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.current(), changed);

    assertFalse(report.openApiDiffBreaking(), "openapi-diff now flags it: " + report.openApiDiffText());
    assertEquals(java.util.List.of(
        new Incompatibility("parameter " + p.name(), "minLength " + p.minLength() + " → " + raised)), report.narrowed());
  }

  /** openapi-diff does not read vendor extensions: a reworded error message is caught by the contract rules. */
  @Test
  void aRewordedErrorMessageIsBreakingThoughOpenApiDiffMissesIt(@TempDir Path dir) throws Exception {
    String message = PRIORITY.errorFor("maximum").message();
    Path changed = ContractEdit.write(dir, root -> {
      ContractEdit.operation(root).withArray("x-error-catalog").forEach(row -> {
        if (row.path("message").asText().equals(message)) {
          ((ObjectNode) row).put("message", message + " Reworded.");
        }
      });
      root.findParents("message").stream()
          .filter(n -> n.path("message").asText().equals(message))
          .forEach(n -> ((ObjectNode) n).put("message", message + " Reworded."));
    });

    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.current(), changed);

    assertFalse(report.openApiDiffBreaking(), report.openApiDiffText());
    assertTrue(report.breaking());
    assertTrue(report.narrowed().stream().anyMatch(i -> i.where().equals("x-error-catalog")
        && i.change().contains(message)), report.narrowed().toString());
  }

  @Test
  void theSameBytesAreTheReleasedContract() throws Exception {
    CompatibilityReport report = BreakingChangeCheck.compare(ContractEdit.current(), ContractEdit.current());
    assertTrue(report.identical());
    assertFalse(report.breaking());
  }

  @Test
  void badUsageAndUnreadableDocumentsExitWithTwo(@TempDir Path dir) {
    assertEquals(2, Run.of(ContractEdit.current().toString()).status);
    assertEquals(2, Run.of(dir.resolve("missing.yaml").toString(), ContractEdit.current().toString()).status);
  }

  @Test
  void nextMajorVersion() {
    assertEquals("2.0.0", CompatibilityReport.nextMajor("1.0.0"));
    assertEquals("11.0.0", CompatibilityReport.nextMajor("10.4.1"));
  }

  /** One run of the checker's command line with its exit status and output. */
  private record Run(int status, String out, String err) {
    static Run of(String... args) {
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = BreakingChangeCheck.run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
    }
  }
}
