package io.tmkit.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A copy of the contract with one edit, written to a file, as a maintainer's change would be. */
final class ContractEdit {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ContractEdit() {}

  static Path current() {
    return Path.of("openapi.yaml");
  }

  static Path baseline() {
    return Path.of("baseline", "openapi.yaml");
  }

  /** The current document, edited, in {@code dir/openapi.yaml}. */
  static Path write(Path dir, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) YAML.readTree(Files.readAllBytes(current()));
      edit.accept(root);
      Path out = dir.resolve("openapi.yaml");
      YAML.writeValue(out.toFile(), root);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The definition of a parameter (the object with its name and schema, wherever it is declared). */
  static ObjectNode parameter(ObjectNode root, String name) {
    return (ObjectNode) root.findParents("name").stream()
        .filter(n -> name.equals(n.path("name").asText()) && n.has("in"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parameter " + name));
  }

  /** A parameter's schema, following one local $ref (as the tag keys have). */
  static ObjectNode schema(ObjectNode root, String name) {
    JsonNode schema = parameter(root, name).get("schema");
    if (schema.has("$ref")) {
      schema = root.at(schema.get("$ref").asText().substring(1));
    }
    return (ObjectNode) schema;
  }

  static ObjectNode operation(ObjectNode root) {
    return (ObjectNode) root.path("paths").elements().next().elements().next();
  }
}
