package io.tmkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.Violation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The order of evaluation. The server's own plan (the order in which its stages and checks are
 * declared and run) must be the contract's {@code x-evaluation-order}; and for requests with any
 * number of faults, the server (generated bean-validation constraints, its own ordering) and the
 * contract library's {@link RequestRules} (which the client runs) must name the same first fault.
 */
class EvaluationOrderTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final RequestRules RULES = new RequestRules(CONTRACT);
  private static final Set<String> SYNTAX_STAGES = Set.of("envelope", "parameters", "tags");
  private static ReferenceServer server;
  private static Api api;

  @BeforeContainer
  static void start() {
    server = ReferenceServer.start(ServerOptions.builder().port(0).build());
    api = new Api(server.baseUri());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @net.jqwik.api.Example
  void theServersPlanIsTheContractsEvaluationOrder() {
    assertEquals(CONTRACT.evaluationOrder(), server.evaluationPlan());
  }

  @net.jqwik.api.Example
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

  @Provide
  Arbitrary<List<String[]>> mutations() {
    List<String> names = CONTRACT.parameters().stream().map(ParameterRule::name)
        .filter(n -> !n.startsWith("Tags.") || n.startsWith("Tags.1.") || n.startsWith("Tags.2.")).toList();
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(names),
        Arbitraries.of("Tags.3.Key", "Tags.21.Key", "Tags.0.Key", "Tags.1.Kei", "Prioirty", "tags.1.key"));
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("", "0", "1", "64", "9600", "9601", "32767", "-1", "abc", "1.5", "99999999999999999999",
            "volc:k", "k", "v", "eni-nosuch1", "tmt-nosuch1", "tmf-nosuch1", "ENI-1", "default", "no such",
            "a b", "中文", "x".repeat(129), "y".repeat(257), "-dash", "CreateTrafficMirrorSession", "2020-04-01"),
        Arbitraries.strings().ascii().ofMaxLength(6));
    Arbitrary<String> op = Arbitraries.of("set", "add", "remove");
    return Combinators.combine(op, name, value).as((o, n, v) -> new String[] {o, n, v}).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 400)
  void theServerAndTheContractLibraryNameTheSameFirstFault(@ForAll("mutations") List<String[]> mutations) {
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
  }
}
