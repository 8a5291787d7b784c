package io.tmkit.contract.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryPairsTest {
  @Test
  void encodingKeepsOrderAndRepeatsAndDecodesBack() {
    List<Map.Entry<String, String>> pairs = List.of(Map.entry("Tags.1.Key", "a b+c&d=e"),
        Map.entry("Description", "中文 ~"), Map.entry("Priority", "1"), Map.entry("Priority", ""));
    String encoded = QueryPairs.encode(pairs);
    assertEquals("Tags.1.Key=a%20b%2Bc%26d%3De&Description=%E4%B8%AD%E6%96%87%20~&Priority=1&Priority=", encoded);
    assertEquals(pairs, QueryPairs.decode(encoded));
  }
}
