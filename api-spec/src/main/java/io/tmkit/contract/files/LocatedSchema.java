package io.tmkit.contract.files;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A published JSON Schema (2020-12) that a user's own file is held to, by a real validator
 * (networknt json-schema-validator) over a tree read with the location of every value, so that each
 * mistake comes back with its line and column instead of as a binding error. A text whose first
 * non-blank character is <code>{</code> is JSON, anything else YAML. The tools that use it (the
 * server's world and credentials files, the runner's fixtures file) word the problems their own way.
 */
public final class LocatedSchema {
  private static final NodeReader LOCATED = NodeReader.builder().locationAware().build();
  private static final ObjectMapper JSON = JsonMapper.shared();
  private static final ObjectMapper YAML = YAMLMapper.shared();

  private final String resource;
  private final String text;
  private final Schema schema;

  private LocatedSchema(String resource, String text) {
    this.resource = resource;
    this.text = text;
    String id = "https://tmkit.invalid/" + resource;
    // Registered under a fixed id: nothing is fetched from disk or network.
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemas(Map.of(id, text)));
    this.schema = registry.getSchema(SchemaLocation.of(id));
  }

  /** The schema at {@code resource} on the class path of {@code owner} (the module that publishes it). */
  public static LocatedSchema fromResource(Class<?> owner, String resource) {
    ClassLoader loader = owner.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return new LocatedSchema(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's file name, for "see world.schema.json" in a message. */
  public String fileName() {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  /** The schema's own text, as published. */
  public String text() {
    return text;
  }

  /**
   * The problems of {@code text} (the content of {@code fileName}) in document order: by the object
   * each is about, within one object an unknown key first (a misspelt key is also why a required one
   * is missing), then by line and column. Empty when the document holds to the schema.
   *
   * @throws IllegalArgumentException with one line ({@code fileName:line:column: not well-formed
   *     YAML: ...}, {@code fileName: the file is empty; ...}) when there is no document to check
   */
  public List<Problem> check(String fileName, String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(fileName + ": the file is empty; " + expected());
    }
    boolean json = isJson(fileName, text);
    JsonNode tree;
    try {
      tree = LOCATED.readTree(text, json ? InputFormat.JSON : InputFormat.YAML);
    } catch (JacksonException e) {
      throw notWellFormed(fileName, json, e);
    } catch (RuntimeException e) {
      // networknt wraps the parser's exception in its own unchecked one.
      if (e.getCause() instanceof JacksonException je) {
        throw notWellFormed(fileName, json, je);
      }
      throw e;
    }
    if (tree == null || tree.isMissingNode()) {
      throw new IllegalArgumentException(fileName + ": the file holds no document; " + expected());
    }
    List<Error> errors = schema.validate(tree);
    if (errors.isEmpty()) {
      return List.of();
    }
    Map<String, TokenStreamLocation> keys = keyLocations(text, json);
    return errors.stream().map(e -> Problem.of(e, keys))
        .sorted(Comparator.comparingInt(Problem::objectLine).thenComparingInt(Problem::objectColumn)
            .thenComparing(p -> !p.unknownKey()).thenComparingInt(Problem::line).thenComparingInt(Problem::column))
        .toList();
  }

  private String expected() {
    return "expected an object as described by " + fileName();
  }

  /**
   * One violation. {@code line:column} is the value it is about (for an unknown key: that key's
   * value); {@code keyLine:keyColumn} is the key the user typed for it (for an unknown key: that
   * key; for a missing one: the object's own key), or the value's position where there is no key.
   */
  public record Problem(String pointer, String property, String keyword, String message, boolean unknownKey,
      int objectLine, int objectColumn, int line, int column, int keyLine, int keyColumn) {

    static Problem of(Error error, Map<String, TokenStreamLocation> keys) {
      JsonNode node = error.getInstanceNode();
      TokenStreamLocation object = locationOf(node);
      String property = error.getProperty();
      boolean unknownKey = property != null && !"required".equals(error.getKeyword())
          && node != null && node.has(property);
      TokenStreamLocation at = unknownKey ? locationOf(node.get(property)) : object;
      String pointer = pointerOf(error.getInstanceLocation());
      String keyPointer = unknownKey ? pointer + "/" + escape(property) : pointer;
      TokenStreamLocation key = nearest(keys, keyPointer);
      return new Problem(pointer, property, error.getKeyword(), error.getMessage(), unknownKey,
          lineOf(object), columnOf(object), lineOf(at), columnOf(at),
          key == null ? lineOf(at) : key.getLineNr(), key == null ? columnOf(at) : key.getColumnNr());
    }

    /** networknt's message, which starts with the instance location ("/accounts/0/type: ..."), once. */
    public String located() {
      String where = pointer.isEmpty() ? "" : pointer;
      return where.isEmpty() || message.startsWith(where) ? message : where + ": " + message;
    }

    /** networknt's message without the instance location it starts with. */
    public String what() {
      int colon = message.indexOf(": ");
      return (message.startsWith("/") || message.startsWith("$")) && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static TokenStreamLocation locationOf(JsonNode node) {
      return node instanceof TokenStreamLocationAware aware ? aware.tokenStreamLocation() : null;
    }

    private static int lineOf(TokenStreamLocation location) {
      return location == null ? 0 : location.getLineNr();
    }

    private static int columnOf(TokenStreamLocation location) {
      return location == null ? 0 : location.getColumnNr();
    }
  }

  /** The JSON pointer of an instance location ("" for the document itself). */
  static String pointerOf(NodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      out.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return out.toString();
  }

  public static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static TokenStreamLocation nearest(Map<String, TokenStreamLocation> keys, String pointer) {
    String p = pointer;
    while (true) {
      TokenStreamLocation l = keys.get(p);
      if (l != null || p.isEmpty()) {
        return l;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /**
   * Where each node starts, by JSON pointer: for a member of an object, its key. The location-aware
   * tree knows only where values start; a message about a key points at the key the user typed.
   */
  private static Map<String, TokenStreamLocation> keyLocations(String text, boolean json) {
    Map<String, TokenStreamLocation> map = new HashMap<>();
    try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
      if (p.nextToken() != null) {
        walk(p, "", map);
      }
    } catch (JacksonException e) {
      // Read once already; a second read that fails leaves values' own locations in use.
    }
    return map;
  }

  private static void walk(JsonParser p, String pointer, Map<String, TokenStreamLocation> map) {
    map.putIfAbsent(pointer, p.currentTokenLocation());
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String child = pointer + "/" + escape(p.currentName());
        map.putIfAbsent(child, p.currentTokenLocation());
        p.nextToken();
        walk(p, child, map);
      }
    } else if (p.currentToken() == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        walk(p, pointer + "/" + i++, map);
      }
    }
  }

  private static IllegalArgumentException notWellFormed(String fileName, boolean json, JacksonException e) {
    TokenStreamLocation l = e.getLocation();
    String at = l == null ? fileName + ": " : fileName + ":" + l.getLineNr() + ":" + l.getColumnNr() + ": ";
    return new IllegalArgumentException(at + "not well-formed " + (json ? "JSON" : "YAML") + ": "
        + firstLine(e.getOriginalMessage()));
  }

  /** The parser's message without its second line and without the "[Source: REDACTED ...]" it adds. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
        .replaceAll("\\s*\\[Source: [^\\]]*\\]", "").trim();
  }

  /**
   * Whether {@code text}, the content of {@code fileName}, is read as JSON (else as YAML). By the name
   * when it says: {@code .json} is JSON, {@code .yaml} and {@code .yml} YAML, so that a JSON file with
   * a trailing comma is reported as broken JSON, although YAML would read it. Otherwise by the text:
   * JSON when its first non-blank character is <code>{</code>, unless it is not well-formed JSON but
   * is well-formed YAML, as a YAML flow mapping ({@code {accessKeys: [...]}}) is; a text that is
   * neither is JSON, so that a broken JSON document is reported as JSON. A blank text is JSON (and
   * empty either way).
   */
  public static boolean isJson(String fileName, String text) {
    String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i) == '{' && (wellFormed(JSON, text) || !wellFormed(YAML, text));
      }
    }
    return true;
  }

  private static boolean wellFormed(ObjectMapper mapper, String text) {
    try {
      mapper.readTree(text);
      return true;
    } catch (JacksonException e) {
      return false;
    }
  }
}
