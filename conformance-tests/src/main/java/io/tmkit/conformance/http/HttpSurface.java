package io.tmkit.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.run.CaseSurface;
import io.tmkit.conformance.run.Observation;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw HTTP surface: the request as bytes on the wire, the answer read as JSON and checked beyond
 * status, code and message: the content type, the body against the contract's schema for its
 * status, a RequestId of the contract's form that no earlier answer carried, the envelope's
 * metadata, and {@code CodeN} where the row documents one.
 */
public final class HttpSurface implements CaseSurface {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Stages after which the request's Action, Version and credential scope are known to be good. */
  private static final Set<String> EARLY_STAGES = Set.of("envelope", "authentication");

  private final Contract contract;
  private final HttpTransport transport;
  private final WireRequests wire;
  private final ResponseSchemas schemas;
  private final String region;
  private final Set<String> requestIdsSeen = ConcurrentHashMap.newKeySet();

  public HttpSurface(Contract contract, HttpTransport transport, WireRequests wire, ResponseSchemas schemas, String region) {
    this.contract = contract;
    this.transport = transport;
    this.wire = wire;
    this.schemas = schemas;
    this.region = region;
  }

  @Override
  public Surface surface() {
    return Surface.HTTP;
  }

  @Override
  public boolean needsWorld() {
    return true;
  }

  @Override
  public Observation observe(ResolvedCase c) {
    return read(transport.send(wire.build(c.request())), c.request(), c.row());
  }

  /** Sends a request and reads the answer (used for preconditions too). */
  public Observation send(ResolvedRequest request) {
    return read(transport.send(wire.build(request)), request, null);
  }

  /**
   * Reads an answer. The request and the expected row (either may be null) decide which metadata can
   * be checked: Action and Version when the request carried the documented ones and got past the
   * envelope stage (which may answer before reading them), Region once the authentication stage
   * (which reads the credential scope) has passed.
   */
  public Observation read(WireResponse response, ResolvedRequest request, ErrorRow expected) {
    List<String> findings = new ArrayList<>();
    String type = response.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      findings.add("Content-Type is " + type + ", not application/json");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      findings.add("the body is not a JSON object: " + abbreviate(response.bodyText()));
      return new Observation(response.status(), null, null, null, null, false, findings);
    }
    schemas.violations(response.status(), body).forEach(v -> findings.add("schema: " + v));

    JsonNode meta = body.path("ResponseMetadata");
    String requestId = meta.path("RequestId").asText(null);
    if (!ContractForms.isRequestId(requestId)) {
      findings.add("RequestId " + requestId + " is not of the contract's form");
    } else if (!requestIdsSeen.add(requestId)) {
      findings.add("RequestId " + requestId + " was already sent with an earlier answer");
    }
    if (!contract.signing().service().equals(meta.path("Service").asText(null))) {
      findings.add("ResponseMetadata.Service is " + meta.path("Service") + ", not " + contract.signing().service());
    }
    JsonNode error = meta.path("Error");
    String code = error.isMissingNode() ? null : error.path("Code").asText(null);
    String message = error.isMissingNode() ? null : error.path("Message").asText(null);
    for (String name : new String[] {"Action", "Version"}) {
      String documented = contract.onlyValueOf(name);
      boolean readPastEnvelope = expected == null || !"envelope".equals(expected.stage());
      if (readPastEnvelope && request != null && !request.isRaw() && documented.equals(request.first(name))) {
        expectText(findings, meta, name, documented);
      }
    }
    if (expected == null || !EARLY_STAGES.contains(expected.stage())) {
      expectText(findings, meta, "Region", region);
    }
    String sessionId = null;
    if (error.isMissingNode()) {
      JsonNode result = body.path("Result");
      sessionId = result.path("TrafficMirrorSessionId").asText(null);
      if (!ContractForms.isSessionId(sessionId)) {
        findings.add("TrafficMirrorSessionId " + sessionId + " is not of the contract's form");
      }
      if (requestId != null && !requestId.equals(result.path("RequestId").asText(null))) {
        findings.add("Result.RequestId " + result.path("RequestId") + " differs from ResponseMetadata.RequestId");
      }
    } else if (code != null) {
      codeN(findings, error, code, message);
    }
    return new Observation(response.status(), code, message, sessionId, requestId, false, findings);
  }

  /** CodeN as the matching row documents it: present and equal where it has one, absent otherwise. */
  private void codeN(List<String> findings, JsonNode error, String code, String message) {
    contract.errors().find(code, message).ifPresent(row -> {
      JsonNode codeN = error.path("CodeN");
      if (row.codeN() != null && (!codeN.isInt() || codeN.asInt() != row.codeN())) {
        findings.add("CodeN is " + codeN + ", the contract documents " + row.codeN() + " for " + code);
      }
      if (row.codeN() == null && !codeN.isMissingNode() && !codeN.isNull()) {
        findings.add("CodeN " + codeN + " sent for " + code + ", which documents none");
      }
    });
  }

  private static void expectText(List<String> findings, JsonNode meta, String field, String expected) {
    String actual = meta.path(field).asText(null);
    if (!expected.equals(actual)) {
      findings.add("ResponseMetadata." + field + " is " + actual + ", not " + expected);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
