package io.tmkit.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.tmkit.contract.Contract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's response schema of each status, read by a JSON-Schema validator (networknt, OpenAPI
 * 3.0 dialect) from the packaged document itself, so that a body is checked against exactly what the
 * contract says and nothing retyped.
 */
public final class ResponseSchemas {
  // The document is registered under a fixed id: nothing is fetched from disk or network.
  private static final String DOCUMENT = "https://tmkit.invalid/openapi.yaml";

  private final Contract contract;
  private final SchemaRegistry registry;
  private final Map<Integer, Optional<Schema>> byStatus = new ConcurrentHashMap<>();

  public ResponseSchemas(Contract contract) {
    this.contract = contract;
    String text = documentText();
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
        builder -> builder.schemas(Map.of(DOCUMENT, text)));
  }

  private static String documentText() {
    try (InputStream in = ResponseSchemas.class.getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(Contract.RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema of a documented status; empty when the contract documents no such status. */
  public Optional<Schema> forStatus(int status) {
    return byStatus.computeIfAbsent(status, s -> {
      JsonNode media = contract.operation().path("responses").path(String.valueOf(s))
          .path("content").path("application/json");
      if (media.isMissingNode()) {
        return Optional.empty();
      }
      String pointer = "/paths/" + contract.path().replace("~", "~0").replace("/", "~1") + "/"
          + contract.method().toLowerCase(java.util.Locale.ROOT) + "/responses/" + s
          + "/content/application~1json/schema";
      return Optional.of(registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer)));
    });
  }

  /** The validator's complaints about a body, one line each; empty when it is valid. */
  public List<String> violations(int status, JsonNode body) {
    return forStatus(status)
        .map(schema -> schema.validate(body.toString(), InputFormat.JSON).stream().map(Object::toString).toList())
        .orElse(List.of("status " + status + " is not a documented response of the contract"));
  }
}
