package io.tmkit.server.world;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * A published JSON Schema that one of the server's own files (world, credentials) is held to before it
 * is bound, by a real validator (networknt) over a tree read with the location of every value, so
 * that a mistake is reported as {@code file:line:column: what is wrong} and not as a binding error.
 * A document that starts with <code>{</code> is JSON, anything else YAML, as {@link SpecReader} reads it.
 */
public final class DocumentSchema {
  /** The world file's schema, {@code generated-server/src/main/resources/io/tmkit/server/world.schema.json}. */
  public static final String WORLD_RESOURCE = "io/tmkit/server/world.schema.json";
  public static final String CREDENTIALS_RESOURCE = "io/tmkit/server/credentials.schema.json";

  private static final NodeReader LOCATED = NodeReader.builder().locationAware().build();
  private static volatile DocumentSchema world;
  private static volatile DocumentSchema credentials;

  private final String resource;
  private final Schema schema;

  private DocumentSchema(String resource) {
    this.resource = resource;
    String id = "https://tmkit.invalid/" + resource;
    // Registered under a fixed id: nothing is fetched from disk or network.
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemas(Map.of(id, text(resource))));
    this.schema = registry.getSchema(SchemaLocation.of(id));
  }

  public static DocumentSchema world() {
    if (world == null) {
      world = new DocumentSchema(WORLD_RESOURCE);
    }
    return world;
  }

  public static DocumentSchema credentials() {
    if (credentials == null) {
      credentials = new DocumentSchema(CREDENTIALS_RESOURCE);
    }
    return credentials;
  }

  /** The schema's own text, for tests that compare its tables with the contract. */
  public String text() {
    return text(resource);
  }

  /**
   * Refuses a document that is not well-formed or breaks the schema, with one line: the label, the
   * line and column of the first offending value (in document order), what is wrong, and how many
   * more problems there are.
   */
  public void check(byte[] document, String label) {
    String text = new String(document, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new IllegalArgumentException(label + ": the file is empty; " + expected());
    }
    JsonNode tree;
    try {
      tree = LOCATED.readTree(text, SpecReader.isJson(document) ? InputFormat.JSON : InputFormat.YAML);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(at(label, e.getLocation()) + "not well-formed "
          + (SpecReader.isJson(document) ? "JSON" : "YAML") + ": " + firstLine(e.getOriginalMessage()));
    } catch (RuntimeException e) {
      // networknt wraps the parser's exception in its own unchecked one.
      Throwable cause = e.getCause();
      if (cause instanceof JacksonException je) {
        throw new IllegalArgumentException(at(label, je.getLocation()) + "not well-formed "
            + (SpecReader.isJson(document) ? "JSON" : "YAML") + ": " + firstLine(je.getOriginalMessage()));
      }
      throw e;
    }
    if (tree == null || tree.isMissingNode()) {
      throw new IllegalArgumentException(label + ": the file holds no document; " + expected());
    }
    // In document order of the object each is about; within one object an unknown key first, since a
    // misspelt key is also why a required one is missing.
    List<Problem> problems = schema.validate(tree).stream().map(Problem::of)
        .sorted(Comparator.comparingInt(Problem::objectLine).thenComparingInt(Problem::objectColumn)
            .thenComparing(p -> !p.unknownKey()).thenComparingInt(Problem::line).thenComparingInt(Problem::column))
        .toList();
    if (!problems.isEmpty()) {
      Problem first = problems.get(0);
      String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
      throw new IllegalArgumentException(label + ":" + first.line() + ":" + first.column() + ": " + first.message()
          + more + "; see " + resource.substring(resource.lastIndexOf('/') + 1));
    }
  }

  private String expected() {
    return "expected an object as described by " + resource.substring(resource.lastIndexOf('/') + 1);
  }

  /** One violation, at the value it is about (for an unknown key: that key's value). */
  private record Problem(int objectLine, int objectColumn, boolean unknownKey, int line, int column, String message) {
    static Problem of(Error error) {
      JsonNode node = error.getInstanceNode();
      TokenStreamLocation object = locationOf(node);
      boolean unknownKey = "additionalProperties".equals(error.getKeyword()) && error.getProperty() != null
          && node != null && node.has(error.getProperty());
      TokenStreamLocation at = unknownKey ? locationOf(node.get(error.getProperty())) : object;
      String where = error.getInstanceLocation().toString();
      String message = error.getMessage();
      // networknt's message starts with the instance location ("/accounts/0/type: ..."); keep one copy.
      String text = message.startsWith(where) ? message : where + ": " + message;
      return new Problem(lineOf(object), columnOf(object), unknownKey, lineOf(at), columnOf(at), text);
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

  private static String at(String label, TokenStreamLocation location) {
    return location == null ? label + ": " : label + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /** The parser's message without its second line and without the "[Source: REDACTED …]" it adds. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
        .replaceAll("\\s*\\[Source: [^\\]]*\\]", "").trim();
  }

  private static String text(String resource) {
    try (InputStream in = DocumentSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
