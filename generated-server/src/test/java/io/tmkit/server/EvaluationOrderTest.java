package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import io.tmkit.testing.AdversarialCount;
import io.tmkit.testing.Generated;
import io.tmkit.testing.Shrink;
import io.tmkit.testing.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order of evaluation. The server's own plan (the order in which its stages and checks are
 * declared and run) must be the contract's {@code x-evaluation-order}; and for requests with any
 * number of faults, the server (generated bean-validation constraints, its own ordering) and the
 * contract library's {@link RequestRules} (which the client runs) must name the same first fault.
 */
class EvaluationOrderTest extends PropertyServerTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final RequestRules RULES = new RequestRules(CONTRACT);
  private static final Set<String> SYNTAX_STAGES = Set.of("envelope", "parameters", "tags");
  private static final AdversarialCount SENT = new AdversarialCount("EvaluationOrder.generated");

  @Test
  void theServersPlanIsTheContractsEvaluationOrder() {
    assertEquals(CONTRACT.evaluationOrder(), server.evaluationPlan());
  }

  @Test
  void anEarlierStageWinsOverALaterOne() {
    // account (arrears) before existence (unknown source)
    Reply r = api.get(Demo.key("arrears"), Demo.validFor("arrears").set("NetworkInterfaceId", "eni-nosuch0001"));
    assertEquals(CONTRACT.errors().rowContaining("UnsupportedOperation", "arrears").message(), r.message());
    // parameters (Priority 0) before existence (well-formed unknown source)
    r = api.get(Params.valid().set("NetworkInterfaceId", "eni-nosuch0001").set("Priority", "0"));
    assertEquals("InvalidPriority.Malformed", r.code());
    // within parameters, document order: a malformed source ID (4th) before a bad Priority (6th)
    r = api.get(Params.valid().set("NetworkInterfaceId", "not-an-id").set("Priority", "0"));
    assertEquals("InvalidNetworkInterfaceId.NotFound", r.code());
    // a missing required parameter before any bad value
    r = api.get(Params.valid().set("Description", "-bad").remove("TrafficMirrorFilterId"));
    assertEquals("MissingParameter", r.code());
    // resource state (managed source) before conflicts (priority taken)
    r = api.get(Params.valid().set("NetworkInterfaceId", "eni-managed0001").set("Priority", "100"));
    assertEquals("Forbidden", r.code());
    // tags after every other parameter
    r = api.get(Params.valid().set("Tags.1.Key", "volc:x").set("ClientToken", "a b"));
    assertEquals("InvalidParameter.ClientTokenMalformed", r.code());
  }

  private static final List<String> NAMES = CONTRACT.parameters().stream().map(ParameterRule::name)
      .filter(n -> !n.startsWith("Tags.") || n.startsWith("Tags.1.") || n.startsWith("Tags.2.")).toList();
  private static final String[] ODD_NAMES = {"Tags.3.Key", "Tags.21.Key", "Tags.0.Key", "Tags.1.Kei", "Prioirty", "tags.1.key"};
  private static final String[] VALUES = {"", "0", "1", "64", "9600", "9601", "32767", "-1", "abc", "1.5",
      "99999999999999999999", "volc:k", "k", "v", "eni-nosuch1", "tmt-nosuch1", "tmf-nosuch1", "ENI-1", "default",
      "no such", "a b", "中文", "x".repeat(129), "y".repeat(257), "-dash", "CreateTrafficMirrorSession", "2020-04-01"};

  /** One to four edits (set, add or remove) of known, misspelt and out-of-range names, with odd values. */
  static List<String[]> mutations(Source s) {
    List<String[]> list = new ArrayList<>();
    for (int n = s.between(1, 4); n > 0; n--) {
      String op = s.oneOf("set", "add", "remove");
      String name = s.percent(50) ? s.oneOf(NAMES) : s.oneOf(ODD_NAMES);
      String value = s.percent(50) ? s.oneOf(VALUES) : s.chars('\u0000', '\u007f', 0, 6);
      list.add(new String[] {op, name, value});
    }
    return List.copyOf(list);
  }

  @Test
  void theServerAndTheContractLibraryNameTheSameFirstFault() {
    Generated.of("EvaluationOrder.firstFault", EvaluationOrderTest::mutations)
        .shrinking(Shrink::dropOne)
        .shownAs(list -> list.stream().map(Arrays::toString).toList().toString())
        .check(600, mutations -> {
          Params p = Params.valid().set("Priority", "5");
          for (String[] m : mutations) {
            switch (m[0]) {
              case "set" -> p.set(m[1], m[2]);
              case "add" -> p.add(m[1], m[2]);
              default -> p.remove(m[1]);
            }
          }
          RequestParameters request = RequestParameters.of(p.pairs());
          Optional<Violation> expected = RULES.checkActionAndVersion(request).or(() -> RULES.checkSyntax(request));
          Reply r = api.get(p);
          SENT.answered(r.status());
          if (expected.isPresent()) {
            assertEquals(expected.get().status(), r.status(), () -> p + " -> " + r);
            assertEquals(expected.get().code(), r.code(), () -> p + " -> " + r);
            assertEquals(expected.get().message(), r.message(), () -> p + " -> " + r);
          } else if (r.status() != 200) {
            ErrorRow row = ServerTest.assertDocumentedError(r);
            assertFalse(SYNTAX_STAGES.contains(row.stage()) && !row.code().equals("InvalidParameter.NetworkInterfaceId"),
                () -> "the library finds no syntax fault but the server answered " + r + " for " + p);
          } else {
            server.admin().reset();
          }
          return true;
        });
  }

  @AfterAll
  static void printCounts() {
    SENT.report();
  }
}
