package io.tmkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldingTest {
  private final TagListRule tags = Fixtures.CONTRACT.tagList();

  @Test
  void tagsFoldIntoTheIndexedParametersInListOrder() {
    List<Map.Entry<String, String>> wire = Fixtures.valid()
        .tag("env", "prod").tag("team", null).tag("owner", "")
        .build().parameters(Fixtures.CONTRACT);
    List<Map.Entry<String, String>> tagPairs = wire.stream().filter(e -> tags.owns(e.getKey())).toList();
    assertEquals(List.of(
        Map.entry("Tags.1.Key", "env"), Map.entry("Tags.1.Value", "prod"),
        Map.entry("Tags.2.Key", "team"),
        Map.entry("Tags.3.Key", "owner"), Map.entry("Tags.3.Value", "")), tagPairs);
  }

  @Test
  void parametersFollowTheContractsOrderWithActionAndVersionFromIt() {
    List<Map.Entry<String, String>> wire = Fixtures.valid().projectName("default").clientToken("t")
        .trafficMirrorSessionName("n").description("d").virtualNetworkId(7).packetLength(1450).tag("k", "v")
        .build().parameters(Fixtures.CONTRACT);
    List<String> contractOrder = Fixtures.CONTRACT.parameters().stream().map(ParameterRule::name).toList();
    List<String> sent = wire.stream().map(Map.Entry::getKey).toList();
    List<String> expected = contractOrder.stream().filter(sent::contains).toList();
    assertEquals(expected, sent);
    assertEquals(Map.entry("Action", Fixtures.CONTRACT.onlyValueOf("Action")), wire.get(0));
    assertEquals(Map.entry("Version", Fixtures.CONTRACT.onlyValueOf("Version")), wire.get(1));
  }

  @Test
  void everyParameterOfTheContractCanBeSetThroughTheRequest() {
    CreateTrafficMirrorSessionRequest.Builder b = Fixtures.valid().projectName("p").clientToken("t")
        .trafficMirrorSessionName("n").description("d").virtualNetworkId(7).packetLength(1450);
    for (int i = 1; i <= tags.maxItems(); i++) {
      b.tag("k" + i, "v" + i);
    }
    List<String> sent = b.build().parameters(Fixtures.CONTRACT).stream().map(Map.Entry::getKey).toList();
    assertEquals(Fixtures.CONTRACT.parameters().stream().map(ParameterRule::name).toList(), sent);
  }

  @Test
  void absentFieldsAreNotSentButEmptyOnesAre() {
    List<String> sent = Fixtures.valid().description("").build().parameters(Fixtures.CONTRACT).stream()
        .map(Map.Entry::getKey).toList();
    assertTrue(sent.contains("Description"));
    assertFalse(sent.contains("TrafficMirrorSessionName"));
    assertFalse(sent.contains("ClientToken"));
  }

  @Test
  void aTagBeyondTheContractsListIsKeptInTheWireParameters() {
    CreateTrafficMirrorSessionRequest.Builder b = Fixtures.valid();
    for (int i = 1; i <= tags.maxItems() + 1; i++) {
      b.tag("k" + i, "v" + i);
    }
    List<String> sent = b.build().parameters(Fixtures.CONTRACT).stream().map(Map.Entry::getKey).toList();
    assertTrue(sent.contains(tags.name() + "." + (tags.maxItems() + 1) + ".Key"));
  }

  @Test
  void theGeneratedMethodIsBoundToEveryContractParameterOnce() {
    try (TrafficMirrorClient client = Fixtures.client(URI.create("http://127.0.0.1:9/")).build()) {
      List<String> order = client.generatedArgumentOrder();
      assertEquals(Fixtures.CONTRACT.parameters().size(), order.size());
      assertEquals(Fixtures.CONTRACT.parameters().stream().map(ParameterRule::name).sorted().toList(),
          new ArrayList<>(order).stream().sorted().toList());
    }
  }

  @Test
  void generatorJavaNamesOfWireNames() {
    assertEquals("tags12Value", GeneratedOperation.javaName("Tags.12.Value"));
    assertEquals("networkInterfaceId", GeneratedOperation.javaName("NetworkInterfaceId"));
  }
}
