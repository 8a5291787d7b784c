package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the document validates against its schema, checked by a JSON-Schema validator
 * (networknt, OpenAPI 3.0 dialect) reading the document itself, so that examples and schemas cannot
 * drift apart.
 */
class ExamplesValidateTest {
  private static final Contract CONTRACT = Contract.bundled();
  private static final ObjectMapper JSON = new ObjectMapper();
  // The document is handed to the validator under a fixed id: nothing is fetched from disk or network.
  private static final String DOCUMENT = "https://tmkit.invalid/openapi.yaml";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
      builder -> builder.schemas(Map.of(DOCUMENT, readDocument())));

  private static String readDocument() {
    try {
      return java.nio.file.Files.readString(Path.of("openapi.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Schema schemaAt(String pointer) {
    return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
  }

  static List<String> errors(Schema schema, JsonNode instance) {
    return schema.validate(instance.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
  }

  static Stream<Arguments> parameterExamples() {
    List<Arguments> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = CONTRACT.root().path("components").path("parameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(Arguments.of(e.getKey(), e.getValue().path("example")));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterExamples")
  void parameterExampleMatchesItsSchema(String name, JsonNode example) {
    assertFalse(example.isMissingNode(), name + " has no example");
    assertEquals(List.of(), errors(schemaAt("/components/parameters/" + name + "/schema"), example), name);
  }

  static Stream<Arguments> responseExamples() {
    List<Arguments> out = new ArrayList<>();
    JsonNode responses = CONTRACT.operation().path("responses");
    for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> status = it.next();
      JsonNode media = status.getValue().path("content").path("application/json");
      String schemaRef = media.path("schema").path("$ref").asText();
      for (Iterator<Map.Entry<String, JsonNode>> ex = media.path("examples").fields(); ex.hasNext(); ) {
        Map.Entry<String, JsonNode> example = ex.next();
        out.add(Arguments.of(status.getKey() + " " + example.getKey(), schemaRef.substring(1), example.getValue().path("value")));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responseExamples")
  void responseExampleMatchesItsSchema(String name, String schemaPointer, JsonNode value) {
    assertEquals(List.of(), errors(schemaAt(schemaPointer), value), name);
  }

  @Test
  void schemaExamplesMatchTheirSchemas() {
    for (Iterator<Map.Entry<String, JsonNode>> it = CONTRACT.root().path("components").path("schemas").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().has("example")) {
        assertEquals(List.of(), errors(schemaAt("/components/schemas/" + e.getKey()), e.getValue().get("example")), e.getKey());
      }
    }
  }

  /** The validator is not vacuous: a code outside a status's enum and a missing field are reported. */
  @Test
  void theValidatorRejectsWhatTheSchemaForbids() throws Exception {
    JsonNode wrongCode = JSON.readTree(
        "{\"ResponseMetadata\":{\"RequestId\":\"r\",\"Action\":\"a\",\"Version\":\"v\",\"Service\":\"vpc\",\"Region\":\"cn-beijing\","
            + "\"Error\":{\"Code\":\"InvalidTrafficMirrorTarget.NotFound\",\"Message\":\"m\"}}}");
    assertNotEquals(List.of(), errors(schemaAt("/components/schemas/ErrorResponse400"), wrongCode));
    JsonNode noResult = JSON.readTree(
        "{\"ResponseMetadata\":{\"RequestId\":\"r\",\"Action\":\"a\",\"Version\":\"v\",\"Service\":\"vpc\",\"Region\":\"cn-beijing\"}}");
    assertNotEquals(List.of(), errors(schemaAt("/components/schemas/CreateTrafficMirrorSessionResponse"), noResult));
    assertNotEquals(List.of(), errors(schemaAt("/components/parameters/Priority/schema"), JSON.readTree("32767")));
  }
}
