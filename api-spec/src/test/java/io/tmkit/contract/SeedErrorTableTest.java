package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's error list equals the documentation page's error table, row for row. */
class SeedErrorTableTest {
  private static final SeedPage SEED = SeedPage.load();

  static List<String> rowsOf(Contract contract) {
    return contract.errors().seedRows().stream()
        .map(r -> r.status() + " | " + r.code() + " | " + r.message() + " | " + r.descriptionZh())
        .toList();
  }

  static List<String> seedRows() {
    return SEED.errorTable().stream()
        .map(r -> r.status() + " | " + r.code() + " | " + r.message() + " | " + r.descriptionZh())
        .toList();
  }

  @Test
  void thePageHasThirtyEightRows() {
    assertEquals(38, SEED.errorTable().size(), "parser lost rows of the seed's error table");
  }

  @Test
  void catalogEqualsThePageRowForRow() {
    assertEquals(seedRows(), rowsOf(Contract.bundled()));
  }

  @Test
  void everyRowOfTheCatalogHasAStageOfTheEvaluationOrderAndATrigger() {
    Contract contract = Contract.bundled();
    for (ErrorRow row : contract.errors().rows()) {
      assertFalse(row.trigger() == null || row.trigger().isBlank(), row.label() + " has no trigger");
      boolean inStage = contract.evaluationOrder().stream()
          .anyMatch(s -> s.name().equals(row.stage()) && s.codes().contains(row.code()));
      assertEquals(true, inStage, row.label() + " is not listed under stage " + row.stage());
    }
  }

  /** The comparison above is not vacuous: one changed character in one row is seen. */
  @Test
  void aChangedRowIsDetected() throws Exception {
    String yaml = Files.readString(Path.of("openapi.yaml"), StandardCharsets.UTF_8);
    String mutated = yaml.replaceFirst(
        "message: The specified priority is malformed\\.", "message: The specified priority is invalid.");
    assertNotEquals(yaml, mutated);
    // The document refuses to load at all (x-errors of Priority no longer name a row) ...
    Exception refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Contract.parse(mutated.getBytes(StandardCharsets.UTF_8)));
    assertEquals(true, refused.getMessage().contains("Priority"), refused.getMessage());
    // ... and with the parameter's reference changed alike, the table comparison fails.
    String both = mutated.replace(
        "message: The specified priority is malformed.", "message: The specified priority is invalid.");
    assertNotEquals(seedRows(), rowsOf(Contract.parse(both.getBytes(StandardCharsets.UTF_8))));
  }
}
