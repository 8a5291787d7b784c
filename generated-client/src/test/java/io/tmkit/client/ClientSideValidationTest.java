package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client-side validation against the contract: each bad input is refused before anything is sent
 * (the stub records no arrival), with the contract's row for the violated keyword.
 */
class ClientSideValidationTest {
  private static final TagListRule TAGS = Fixtures.CONTRACT.tagList();
  /** U+1F600, one character of the contract, two UTF-16 units. */
  private static final String ASTRAL = "\uD83D\uDE00";
  private static final ErrorRow QUERY_MALFORMED = Fixtures.CONTRACT.errors().rowContaining("InvalidParameter", "malformed");

  private static ErrorRow row(String parameter, String keyword) {
    return Fixtures.CONTRACT.requireParameter(parameter).errorFor(keyword);
  }

  static Stream<Arguments> badInputs() {
    ParameterRule name = Fixtures.CONTRACT.requireParameter("TrafficMirrorSessionName");
    ParameterRule description = Fixtures.CONTRACT.requireParameter("Description");
    ParameterRule priority = Fixtures.CONTRACT.requireParameter("Priority");
    ParameterRule vni = Fixtures.CONTRACT.requireParameter("VirtualNetworkId");
    ParameterRule packet = Fixtures.CONTRACT.requireParameter("PacketLength");
    ParameterRule token = Fixtures.CONTRACT.requireParameter("ClientToken");
    return Stream.of(
        Arguments.of("priority below minimum", op(b -> b.priority(priority.minimum().intValue() - 1)),
            row("Priority", "minimum"), null),
        Arguments.of("priority above maximum", op(b -> b.priority(priority.maximum().intValue() + 1)),
            row("Priority", "maximum"), null),
        Arguments.of("priority missing", op(b -> b.priority(null)), row("Priority", "missing"), "Priority"),
        Arguments.of("source missing", op(b -> b.networkInterfaceId(null)),
            row("NetworkInterfaceId", "missing"), "NetworkInterfaceId"),
        Arguments.of("source malformed", op(b -> b.networkInterfaceId("ENI-X")),
            row("NetworkInterfaceId", "pattern"), null),
        Arguments.of("target malformed", op(b -> b.trafficMirrorTargetId("")),
            row("TrafficMirrorTargetId", "pattern"), null),
        Arguments.of("filter malformed", op(b -> b.trafficMirrorFilterId("tmf_1")),
            row("TrafficMirrorFilterId", "pattern"), null),
        Arguments.of("name empty", op(b -> b.trafficMirrorSessionName("")), row("TrafficMirrorSessionName", "minLength"), null),
        Arguments.of("name too long", op(b -> b.trafficMirrorSessionName("a".repeat(name.maxLength() + 1))),
            row("TrafficMirrorSessionName", "maxLength"), null),
        Arguments.of("name bad first character", op(b -> b.trafficMirrorSessionName("-x")),
            row("TrafficMirrorSessionName", "pattern"), null),
        Arguments.of("description too long", op(b -> b.description("d".repeat(description.maxLength() + 1))),
            row("Description", "maxLength"), null),
        Arguments.of("description bad character", op(b -> b.description("a#b")), row("Description", "pattern"), null),
        Arguments.of("vni above maximum", op(b -> b.virtualNetworkId(vni.maximum().intValue() + 1)),
            row("VirtualNetworkId", "maximum"), null),
        Arguments.of("vni negative", op(b -> b.virtualNetworkId(-1)), row("VirtualNetworkId", "minimum"), null),
        Arguments.of("packet length too small", op(b -> b.packetLength(packet.minimum().intValue() - 1)),
            row("PacketLength", "minimum"), null),
        Arguments.of("project malformed", op(b -> b.projectName("a b")), row("ProjectName", "pattern"), null),
        Arguments.of("client token too long", op(b -> b.clientToken("t".repeat(token.maxLength() + 1))),
            row("ClientToken", "maxLength"), null),
        Arguments.of("client token with space", op(b -> b.clientToken("a b")), row("ClientToken", "pattern"), null),
        Arguments.of("tag key reserved", op(b -> b.tag("volc:x", "v")), row("Tags.1.Key", "pattern"), null),
        Arguments.of("tag key empty", op(b -> b.tag("", "v")), row("Tags.1.Key", "minLength"), null),
        Arguments.of("tag value too long", op(b -> b.tag("k", "v".repeat(257))), row("Tags.1.Value", "maxLength"), null),
        Arguments.of("tag value without key", op(b -> b.tag(null, "v")), TAGS.valueWithoutKey(), null),
        // Lengths count code points: 129 astral characters are too long, 100 (200 UTF-16 units) are not.
        Arguments.of("tag key of 129 astral characters", op(b -> b.tag(ASTRAL.repeat(129), "v")),
            row("Tags.1.Key", "maxLength"), null),
        Arguments.of("name of 100 astral characters", op(b -> b.trafficMirrorSessionName(ASTRAL.repeat(100))),
            row("TrafficMirrorSessionName", "pattern"), null),
        Arguments.of("tag key repeated", op(b -> b.tag("k", "1").tag("k", "2")), TAGS.duplicateKey(), null),
        Arguments.of("too many tags", op(b -> {
          for (int i = 0; i <= TAGS.maxItems(); i++) {
            b.tag("k" + i, "v");
          }
          return b;
        }), TAGS.tooMany(), null));
  }

  /** Values that are not Unicode text: a lone surrogate has no UTF-8 form (the contract's wire conventions). */
  static Stream<Arguments> notText() {
    return Stream.of(
        Arguments.of("tag key with a lone surrogate", op(b -> b.tag("k\uD800", "v")), QUERY_MALFORMED, null),
        Arguments.of("tag value with a lone low surrogate", op(b -> b.tag("k", "\uDC00v")), QUERY_MALFORMED, null),
        Arguments.of("name with a reversed surrogate pair", op(b -> b.trafficMirrorSessionName("a\uDE00\uD83D")),
            QUERY_MALFORMED, null));
  }

  private static UnaryOperator<CreateTrafficMirrorSessionRequest.Builder> op(
      UnaryOperator<CreateTrafficMirrorSessionRequest.Builder> f) {
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"badInputs", "notText"})
  void refusedLocallyWithTheContractsAnswer(String label, UnaryOperator<CreateTrafficMirrorSessionRequest.Builder> change,
      ErrorRow expected, String templateArgument) {
    try (LoopbackStub stub = new LoopbackStub();
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(change.apply(Fixtures.valid()).build()));
      assertEquals(expected.status(), e.status(), label);
      assertEquals(expected.code(), e.code(), label);
      assertEquals(templateArgument == null ? expected.message() : expected.format(templateArgument),
          e.errorMessage(), label);
      assertTrue(e.isLocal());
      assertNull(e.requestId());
      assertEquals(expected, e.row().orElseThrow());
      assertEquals(List.of(), stub.arrivals(), "nothing may be sent");
    }
  }

  @Test
  void withValidationOffTheBadRequestIsSentAndTheServerAnswers() {
    ErrorRow priority = row("Priority", "minimum");
    try (LoopbackStub stub = new LoopbackStub().then(priority.status(),
            LoopbackStub.error(priority.code(), priority.message(), "req-1"));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).validation(false).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().priority(0).build()));
      assertEquals(1, stub.arrivals().size());
      assertTrue(stub.arrivals().get(0).rawQuery().contains("Priority=0"));
      assertEquals(priority.code(), e.code());
      assertEquals("req-1", e.requestId());
      assertTrue(!e.isLocal());
    }
  }

  @Test
  void withValidationOffATagPastTheListIsAnsweredLocallyNotDropped() {
    CreateTrafficMirrorSessionRequest.Builder b = Fixtures.valid();
    for (int i = 0; i <= TAGS.maxItems(); i++) {
      b.tag("k" + i, "v");
    }
    try (LoopbackStub stub = new LoopbackStub();
        TrafficMirrorClient client = Fixtures.client(stub.uri()).validation(false).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(b.build()));
      assertEquals(TAGS.tooMany().code(), e.code());
      assertEquals(TAGS.tooMany().message(), e.errorMessage());
      assertTrue(e.isLocal());
      assertEquals(List.of(), stub.arrivals());
    }
  }

  @Test
  void astralTagsOfTheLongestLengthAreSentAsUtf8() {
    String key = ASTRAL.repeat(TAGS.keyRule().maxLength());
    String value = "\uD840\uDC00".repeat(TAGS.valueRule().maxLength());
    try (LoopbackStub stub = new LoopbackStub().then(200, LoopbackStub.success("tms-a1", "r1"));
        TrafficMirrorClient client = Fixtures.client(stub.uri()).build()) {
      client.createTrafficMirrorSession(Fixtures.valid().tag(key, value).build());
      String query = stub.arrivals().get(0).rawQuery();
      assertTrue(query.contains("Tags.1.Key=" + "%F0%9F%98%80".repeat(128)), query);
      assertTrue(query.contains("Tags.1.Value=" + "%F0%A0%80%80".repeat(256)), query);
    }
  }

  @Test
  void withValidationOffALoneSurrogateIsStillNotSent() {
    // The transport's encoder would send "?" in its place: another request than the one asked for.
    try (LoopbackStub stub = new LoopbackStub();
        TrafficMirrorClient client = Fixtures.client(stub.uri()).validation(false).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().tag("k\uD800", "v").build()));
      assertEquals(QUERY_MALFORMED.code(), e.code());
      assertEquals(QUERY_MALFORMED.message(), e.errorMessage());
      assertTrue(e.isLocal());
      assertEquals(List.of(), stub.arrivals());
    }
  }

  @Test
  void withValidationOffARequiredParameterStillCannotBeOmitted() {
    try (LoopbackStub stub = new LoopbackStub();
        TrafficMirrorClient client = Fixtures.client(stub.uri()).validation(false).build()) {
      TrafficMirrorException e = assertThrows(TrafficMirrorException.class,
          () -> client.createTrafficMirrorSession(Fixtures.valid().trafficMirrorFilterId(null).build()));
      assertEquals(row("TrafficMirrorFilterId", "missing").format("TrafficMirrorFilterId"), e.errorMessage());
      assertTrue(e.isLocal());
      assertEquals(List.of(), stub.arrivals());
    }
  }
}
