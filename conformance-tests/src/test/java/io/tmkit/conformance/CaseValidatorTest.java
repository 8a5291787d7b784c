package io.tmkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tmkit.conformance.cases.CaseFile;
import io.tmkit.conformance.cases.CaseLoader;
import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.validate.CaseValidator;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator fires: a file of deliberately wrong cases, read together with the bundled ones,
 * yields exactly the problems listed in {@code bad-cases/expected-problems.txt} (Smithy validates its
 * validators against expected-output files the same way).
 */
class CaseValidatorTest {
  private static final Contract CONTRACT = Contract.bundled();

  @Test
  void everyMistakeInTheBadFileIsReported() throws IOException {
    Path dir = Path.of("src/test/resources/bad-cases");
    CaseFile index = CaseFile.resource(CaseLoader.INDEX);
    List<CaseFile> files = new ArrayList<>();
    for (String family : CaseLoader.families(index)) {
      files.add(CaseFile.resource("cases/" + family + ".yaml"));
    }
    files.add(CaseFile.of(dir.resolve("bad.yaml")));
    CaseSet set = CaseLoader.load(CONTRACT, index, files);

    List<String> problems = new CaseValidator(CONTRACT, Fixtures.demo()).problems(set);

    List<String> expected = Files.readAllLines(dir.resolve("expected-problems.txt")).stream()
        .filter(l -> !l.isBlank()).sorted().toList();
    assertEquals(expected, problems.stream().sorted().toList());
  }

  @Test
  void removingTheOnlyCaseOfARowIsReportedAsAGap() {
    CaseSet all = CaseSet.bundled();
    CaseSet withoutOrderError = new CaseSet(
        all.cases().stream().filter(c -> !"OrderError".equals(c.expect().row() == null ? null : c.expect().row().code())).toList(),
        all.problems(), all.bases());
    List<String> problems = new CaseValidator(CONTRACT, Fixtures.demo()).problems(withoutOrderError);
    String row = CONTRACT.errors().only("OrderError").label();
    assertEquals(List.of(
        "row " + row + " has no case on the http surface",
        "seed row " + row + " has no case on the client surface (nor a notOnClient reason)"),
        problems);
  }
}
