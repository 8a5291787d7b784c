package io.tmkit.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Violation;
import io.tmkit.server.model.CreateTrafficMirrorSessionResponse;
import io.tmkit.server.model.CreateTrafficMirrorSessionResult;
import io.tmkit.server.model.ResponseMetadata;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response bodies, built from the models generated from the contract (so field names and casing
 * are the document's) and written as {@code application/json}. The generator makes one error model
 * per status ({@code ErrorResponse400}, {@code ErrorResponseMetadata400}, {@code Error400}, …) with
 * the same shape and no common type; {@link ErrorModel} binds to each by reflection once, at start,
 * and fails there if a row of the catalog has a code its status's model does not allow.
 */
final class Envelopes {
  private static final String MODEL_PACKAGE = ResponseMetadata.class.getPackageName();

  private final ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private final String service;
  /** The methods a 405 advertises: the one the contract declares (RFC 9110 section 15.5.6 requires the header). */
  private final String allow;
  private final Map<Integer, ErrorModel> errorModels = new HashMap<>();
  /** The bodies as Jackson writes them, cut where the per-request values go (see {@link JsonTemplate}). */
  private final JsonTemplate successTemplate;
  private final Map<ErrorRow, JsonTemplate> errorTemplates = new ConcurrentHashMap<>();

  Envelopes(Contract contract) {
    this.service = contract.signing().service();
    this.allow = contract.method();
    for (ErrorRow row : contract.errors().rows()) {
      errorModels.computeIfAbsent(row.status(), ErrorModel::new).checkCode(row.code());
    }
    this.successTemplate = JsonTemplate.of(json, 5, m -> successModel(m[0], m[1], m[2], m[3], m[4]));
  }

  Response success(Exchange ex, String sessionId) {
    if (ex.action == null || ex.version == null || ex.region == null) {
      return respond(200, successModel(ex.requestId, ex.action, ex.version, ex.region, sessionId));
    }
    return bytes(200, successTemplate.render(ex.requestId, ex.action, ex.version, ex.region, sessionId));
  }

  private CreateTrafficMirrorSessionResponse successModel(String requestId, String action, String version,
      String region, String sessionId) {
    return new CreateTrafficMirrorSessionResponse()
        .responseMetadata(new ResponseMetadata().requestId(requestId).action(action).version(version)
            .service(service).region(region))
        .result(new CreateTrafficMirrorSessionResult().requestId(requestId).trafficMirrorSessionId(sessionId));
  }

  Response error(Exchange ex, Violation v) {
    ex.code = v.code();
    ErrorModel model = errorModels.get(v.status());
    if (model == null) {
      throw new IllegalStateException("no error model for status " + v.status());
    }
    String message = v.message();
    byte[] body;
    if (ex.action == null || ex.version == null || ex.region == null) {
      body = write(model.build(ex.requestId, ex.action, ex.version, service, ex.region, v.row(), message));
    } else {
      JsonTemplate template = errorTemplates.computeIfAbsent(v.row(), row -> JsonTemplate.of(json, 5,
          m -> model.build(m[0], m[1], m[2], service, m[3], row, m[4])));
      body = template.render(ex.requestId, ex.action, ex.version, ex.region, message);
    }
    if (v.status() == Response.Status.METHOD_NOT_ALLOWED.getStatusCode()) {
      return Response.fromResponse(bytes(v.status(), body)).header(HttpHeaders.ALLOW, allow).build();
    }
    return bytes(v.status(), body);
  }

  /** A JSON answer of finished bytes, with its length (every answer of the server goes through here). */
  static Response bytes(int status, byte[] body) {
    // The length is known: said up front, Jersey need not buffer the entity to learn it (see HttpAdapter).
    // As text, so that Jersey need not look up a header delegate to write it.
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
        .entity(body).build();
  }

  private Response respond(int status, Object body) {
    return bytes(status, write(body));
  }

  private byte[] write(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response model", e);
    }
  }

  /** The generated error models of one HTTP status, driven through their fluent setters. */
  private static final class ErrorModel {
    private final Class<?> envelope;
    private final Class<?> metadata;
    private final Class<?> error;
    private final Method codeFromValue;
    private final Map<String, Method> setters = new HashMap<>();

    ErrorModel(int status) {
      try {
        envelope = Class.forName(MODEL_PACKAGE + ".ErrorResponse" + status);
        metadata = Class.forName(MODEL_PACKAGE + ".ErrorResponseMetadata" + status);
        error = Class.forName(MODEL_PACKAGE + ".Error" + status);
        codeFromValue = Class.forName(error.getName() + "$CodeEnum").getMethod("fromValue", String.class);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the contract has no error models for status " + status, e);
      }
      for (Class<?> type : new Class<?>[] {envelope, metadata, error}) {
        for (Method m : type.getMethods()) {
          if (m.getParameterCount() == 1 && m.getReturnType() == type) {
            setters.put(type.getSimpleName() + "." + m.getName(), m);
          }
        }
      }
    }

    void checkCode(String code) {
      call(codeFromValue, null, code);
    }

    Object build(String requestId, String action, String version, String service, String region, ErrorRow row,
        String message) {
      Object err = instance(error);
      set(err, "code", call(codeFromValue, null, row.code()));
      set(err, "message", message);
      if (row.codeN() != null) {
        set(err, "codeN", row.codeN());
      }
      Object meta = instance(metadata);
      set(meta, "requestId", requestId);
      set(meta, "action", action);
      set(meta, "version", version);
      set(meta, "service", service);
      set(meta, "region", region);
      set(meta, "error", err);
      Object body = instance(envelope);
      set(body, "responseMetadata", meta);
      return body;
    }

    private static Object instance(Class<?> type) {
      try {
        return type.getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    private void set(Object target, String property, Object value) {
      Method setter = setters.get(target.getClass().getSimpleName() + "." + property);
      if (setter == null) {
        throw new IllegalStateException(target.getClass().getSimpleName() + " has no property " + property);
      }
      call(setter, target, value);
    }

    private static Object call(Method m, Object target, Object arg) {
      try {
        return m.invoke(target, arg);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(m + " rejected " + arg, e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
