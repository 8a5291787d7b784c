package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stateless rules, each checked against the row the contract names for it: the test picks rows by
 * code or by the parameter's x-errors, never by a retyped message.
 */
class RequestRulesTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final RequestRules RULES = new RequestRules(CONTRACT);

  private static Map<String, String> valid() {
    Map<String, String> p = new LinkedHashMap<>();
    for (ParameterRule rule : CONTRACT.parameters()) {
      if (rule.required()) {
        p.put(rule.name(), rule.example());
      }
    }
    return p;
  }

  private static RequestParameters with(Map<String, String> base, String... kv) {
    Map<String, String> p = new LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        p.remove(kv[i]);
      } else {
        p.put(kv[i], kv[i + 1]);
      }
    }
    return RequestParameters.of(p);
  }

  private static Optional<Violation> check(RequestParameters request) {
    Optional<Violation> v = RULES.checkActionAndVersion(request);
    return v.isPresent() ? v : RULES.checkSyntax(request);
  }

  private static void assertAnswer(ErrorRow expected, RequestParameters request) {
    Violation v = check(request).orElseThrow(() -> new AssertionError("accepted: " + request.pairs()));
    assertEquals(expected, v.row(), request.pairs().toString());
    assertTrue(expected.matchesMessage(v.message()), v.message());
  }

  @Test
  void everyExampleTogetherIsAValidRequest() {
    Map<String, String> all = new LinkedHashMap<>();
    CONTRACT.parameters().forEach(p -> all.put(p.name(), p.example()));
    assertEquals(Optional.empty(), check(RequestParameters.of(all)));
  }

  @Test
  void actionAndVersion() {
    ParameterRule action = CONTRACT.requireParameter("Action");
    Violation missing = check(with(valid(), "Action", null)).orElseThrow();
    assertEquals(action.errorFor("missing"), missing.row());
    assertEquals(action.errorFor("missing").format("Action"), missing.message());
    Violation wrong = check(with(valid(), "Version", "2018-01-01")).orElseThrow();
    assertEquals(action.errorFor("enum"), wrong.row());
    assertEquals(wrong.row().format(CONTRACT.onlyValueOf("Action"), "2018-01-01"), wrong.message());
  }

  @Test
  void requiredParametersInDocumentOrder() {
    Violation v = check(with(valid(), "Priority", null, "TrafficMirrorFilterId", null)).orElseThrow();
    assertEquals("MissingParameter", v.code());
    assertEquals(List.of("Priority"), v.args());
  }

  @Test
  void unknownAndRepeatedNames() {
    Violation unknown = check(with(valid(), "Prioirty", "1")).orElseThrow();
    assertEquals(CONTRACT.errors().rowContaining("InvalidParameter", "not recognized"), unknown.row());
    List<Map.Entry<String, String>> pairs = new ArrayList<>(with(valid()).pairs());
    pairs.add(Map.entry("Priority", "2"));
    Violation repeated = check(RequestParameters.of(pairs)).orElseThrow();
    assertEquals(CONTRACT.errors().rowContaining("InvalidParameter", "more than once"), repeated.row());
    assertEquals(List.of("Priority"), repeated.args());
  }

  /** The presigned URL's parameters belong to the signature, not the operation; only they are exempt. */
  @Test
  void thePresignedParametersAreNotUnknown() {
    List<String> names = CONTRACT.signing().presignedParameterNames();
    assertEquals(8, names.size(), names::toString);
    Map<String, String> presigned = new LinkedHashMap<>(valid());
    names.forEach(n -> presigned.put(n, ""));
    assertEquals(Optional.empty(), check(RequestParameters.of(presigned)));
    Violation near = check(with(valid(), "X-Signatures", "")).orElseThrow();
    assertEquals(CONTRACT.errors().rowContaining("InvalidParameter", "not recognized"), near.row());
  }

  @Test
  void lengthAndPatternYieldTheirOwnMessages() {
    ParameterRule name = CONTRACT.requireParameter("TrafficMirrorSessionName");
    assertAnswer(name.errorFor("maxLength"), with(valid(), name.name(), "a".repeat(name.maxLength() + 1)));
    assertAnswer(name.errorFor("pattern"), with(valid(), name.name(), "_starts-with-underscore"));
    assertAnswer(name.errorFor("minLength"), with(valid(), name.name(), ""));
    // Too long and malformed at once: the length message, because maxLength is checked first.
    assertAnswer(name.errorFor("maxLength"), with(valid(), name.name(), "_".repeat(name.maxLength() + 1)));
    assertEquals(Optional.empty(), check(with(valid(), name.name(), "镜像会话-1.a_b")));
    assertEquals(Optional.empty(), check(with(valid(), name.name(), "a".repeat(name.maxLength()))));
  }

  @Test
  void integersRejectNonNumbersAndOverflow() {
    ParameterRule priority = CONTRACT.requireParameter("Priority");
    for (String bad : List.of("abc", "1.5", "", " 1", "99999999999999999999", "0x10", String.valueOf(priority.maximum() + 1), "0")) {
      assertAnswer(priority.errorFor("type"), with(valid(), "Priority", bad));
    }
  }

  @Test
  void priorityAcceptsExactlyItsRange() {
    // Every value from a little below the range to a little past it (about 33,000), not a sample.
    ParameterRule rule = CONTRACT.requireParameter("Priority");
    for (long priority = rule.minimum() - 6; priority <= rule.maximum() + 34; priority++) {
      boolean inRange = priority >= rule.minimum() && priority <= rule.maximum();
      assertEquals(inRange, check(with(valid(), "Priority", String.valueOf(priority))).isEmpty(), String.valueOf(priority));
    }
  }

  @Test
  void idsOfTheWrongFormCannotExist() {
    ParameterRule eni = CONTRACT.requireParameter("NetworkInterfaceId");
    assertAnswer(eni.errorFor("pattern"), with(valid(), eni.name(), "eni-ABC"));
    assertAnswer(eni.errorFor("pattern"), with(valid(), eni.name(), eni.seedExample()));
    assertEquals(404, eni.errorFor("pattern").status());
  }

  @Test
  void clientTokenIsPrintableAscii() {
    ParameterRule token = CONTRACT.requireParameter("ClientToken");
    assertAnswer(token.errorFor("pattern"), with(valid(), token.name(), "token with space"));
    assertAnswer(token.errorFor("pattern"), with(valid(), token.name(), "令牌"));
    assertAnswer(token.errorFor("maxLength"), with(valid(), token.name(), "x".repeat(token.maxLength() + 1)));
    assertEquals(Optional.empty(), check(with(valid(), token.name(), token.seedExample())));
  }

  @Test
  void tagListRules() {
    TagListRule tags = CONTRACT.tagList();
    assertAnswer(tags.tooMany(), with(valid(), "Tags." + (tags.maxItems() + 1) + ".Key", "k"));
    assertAnswer(tags.disorder(), with(valid(), "Tags.2.Key", "k"));
    assertAnswer(tags.disorder(), with(valid(), "Tags.01.Key", "k"));
    assertAnswer(tags.disorder(), with(valid(), "Tags.1.Name", "k"));
    assertAnswer(tags.disorder(), with(valid(), "Tags.x.Key", "k"));
    assertAnswer(tags.valueWithoutKey(), with(valid(), "Tags.1.Value", "v"));
    assertAnswer(tags.keyRule().errorFor("pattern"), with(valid(), "Tags.1.Key", "volc:env"));
    assertAnswer(tags.keyRule().errorFor("pattern"), with(valid(), "Tags.1.Key", "SYS:env"));
    assertAnswer(tags.keyRule().errorFor("minLength"), with(valid(), "Tags.1.Key", ""));
    assertAnswer(tags.valueRule().errorFor("maxLength"), with(valid(), "Tags.1.Key", "k", "Tags.1.Value", "v".repeat(257)));
    assertAnswer(tags.duplicateKey(), with(valid(), "Tags.1.Key", "k", "Tags.2.Key", "k"));
    Map<String, String> many = new LinkedHashMap<>(valid());
    for (int i = 1; i <= tags.maxItems(); i++) {
      many.put("Tags." + i + ".Key", "键" + i);
      many.put("Tags." + i + ".Value", "值 " + i);
    }
    RequestParameters full = RequestParameters.of(many);
    assertEquals(Optional.empty(), check(full));
    assertEquals(tags.maxItems(), RULES.tagsOf(full).size());
    assertEquals(Map.entry("键1", "值 1"), RULES.tagsOf(full).get(0));
  }

  @Test
  void everyRowARuleCanYieldIsInTheCatalog() {
    for (ParameterRule p : CONTRACT.parameters()) {
      p.errors().values().forEach(row -> assertTrue(CONTRACT.errors().rows().contains(row), row.label()));
    }
  }
}
