package io.tmkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.client.generated.invoker.ApiException;
import io.tmkit.client.generated.model.Error400;
import io.tmkit.client.generated.model.ErrorResponse400;
import io.tmkit.client.generated.model.ErrorResponseMetadata400;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;

/**
 * Reads an error answer into a {@link TrafficMirrorException}. The body is read as a JSON tree rather
 * than through the generated per-status models: those map the code to an enum, and a code that another
 * implementation sends but the contract does not document must reach the caller as it was sent. The
 * field names are the generated models' (which come from the contract), not retyped.
 */
final class ErrorEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ErrorCatalog catalog;

  ErrorEnvelope(ErrorCatalog catalog) {
    this.catalog = catalog;
  }

  TrafficMirrorException toException(ApiException e) {
    int status = e.getCode();
    String body = e.getResponseBody();
    String code = null;
    String message = null;
    String requestId = null;
    try {
      JsonNode metadata = body == null ? null
          : JSON.readTree(body).path(ErrorResponse400.JSON_PROPERTY_RESPONSE_METADATA);
      if (metadata != null && metadata.isObject()) {
        requestId = text(metadata.path(ErrorResponseMetadata400.JSON_PROPERTY_REQUEST_ID));
        JsonNode error = metadata.path(ErrorResponseMetadata400.JSON_PROPERTY_ERROR);
        code = text(error.path(Error400.JSON_PROPERTY_CODE));
        message = text(error.path(Error400.JSON_PROPERTY_MESSAGE));
      }
    } catch (java.io.IOException notJson) {
      // Not the contract's envelope (a proxy's page, say): keep the status and the raw body.
    }
    if (message == null) {
      message = body == null || body.isEmpty() ? "HTTP " + status + " without a body" : abbreviate(body);
    }
    ErrorRow row = code == null ? null
        : catalog.find(code, message).filter(r -> r.status() == status).orElse(null);
    return new TrafficMirrorException(status, code, message, requestId, row, false, e);
  }

  private static String text(JsonNode node) {
    return node == null || !node.isValueNode() ? null : node.asText();
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
