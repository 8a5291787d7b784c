package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request parameter of the documentation page is in the contract, as the page describes it. */
class SeedParametersTest {
  private static final Contract CONTRACT = Contract.bundled();

  static Stream<SeedPage.ParameterRow> seedParameters() {
    return SeedPage.load().parameterTable().stream();
  }

  @Test
  void thePageHasFourteenParameters() {
    assertEquals(14, SeedPage.load().parameterTable().size());
  }

  /** {@code Tags.N.Key} stands for the indexed parameters {@code Tags.1.Key} … up to the list's limit. */
  private static List<ParameterRule> contractParametersFor(String seedName) {
    if (!seedName.contains(".N.")) {
      return List.of(CONTRACT.requireParameter(seedName));
    }
    TagListRule tags = CONTRACT.tagList();
    return java.util.stream.IntStream.rangeClosed(1, tags.maxItems())
        .mapToObj(i -> CONTRACT.requireParameter(seedName.replace(".N.", "." + i + ".")))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedParameters")
  void presentWithTypeRequiredExampleAndText(SeedPage.ParameterRow seed) {
    List<ParameterRule> rules = contractParametersFor(seed.name());
    assertTrue(rules.size() >= 1);
    for (ParameterRule rule : rules) {
      assertEquals(seed.type().toLowerCase(Locale.ROOT), rule.type(), rule.name() + " type");
      assertEquals(seed.required(), rule.required(), rule.name() + " required");
      assertNotNull(rule.example(), rule.name() + " has an example");
      String description = CONTRACT.resolve(findParameterNode(rule.name())).path("description").asText();
      String firstSentence = seed.descriptionZh().split("。")[0];
      assertTrue(description.contains(firstSentence),
          rule.name() + " description lacks the page's text: " + firstSentence);
      assertTrue(!rule.errors().isEmpty(), rule.name() + " has x-errors");
      if (rule.required()) {
        assertEquals("MissingParameter", rule.errorFor("missing").code(), rule.name());
      }
    }
    // The page's own example is recorded verbatim (on the first parameter of an indexed family).
    assertEquals(seed.example(), rules.get(0).seedExample(), seed.name() + " x-seed-example");
  }

  private static com.fasterxml.jackson.databind.JsonNode findParameterNode(String name) {
    for (com.fasterxml.jackson.databind.JsonNode ref : CONTRACT.operation().path("parameters")) {
      com.fasterxml.jackson.databind.JsonNode p = CONTRACT.resolve(ref);
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  @Test
  void everyContractParameterComesFromThePage() {
    List<String> seedNames = seedParameters().map(SeedPage.ParameterRow::name).toList();
    for (ParameterRule rule : CONTRACT.parameters()) {
      String familyName = rule.name().replaceAll("\\.\\d+\\.", ".N.");
      assertTrue(seedNames.contains(familyName), rule.name() + " is not a parameter of the page");
    }
  }

  /** Figures the page states in prose, read from the page and compared with the schema keywords. */
  @Test
  void boundsThePageStatesAreSchemaKeywords() {
    SeedPage page = SeedPage.load();
    String priorityText = seedText(page, "Priority");
    java.util.regex.Matcher range = java.util.regex.Pattern.compile("(\\d+)~(\\d+)").matcher(priorityText);
    assertTrue(range.find(), priorityText);
    ParameterRule priority = CONTRACT.requireParameter("Priority");
    assertEquals(Long.parseLong(range.group(1)), priority.minimum());
    assertEquals(Long.parseLong(range.group(2)), priority.maximum());

    String packetText = seedText(page, "PacketLength");
    ParameterRule packetLength = CONTRACT.requireParameter("PacketLength");
    assertEquals(Long.parseLong(firstNumberAfter(packetText, "最小范围为")), packetLength.minimum());
    assertEquals(firstNumberAfter(packetText, "默认为"), packetLength.defaultValue());
    assertTrue(seedText(page, "ProjectName").contains("默认加入" + CONTRACT.requireParameter("ProjectName").defaultValue()));

    // Lengths the page states only in its error table.
    assertEquals(Integer.parseInt(firstNumberAfter(errorText(page, "InvalidParameter.ClientTokenMalformed", "长度"), "不能超过")),
        CONTRACT.requireParameter("ClientToken").maxLength());
    assertEquals(Integer.parseInt(firstNumberAfter(errorText(page, "InvalidDescription.Malformed", "长度"), "不能超过")),
        CONTRACT.requireParameter("Description").maxLength());
    assertEquals(Integer.parseInt(firstNumberAfter(errorText(page, "InvalidName.Malformed", "长度"), "不能超过")),
        CONTRACT.requireParameter("TrafficMirrorSessionName").maxLength());
    assertEquals(List.of(seedExample(page, "Action")), CONTRACT.requireParameter("Action").enumValues());
    assertEquals(List.of(seedExample(page, "Version")), CONTRACT.requireParameter("Version").enumValues());
  }

  /** Where the page gives one code two messages, the length message goes with maxLength, the other with the rest. */
  @Test
  void twoMessageCodesSayWhichConstraintYieldsWhichMessage() {
    SeedPage page = SeedPage.load();
    for (String[] pair : new String[][] {
        {"TrafficMirrorSessionName", "InvalidName.Malformed"}, {"Description", "InvalidDescription.Malformed"}}) {
      ParameterRule rule = CONTRACT.requireParameter(pair[0]);
      List<SeedPage.ErrorTableRow> rows = page.errorTable().stream().filter(r -> r.code().equals(pair[1])).toList();
      assertEquals(2, rows.size(), pair[1]);
      SeedPage.ErrorTableRow lengthRow = rows.stream().filter(r -> r.message().contains("maximum length")).findFirst().orElseThrow();
      SeedPage.ErrorTableRow plainRow = rows.stream().filter(r -> r != lengthRow).findFirst().orElseThrow();
      assertEquals(lengthRow.message(), rule.errorFor("maxLength").message(), pair[0]);
      assertEquals(plainRow.message(), rule.errorFor("pattern").message(), pair[0]);
    }
  }

  private static String seedText(SeedPage page, String name) {
    return page.parameterTable().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().descriptionZh();
  }

  private static String seedExample(SeedPage page, String name) {
    return page.parameterTable().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().example();
  }

  private static String errorText(SeedPage page, String code, String fragment) {
    return page.errorTable().stream()
        .filter(r -> r.code().equals(code) && r.descriptionZh().contains(fragment))
        .findFirst().orElseThrow().descriptionZh();
  }

  private static String firstNumberAfter(String text, String marker) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(marker) + "(\\d+)").matcher(text);
    assertTrue(m.find(), "no number after " + marker + " in " + text);
    return m.group(1);
  }
}
