package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code pattern} and {@code x-pattern} of the contract means the same to every engine that a
 * server, a generated client or a validator may run it with: Java ({@link SchemaRegex}, and bean
 * validation's whole-input {@code matches()}), JavaScript without the {@code u} flag (UTF-16 units, as
 * OpenAPI 3.0's ECMA-262 dialect reads it) and with it (code points), Python's {@code re} and
 * pydantic-core's Rust regex. The values and the verdict the contract's words give are one shared list,
 * {@code patterns/samples.yaml}; Node and Python run small scripts beside it (no dependencies beyond
 * pydantic-core, which the generated Python client needs too). Every reading must give that verdict.
 */
class PatternEnginesTest {
  private static final Path HERE = Path.of("src/test/resources/patterns");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The pattern of each parameter, schema or property that has one, by that name. */
  private static final Map<String, String> PATTERNS = new LinkedHashMap<>();
  private static final List<Sample> SAMPLES = new ArrayList<>();

  record Sample(String id, String value, boolean text, Set<String> accepts) {}

  @BeforeAll
  static void read() throws IOException {
    collect(Contract.bundled().root(), "", PATTERNS);
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(HERE.resolve("samples.yaml").toFile());
    for (JsonNode s : doc.get("samples")) {
      Set<String> accepts = new LinkedHashSet<>();
      s.get("accepts").forEach(a -> accepts.add(a.asText()));
      SAMPLES.add(new Sample(s.get("id").asText(), s.get("value").asText(), s.path("text").asBoolean(true), accepts));
    }
  }

  /** Walks the document; a pattern is named by the nearest enclosing key that is a name (upper case first). */
  private static void collect(JsonNode node, String name, Map<String, String> out) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, name, out));
      return;
    }
    node.fields().forEachRemaining(e -> {
      String key = e.getKey();
      if ((key.equals("pattern") || key.equals("x-pattern")) && e.getValue().isTextual()) {
        String previous = out.putIfAbsent(name, e.getValue().asText());
        if (previous != null && !previous.equals(e.getValue().asText())) {
          fail(name + " carries two patterns: " + previous + " and " + e.getValue().asText());
        }
      } else if (e.getValue().isContainerNode()) {
        boolean isName = !key.isEmpty() && Character.isUpperCase(key.charAt(0));
        collect(e.getValue(), isName ? key : name, out);
      }
    });
  }

  @Test
  void theSampleListCoversEveryPatternOfTheContract() {
    assertTrue(PATTERNS.size() >= 11, "patterns found: " + PATTERNS.keySet());
    for (Sample s : SAMPLES) {
      assertTrue(PATTERNS.keySet().containsAll(s.accepts()), s.id() + " names a pattern the contract lacks: " + s.accepts());
    }
    for (String label : PATTERNS.keySet()) {
      assertTrue(SAMPLES.stream().anyMatch(s -> s.text() && s.accepts().contains(label)), "no sample that " + label + " accepts");
      assertTrue(SAMPLES.stream().anyMatch(s -> s.text() && !s.accepts().contains(label)), "no sample that " + label + " refuses");
    }
    // The values the finding is about are in the list, so that no reading can pass without meeting them.
    for (String needed : List.of("\uD83D\uDE00", "\uD840\uDC00", "\u0301", "\uD800", "\uDC00", "\n")) {
      assertTrue(SAMPLES.stream().anyMatch(s -> s.value().contains(needed)), "no sample holds U+" + Integer.toHexString(needed.codePointAt(0)));
    }
  }

  @Test
  void javaReadsEveryPatternAsTheContractSays() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> p : PATTERNS.entrySet()) {
      Pattern schema = SchemaRegex.compile(p.getValue());
      // Bean validation (@Pattern on the generated server interface) compiles the text as it is and
      // requires the whole input to match.
      Pattern bean = Pattern.compile(p.getValue());
      for (Sample s : SAMPLES) {
        boolean expected = s.accepts().contains(p.getKey());
        check(wrong, "java", p.getKey(), s, expected, schema.matcher(s.value()).find());
        check(wrong, "java-bean-validation", p.getKey(), s, expected, bean.matcher(s.value()).matches());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void nodeReadsEveryPatternAsTheContractSaysWithAndWithoutTheUnicodeFlag(@TempDir Path tmp) throws Exception {
    JsonNode out = run(tmp, "node", "engines.mjs");
    List<String> wrong = new ArrayList<>();
    compare(wrong, out, "js", false);
    compare(wrong, out, "js-u", false);
    assertEquals(List.of(), wrong, out.path("engine").asText());
  }

  @Test
  void pythonReadsEveryPatternAsTheContractSays(@TempDir Path tmp) throws Exception {
    JsonNode out = run(tmp, "python3", "engines.py");
    List<String> wrong = new ArrayList<>();
    compare(wrong, out, "python-re", false);
    JsonNode rust = out.get("pydantic-rust");
    assertTrue(rust.isObject(), "pydantic-core: " + rust);
    int compiled = 0;
    for (Map.Entry<String, String> p : PATTERNS.entrySet()) {
      JsonNode verdicts = rust.get(p.getKey());
      if (verdicts.isTextual()) {
        // Rust's regex has no look-around; the contract says so of the one pattern that uses it.
        assertTrue(p.getValue().contains("(?!") || p.getValue().contains("(?="), p.getKey() + ": " + verdicts.asText());
        continue;
      }
      compiled++;
    }
    assertTrue(compiled >= PATTERNS.size() - 1, "Rust's regex compiled only " + compiled + " patterns: " + rust);
    compare(wrong, out, "pydantic-rust", true);
    assertEquals(List.of(), wrong, out.path("engine").asText());
  }

  /** A reading's verdicts against the list; {@code textOnly}: a value that is not text is refused outright. */
  private static void compare(List<String> wrong, JsonNode out, String reading, boolean textOnly) {
    JsonNode byLabel = out.get(reading);
    assertTrue(byLabel != null && byLabel.isObject(), reading + ": " + byLabel);
    for (String label : PATTERNS.keySet()) {
      JsonNode verdicts = byLabel.get(label);
      if (verdicts == null || verdicts.isTextual()) {
        if (!textOnly) {
          wrong.add(reading + " " + label + ": " + verdicts);
        }
        continue;
      }
      for (int i = 0; i < SAMPLES.size(); i++) {
        Sample s = SAMPLES.get(i);
        boolean expected = s.accepts().contains(label) && (s.text() || !textOnly);
        check(wrong, reading, label, s, expected, verdicts.get(i).asBoolean());
      }
    }
  }

  private static void check(List<String> wrong, String reading, String label, Sample s, boolean expected, boolean actual) {
    if (expected != actual) {
      wrong.add(reading + ": " + label + " " + (actual ? "accepts" : "refuses") + " " + s.id());
    }
  }

  /** Runs a script of this folder on the patterns and the samples, as UTF-16 units (so lone surrogates travel). */
  private static JsonNode run(Path tmp, String program, String script) throws Exception {
    ObjectNode input = JSON.createObjectNode();
    ObjectNode patterns = input.putObject("patterns");
    PATTERNS.forEach(patterns::put);
    ArrayNode samples = input.putArray("samples");
    for (Sample s : SAMPLES) {
      ArrayNode units = samples.addObject().put("id", s.id()).putArray("units");
      s.value().chars().forEach(units::add);
    }
    Path in = tmp.resolve("input.json");
    Files.write(in, JSON.writeValueAsBytes(input));
    Path stdout = tmp.resolve("stdout.json");
    Path stderr = tmp.resolve("stderr.txt");
    Process process;
    try {
      process = new ProcessBuilder(program, HERE.resolve(script).toString(), in.toString())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(program + " must be on the PATH to check the contract's patterns: " + e.getMessage(), e);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(program + " " + script + " did not finish within 60 s");
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), program + " " + script + " failed: " + err);
    return JSON.readTree(stdout.toFile());
  }
}
