package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.conformance.cases.CaseFile;
import io.tmkit.conformance.cases.CaseLoader;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.validate.CaseValidator;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The completeness test: the bundled case files are fit to run, and every row of the contract's
 * error catalog (the seed rows and the common rows) has a case on the HTTP surface, every seed row
 * one through the client.
 */
class CaseFilesTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final CaseSet CASES = CaseSet.bundled();

  @Test
  void theCaseFilesHaveNoProblems() {
    List<String> problems = new CaseValidator(CONTRACT, Fixtures.demo()).problems(CASES);
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void theIndexListsEveryFamilyFile() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/cases"))) {
      TreeSet<String> onDisk = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("index.yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(onDisk, new TreeSet<>(CaseLoader.families(CaseFile.resource(CaseLoader.INDEX))));
    }
  }

  /** Said again in the terms of the issue, so that a regression names the row it lost. */
  @Test
  void everyRowOfTheCatalogHasACase() {
    for (ErrorRow row : CONTRACT.errors().rows()) {
      List<ConformanceCase> cases = CASES.cases().stream().filter(c -> row.equals(c.expect().row())).toList();
      assertTrue(cases.stream().anyMatch(c -> c.appliesTo(Surface.HTTP)), "no http case for " + row.label());
      if (!row.common()) {
        assertTrue(cases.stream().anyMatch(c -> c.appliesTo(Surface.CLIENT) || c.notOnClient() != null),
            "no client case for seed row " + row.label());
      }
    }
    assertEquals(38, CONTRACT.errors().seedRows().size(), "the seed page has 38 rows");
    System.out.printf("case files: %d cases cover %d seed rows and %d common rows%n",
        CASES.cases().size(), CONTRACT.errors().seedRows().size(), CONTRACT.errors().commonRows().size());
  }
}
