package io.tmkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The document as a stock OpenAPI parser sees it: valid, and carrying what generators need. */
class OpenApiDocumentTest {
  private static SwaggerParseResult result;
  private static OpenAPI api;
  private static Operation operation;

  @BeforeAll
  static void parse() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    result = new OpenAPIV3Parser().readLocation("openapi.yaml", null, options);
    api = result.getOpenAPI();
    operation = api.getPaths().get("/").getGet();
  }

  @Test
  void parsesWithNoMessages() {
    assertNotNull(api);
    assertEquals(List.of(), result.getMessages());
    assertEquals("3.0.3", api.getOpenapi());
  }

  @Test
  void oneGetOperationAtTheRootWithActionAndVersionAsOneValueEnums() {
    assertEquals(Set.of("/"), api.getPaths().keySet());
    assertEquals("CreateTrafficMirrorSession", operation.getOperationId());
    for (String name : List.of("Action", "Version")) {
      Parameter p = parameter(name);
      assertTrue(p.getRequired(), name);
      assertEquals("query", p.getIn());
      assertEquals(1, resolved(p.getSchema()).getEnum().size(), name);
    }
  }

  @Test
  void serversArePublicAndLocalWithPortVariable() {
    assertEquals("https://open.volcengineapi.com", api.getServers().get(0).getUrl());
    assertTrue(api.getServers().get(1).getVariables().containsKey("port"));
  }

  @Test
  void everyDocumentedStatusHasItsCodesAsAnEnumAndOneExamplePerRow() {
    Contract contract = Contract.bundled();
    Set<Integer> statuses = contract.errors().rows().stream().map(ErrorRow::status).collect(Collectors.toCollection(TreeSet::new));
    for (int status : statuses) {
      var response = operation.getResponses().get(String.valueOf(status));
      assertNotNull(response, "no response for " + status);
      var media = response.getContent().get("application/json");
      Set<String> documented = contract.errors().rows().stream().filter(r -> r.status() == status)
          .map(ErrorRow::code).collect(Collectors.toCollection(TreeSet::new));
      Schema<?> errorSchema = errorSchemaOf(media.getSchema());
      Set<String> enumCodes = new TreeSet<>();
      ((Schema<?>) errorSchema.getProperties().get("Code")).getEnum().forEach(c -> enumCodes.add(String.valueOf(c)));
      assertEquals(documented, enumCodes, "enum of " + status);

      var examples = media.getExamples();
      for (ErrorRow row : contract.errors().rows().stream().filter(r -> r.status() == status).toList()) {
        long matching = examples.values().stream().filter(ex -> {
          var error = ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) asMap(ex.getValue()).get("ResponseMetadata")).get("Error"));
          return row.code().equals(error.get("Code")) && row.matchesMessage(String.valueOf(error.get("Message")));
        }).count();
        assertEquals(1, matching, "examples of " + row.label());
      }
      assertEquals(contract.errors().rows().stream().filter(r -> r.status() == status).count(), examples.size(),
          "one example per row of " + status);
    }
  }

  @Test
  void successResponseIsTheSeedsEnvelope() {
    var media = operation.getResponses().get("200").getContent().get("application/json");
    Schema<?> envelope = resolved(media.getSchema());
    assertEquals(List.of("ResponseMetadata", "Result"), envelope.getRequired());
    Schema<?> result = resolved((Schema<?>) envelope.getProperties().get("Result"));
    assertEquals(Set.of("RequestId", "TrafficMirrorSessionId"), result.getProperties().keySet());
  }

  @Test
  void signatureSchemeIsDeclaredAndApplied() {
    assertTrue(api.getComponents().getSecuritySchemes().containsKey("volcengineSignature"));
    assertEquals("volcengineSignature", api.getSecurity().get(0).keySet().iterator().next());
  }

  private static java.util.Map<?, ?> asMap(Object value) {
    return value instanceof java.util.Map<?, ?> m ? m
        : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(value, java.util.Map.class);
  }

  private static Schema<?> errorSchemaOf(Schema<?> responseSchema) {
    Schema<?> envelope = resolved(responseSchema);
    Schema<?> metadata = resolved((Schema<?>) envelope.getProperties().get("ResponseMetadata"));
    for (Schema<?> part : metadata.getAllOf()) {
      Schema<?> p = resolved(part);
      if (p.getProperties() != null && p.getProperties().containsKey("Error")) {
        return resolved((Schema<?>) p.getProperties().get("Error"));
      }
    }
    throw new AssertionError("no Error in " + responseSchema.get$ref());
  }

  private static Parameter parameter(String name) {
    return operation.getParameters().stream().map(OpenApiDocumentTest::resolved)
        .filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Parameter resolved(Parameter p) {
    if (p.get$ref() == null) {
      return p;
    }
    return api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1));
  }

  private static Schema<?> resolved(Schema<?> s) {
    if (s == null || s.get$ref() == null) {
      return s;
    }
    return api.getComponents().getSchemas().get(s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1));
  }
}
