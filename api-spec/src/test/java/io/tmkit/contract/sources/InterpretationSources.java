package io.tmkit.contract.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reviewer's rule for the contract's text: every passage marked {@code **Interpretation**} names
 * a public source by its URL, or says {@value #NO_SOURCE} and why. A passage runs from its marker to
 * the next marker, the end of its paragraph or the next list item, whichever comes first, so that a
 * URL elsewhere in the same text does not vouch for it.
 */
final class InterpretationSources {
  static final String MARKER = "**Interpretation**";
  static final String NO_SOURCE = "no public source: our choice because";

  /** A blank line, or the start of a list item ("- ", "* ", "3. "), ends a passage. */
  private static final Pattern UNIT_BREAK = Pattern.compile("\\n\\s*\\n|\\n(?=[ \\t]*(?:[-*]|\\d+\\.)[ \\t])");
  private static final Pattern URL = Pattern.compile("https://[^\\s)`'\"]+");

  private InterpretationSources() {}

  /** One interpretation without a source: where it is (a JSON pointer) and how it starts. */
  record Unsourced(String pointer, String passage) {
    @Override
    public String toString() {
      return pointer + ": " + passage;
    }
  }

  /** Every unsourced interpretation in the string values of a YAML document. */
  static List<Unsourced> check(String yaml) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    List<Unsourced> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  /** The passages of one text that carry the marker. */
  static List<String> passages(String text) {
    List<String> passages = new ArrayList<>();
    for (String unit : UNIT_BREAK.split(text)) {
      int at = unit.indexOf(MARKER);
      while (at >= 0) {
        int next = unit.indexOf(MARKER, at + MARKER.length());
        passages.add(unit.substring(at, next < 0 ? unit.length() : next));
        at = next;
      }
    }
    return passages;
  }

  static boolean sourced(String passage) {
    return URL.matcher(passage).find() || passage.replaceAll("\\s+", " ").contains(NO_SOURCE);
  }

  private static void walk(JsonNode node, String pointer, List<Unsourced> found) {
    if (node.isTextual()) {
      for (String passage : passages(node.textValue())) {
        if (!sourced(passage)) {
          String flat = passage.replaceAll("\\s+", " ");
          found.add(new Unsourced(pointer, flat.length() > 140 ? flat.substring(0, 140) + "…" : flat));
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        walk(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, found);
      }
    }
  }
}
