package io.tmkit.contract.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import io.tmkit.contract.TagListRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review table says what the contract says: one line per parameter and per catalog row. */
class ReviewTableTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final String TABLE = new ReviewTable(CONTRACT).render();

  @Test
  void oneLinePerParameterWithItsConstraints() {
    List<List<String>> lines = tableRows(section(TABLE, ReviewTable.PARAMETERS));
    assertEquals(CONTRACT.parameters().size(), lines.size());
    for (ParameterRule p : CONTRACT.parameters()) {
      List<String> cells = lineOf(lines, p.name());
      String where = "line of " + p.name() + ": " + cells;
      assertEquals(11, cells.size(), where);
      assertEquals(String.valueOf(p.position() + 1), cells.get(10), where);
      assertEquals("`" + ReviewTable.stageOf(CONTRACT, p).name() + "`", cells.get(9), where);
      assertEquals("`" + p.name() + "`", cells.get(1), where);
      assertEquals(p.type(), cells.get(2), where);
      assertEquals(p.required() ? "yes" : "no", cells.get(3), where);
      for (Object bound : Arrays.asList(p.minimum(), p.maximum(), p.minLength(), p.maxLength())) {
        if (bound != null) {
          assertTrue(cells.get(4).contains(bound.toString()), where);
        }
      }
      p.enumValues().forEach(v -> assertTrue(cells.get(4).contains("`" + v + "`"), where));
      assertEquals(p.pattern() == null ? "" : "`" + p.pattern() + "`", cells.get(5), where);
      assertEquals(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`", cells.get(6), where);
      assertEquals(p.example() == null ? "" : "`" + p.example() + "`", cells.get(7), where);
    }
  }

  @Test
  void everyConstraintOfEveryParameterShowsTheErrorItYields() {
    List<List<String>> lines = tableRows(section(TABLE, ReviewTable.PARAMETERS));
    int checked = 0;
    for (ParameterRule p : CONTRACT.parameters()) {
      Map<String, String> answers = answers(lineOf(lines, p.name()).get(8));
      List<String> constraints = new ArrayList<>(ReviewTable.constraintsOf(p));
      if (p.required()) {
        assertTrue(constraints.contains("missing"), p.name() + " is required");
      }
      for (String keyword : constraints) {
        ErrorRow row = p.errorFor(keyword);
        assertEquals(row.status() + " `" + row.code() + "` “" + row.message() + "”", answers.get(keyword),
            p.name() + " / " + keyword);
        checked++;
      }
    }
    assertTrue(checked > CONTRACT.parameters().size(), "every parameter has at least one constraint");
  }

  @Test
  void oneLinePerCatalogRowWithStatusCodeMessageDescriptionStageAndTrigger() {
    List<List<String>> lines = tableRows(section(TABLE, ReviewTable.ERRORS));
    List<ErrorRow> rows = CONTRACT.errors().rows();
    assertEquals(rows.size(), lines.size());
    for (int i = 0; i < rows.size(); i++) {
      ErrorRow r = rows.get(i);
      assertEquals(List.of(
              String.valueOf(i + 1),
              String.valueOf(r.status()),
              "`" + r.code() + "`",
              r.codeN() == null ? "" : r.codeN().toString(),
              r.message(),
              r.descriptionZh(),
              r.common() ? "yes" : "no",
              r.stage(),
              r.trigger()),
          lines.get(i), "catalog row " + (i + 1));
    }
  }

  @Test
  void evaluationOrderListsEveryStageWithItsCodesInOrder() {
    List<String> items = section(TABLE, ReviewTable.ORDER).lines().filter(l -> l.matches("\\d+\\. .*")).toList();
    List<EvaluationStage> stages = CONTRACT.evaluationOrder();
    assertEquals(stages.size(), items.size());
    for (int i = 0; i < stages.size(); i++) {
      EvaluationStage stage = stages.get(i);
      String codes = String.join(", ", stage.codes().stream().map(c -> "`" + c + "`").toList());
      assertEquals((i + 1) + ". **" + stage.name() + "**: " + codes, items.get(i));
    }
  }

  @Test
  void tagListRulesNameTheirErrors() {
    String tags = section(TABLE, ReviewTable.TAGS);
    TagListRule rule = CONTRACT.tagList();
    assertTrue(tags.contains("at most " + rule.maxItems() + " tags"), tags);
    Map<String, ErrorRow> rules = new LinkedHashMap<>();
    rules.put("tooMany", rule.tooMany());
    rules.put("disorder", rule.disorder());
    rules.put("valueWithoutKey", rule.valueWithoutKey());
    rules.put("duplicateKey", rule.duplicateKey());
    List<List<String>> lines = tableRows(tags);
    assertEquals(rules.size() + 2, lines.size(), "four list rules and the key and value schemas");
    rules.forEach((name, row) -> assertTrue(
        lines.contains(List.of(name, row.status() + " `" + row.code() + "` “" + row.message() + "”")), name));
  }

  /** The table follows the document it is given: a bound changed in the document changes the line. */
  @Test
  void aChangedBoundShowsInTheTable(@TempDir Path dir) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = (ObjectNode) yaml.readTree(Files.readAllBytes(Path.of("openapi.yaml")));
    ParameterRule priority = CONTRACT.requireParameter("Priority");
    long narrower = priority.maximum() - 1;
    root.findParents("name").stream()
        .filter(n -> "Priority".equals(n.path("name").asText()) && n.has("schema"))
        .forEach(n -> ((ObjectNode) n.get("schema")).put("maximum", narrower));
    Path changed = dir.resolve("openapi.yaml");
    yaml.writeValue(changed.toFile(), root);

    String table = new ReviewTable(Contract.load(changed)).render();
    List<List<String>> lines = tableRows(section(table, ReviewTable.PARAMETERS));
    assertEquals(priority.minimum() + " … " + narrower, lineOf(lines, priority.name()).get(4));
  }

  @Test
  void mainWritesTheTableOfTheGivenDocument(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("docs/review.md");
    ReviewTable.main(new String[] {out.toString(), "openapi.yaml"});
    assertEquals(new ReviewTable(Contract.load(Path.of("openapi.yaml"))).render(), Files.readString(out));
  }

  @Test
  void cellsKeepPipesAndLineBreaksInside() {
    assertEquals("| a\\|b | x<br>y |", Markdown.row(List.of("a|b", "x\ny")));
    assertEquals(List.of("a|b", "x<br>y"), cells("| a\\|b | x<br>y |"));
  }

  /** "k1, k2 → answer<br>k3 → answer" as keyword → answer. */
  private static List<String> lineOf(List<List<String>> lines, String name) {
    return lines.stream().filter(l -> l.get(1).equals("`" + name + "`")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + name));
  }

  /**
   * "In the order of evaluation" holds against the evaluator itself: for every two neighbouring
   * lines, a request in which both parameters are wrong earns the error of the upper one
   * ({@link RequestRules}: the envelope's Action and Version, then the parameters and tags stages).
   */
  @Test
  void parametersAreListedInTheOrderTheRulesEvaluateThem() {
    RequestRules rules = new RequestRules(CONTRACT);
    List<String> order = tableRows(section(TABLE, ReviewTable.PARAMETERS)).stream()
        .map(l -> l.get(1).replace("`", "")).toList();
    assertEquals(CONTRACT.parameters().size(), order.size());
    // A valid request that gives every parameter, tags included, its example.
    Map<String, String> valid = new LinkedHashMap<>();
    CONTRACT.parameters().forEach(p -> valid.put(p.name(), p.example()));
    assertEquals(Optional.empty(), evaluate(rules, valid), "the examples together are not a valid request");
    // Per parameter, a wrong value and the answer it earns alone (the parameter the rules blame and the code).
    Map<String, String> bad = new LinkedHashMap<>();
    Map<String, String> alone = new LinkedHashMap<>();
    for (String name : order) {
      for (String candidate : List.of("", "!", "x", "-1", "99999999999999999999", "x".repeat(300))) {
        Map<String, String> request = new LinkedHashMap<>(valid);
        request.put(name, candidate);
        Optional<String> answer = evaluate(rules, request).map(ReviewTableTest::blame);
        if (answer.isPresent()) {
          bad.put(name, candidate);
          alone.put(name, answer.get());
          break;
        }
      }
      assertTrue(bad.containsKey(name), "no wrong value found for " + name);
    }
    int told = 0;
    for (int i = 0; i + 1 < order.size(); i++) {
      String upper = order.get(i);
      String lower = order.get(i + 1);
      Map<String, String> request = new LinkedHashMap<>(valid);
      request.put(lower, bad.get(lower));
      request.put(upper, bad.get(upper));
      assertEquals(Optional.of(alone.get(upper)), evaluate(rules, request).map(ReviewTableTest::blame),
          "lines " + (i + 1) + " and " + (i + 2) + ": " + upper + " and " + lower + " both wrong");
      if (!alone.get(upper).equals(alone.get(lower))) {
        told++;
      }
    }
    // Only Action and Version share one check (InvalidActionOrVersion names both): every other pair
    // of neighbours gets answers that tell them apart, so the order above is really tested.
    assertEquals(order.size() - 2, told, "neighbours whose answers cannot be told apart");
  }

  private static String blame(Violation v) {
    return v.parameter() + " " + v.code();
  }

  private static Optional<Violation> evaluate(RequestRules rules, Map<String, String> parameters) {
    RequestParameters request = RequestParameters.of(parameters);
    return rules.checkActionAndVersion(request).or(() -> rules.checkSyntax(request));
  }

  private static Map<String, String> answers(String cell) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : cell.split("<br>")) {
      int arrow = part.indexOf(" → ");
      assertTrue(arrow > 0, "not \"keywords → error\": " + part);
      for (String keyword : part.substring(0, arrow).split(", ")) {
        out.put(keyword, part.substring(arrow + 3));
      }
    }
    return out;
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading + "\n");
    assertTrue(start >= 0, "no section " + heading);
    int end = markdown.indexOf("\n## ", start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** The body rows of the table in a section, split into unescaped cells. */
  private static List<List<String>> tableRows(String section) {
    List<String> lines = section.lines().filter(l -> l.startsWith("| ")).toList();
    return lines.subList(2, lines.size()).stream().map(ReviewTableTest::cells).toList();
  }

  private static List<String> cells(String line) {
    String inner = line.substring(2, line.length() - 2);
    List<String> out = new ArrayList<>();
    for (String cell : inner.split(" (?<!\\\\)\\| ", -1)) {
      out.add(cell.replace("\\|", "|"));
    }
    return out;
  }
}
