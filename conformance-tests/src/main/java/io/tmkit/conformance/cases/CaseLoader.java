package io.tmkit.conformance.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads family files into {@link ConformanceCase}s. Expected rows are looked up in the contract's
 * catalog here, so a case file can only name documented answers; a request written as a base plus
 * {@code set}/{@code add}/{@code remove} is expanded into the full parameter list; a case with
 * {@code testParameters} is expanded into one case per value. Problems are collected, not thrown, so
 * that one run reports every mistake in the files.
 */
public final class CaseLoader {
  /** The index of the bundled family files and the named base requests. */
  public static final String INDEX = "cases/index.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FILE_KEYS = Set.of("family", "documentation", "cases");
  private static final Set<String> CASE_KEYS = Set.of("id", "documentation", "appliesTo", "tags", "preconditions",
      "request", "expect", "notOnClient", "testParameters");
  private static final Set<String> REQUEST_KEYS = Set.of("accessKey", "method", "signing", "base", "params", "set",
      "add", "remove", "rawQuery", "body", "wire");
  private static final Set<String> WIRE_KEYS = Set.of("version", "target", "host", "headers", "omit", "body", "bytes",
      "then", "stallAfter", "trickleMs", "corpus");
  private static final Set<String> EXPECT_KEYS = Set.of("status", "code", "messageContains", "messageEndsWith", "args",
      "sameSessionAs", "sessionsCreated", "anyOf", "closedWithinMs", "answeredWithinMs", "answers");
  private static final String SUFFIX = "_suffix";
  /** A timing read from the contract: {@code ${contract.bodyDeadlineMs}}, optionally {@code + N} ms of grace. */
  private static final Pattern CONTRACT_FIGURE = Pattern.compile("\\$\\{contract\\.([A-Za-z]+)\\}(?:\\s*\\+\\s*(\\d+))?");

  private final ErrorCatalog catalog;
  private final Limits limits;
  private final Map<String, List<Param>> bases;
  private final List<String> problems = new ArrayList<>();

  private CaseLoader(Contract contract, Map<String, List<Param>> bases) {
    this.catalog = contract.errors();
    this.limits = contract.limits();
    this.bases = bases;
  }

  /** The bundled family files against the bundled contract. */
  public static CaseSet bundled() {
    CaseFile index = CaseFile.resource(INDEX);
    List<CaseFile> files = new ArrayList<>();
    for (String family : families(index)) {
      files.add(CaseFile.resource("cases/" + family + ".yaml"));
    }
    return load(Contract.bundled(), index, files);
  }

  /** The family names the index lists, in its order. */
  public static List<String> families(CaseFile index) {
    List<String> out = new ArrayList<>();
    read(index).path("families").forEach(f -> out.add(f.asText()));
    return out;
  }

  /** Reads the given family files with the bases of the given index. */
  public static CaseSet load(Contract contract, CaseFile index, List<CaseFile> files) {
    Map<String, List<Param>> bases = new LinkedHashMap<>();
    CaseLoader reader = new CaseLoader(contract, bases);
    read(index).path("bases").fields().forEachRemaining(e ->
        bases.put(e.getKey(), reader.params(e.getValue(), INDEX + " base " + e.getKey())));
    List<ConformanceCase> cases = new ArrayList<>();
    for (CaseFile file : files) {
      cases.addAll(reader.file(file));
    }
    return new CaseSet(cases, reader.problems, bases);
  }

  private static JsonNode read(CaseFile file) {
    try {
      return YAML.readTree(file.text());
    } catch (IOException e) {
      throw new IllegalArgumentException(file.name() + " is not YAML: " + e.getMessage(), e);
    }
  }

  private List<ConformanceCase> file(CaseFile file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.text());
    } catch (IOException e) {
      problems.add(file.name() + ": not YAML: " + e.getMessage());
      return List.of();
    }
    if (root == null || !root.isObject()) {
      problems.add(file.name() + ": not a mapping");
      return List.of();
    }
    unknownKeys(root, FILE_KEYS, file.name());
    String family = root.path("family").asText("");
    if (!family.equals(file.family())) {
      problems.add(file.name() + ": family is \"" + family + "\", expected \"" + file.family() + "\"");
    }
    List<ConformanceCase> out = new ArrayList<>();
    for (JsonNode node : root.path("cases")) {
      for (JsonNode expanded : expand(node, file.name())) {
        String where = file.name() + " case " + expanded.path("id").asText("<no id>");
        try {
          out.add(caseOf(expanded, file.family(), where));
        } catch (CaseFileException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  /** One case per entry of {@code testParameters}, with {@code ${name}} replaced everywhere and a suffixed id. */
  private List<JsonNode> expand(JsonNode node, String where) {
    JsonNode parameters = node.path("testParameters");
    if (parameters.isMissingNode()) {
      return List.of(node);
    }
    int size = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray() || (size >= 0 && e.getValue().size() != size)) {
        problems.add(where + " case " + node.path("id").asText() + ": testParameters must be lists of one length");
        return List.of();
      }
      size = e.getValue().size();
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        values.put(e.getKey(), e.getValue().get(i).asText());
      }
      ObjectNode copy = (ObjectNode) substitute(node, values);
      copy.remove("testParameters");
      String suffix = values.containsKey(SUFFIX) ? values.get(SUFFIX) : String.valueOf(i + 1);
      copy.put("id", node.path("id").asText() + "-" + suffix);
      out.add(copy);
    }
    return out;
  }

  private static JsonNode substitute(JsonNode node, Map<String, String> values) {
    if (node.isTextual()) {
      String text = node.asText();
      for (Map.Entry<String, String> e : values.entrySet()) {
        text = text.replace("${" + e.getKey() + "}", e.getValue());
      }
      return new TextNode(text);
    }
    if (node.isArray()) {
      ArrayNode copy = YAML.createArrayNode();
      node.forEach(n -> copy.add(substitute(n, values)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = YAML.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), values)));
      return copy;
    }
    return node;
  }

  private ConformanceCase caseOf(JsonNode node, String family, String where) {
    unknownKeys(node, CASE_KEYS, where);
    String id = text(node, "id");
    String documentation = text(node, "documentation");
    Set<Surface> appliesTo = new LinkedHashSet<>();
    for (JsonNode s : node.path("appliesTo")) {
      appliesTo.add(Surface.byKey(s.asText())
          .orElseThrow(() -> new CaseFileException("unknown surface " + s.asText())));
    }
    if (appliesTo.isEmpty()) {
      throw new CaseFileException("appliesTo is empty");
    }
    Set<String> tags = new LinkedHashSet<>();
    node.path("tags").forEach(t -> tags.add(t.asText()));
    List<Precondition> preconditions = new ArrayList<>();
    for (JsonNode p : node.path("preconditions")) {
      preconditions.add(precondition(p, where));
    }
    RequestTemplate request = request(node.path("request"), where);
    Expectation expect = expectation(node.path("expect"), where);
    String notOnClient = node.hasNonNull("notOnClient") ? node.get("notOnClient").asText() : null;
    return new ConformanceCase(id, family, documentation, appliesTo, tags, preconditions, request, expect,
        notOnClient, where);
  }

  private Precondition precondition(JsonNode node, String where) {
    if (node.has("priorRequest")) {
      JsonNode p = node.get("priorRequest");
      return new Precondition.PriorRequest(text(p, "as"), request(p.path("request"), where + " priorRequest"),
          p.path("expectStatus").asInt(200));
    }
    if (node.has("inFlight")) {
      JsonNode p = node.get("inFlight");
      return new Precondition.InFlight(request(p.path("request"), where + " inFlight"), p.path("settleMs").asInt(300));
    }
    if (node.has("stalled")) {
      JsonNode p = node.get("stalled");
      return new Precondition.Stalled(request(p.path("request"), where + " stalled"), p.path("connections").asInt(1),
          p.path("settleMs").asInt(300));
    }
    if (node.has("fault")) {
      JsonNode p = node.get("fault");
      return new Precondition.Fault(p.path("account").asText(RequestTemplate.DEFAULT_ACCESS_KEY_ROLE), text(p, "code"),
          text(p, "phase"), p.path("times").asInt(1));
    }
    throw new CaseFileException("unknown precondition " + node);
  }

  private RequestTemplate request(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new CaseFileException("request is missing");
    }
    unknownKeys(node, REQUEST_KEYS, where + " request");
    String method = node.path("method").asText("GET");
    String accessKey = node.path("accessKey").asText(RequestTemplate.DEFAULT_ACCESS_KEY_ROLE);
    Signing signing = signing(node.path("signing"));
    boolean formBody = node.has("body");
    if (formBody && !"form".equals(node.get("body").asText())) {
      throw new CaseFileException("body must be \"form\"");
    }
    WireTemplate wire = node.has("wire") ? wire(node.get("wire"), where + " wire") : null;
    if (node.has("rawQuery")) {
      if (node.has("params") || node.has("base")) {
        throw new CaseFileException("rawQuery excludes params and base");
      }
      return new RequestTemplate(method, accessKey, signing, List.of(), node.get("rawQuery").asText(), formBody, wire);
    }
    List<Param> params;
    if (node.has("base")) {
      if (node.has("params")) {
        throw new CaseFileException("params excludes base (use set/add/remove)");
      }
      String base = node.get("base").asText();
      if (!bases.containsKey(base)) {
        throw new CaseFileException("unknown base " + base);
      }
      params = new ArrayList<>(bases.get(base));
      for (JsonNode name : node.path("remove")) {
        if (!params.removeIf(p -> p.name().equals(name.asText()))) {
          throw new CaseFileException("remove " + name.asText() + ": not in base " + base);
        }
      }
      for (Param set : params(node.path("set"), where)) {
        int at = indexOf(params, set.name());
        if (at >= 0) {
          params.set(at, set);
        } else {
          params.add(set);
        }
      }
      params.addAll(params(node.path("add"), where));
    } else {
      if (node.has("set") || node.has("add") || node.has("remove")) {
        throw new CaseFileException("set/add/remove need a base");
      }
      params = params(node.path("params"), where);
    }
    return new RequestTemplate(method, accessKey, signing, params, null, formBody, wire);
  }

  /** The raw surface's changes to the bytes; every text is checked to be bytes (one character each). */
  private WireTemplate wire(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new CaseFileException("wire must be a mapping");
    }
    unknownKeys(node, WIRE_KEYS, where);
    if (node.has("bytes") && node.size() > 1) {
      throw new CaseFileException("wire bytes are sent alone: they exclude the other wire keys");
    }
    List<String> omit = new ArrayList<>();
    node.path("omit").forEach(n -> omit.add(n.asText()));
    List<Param> headers = params(node.path("headers"), where);
    for (Param h : headers) {
      bytes(h.name(), "header name");
      bytes(h.value(), "header " + h.name());
    }
    RequestTemplate then = node.has("then") ? request(node.get("then"), where + " then") : null;
    return new WireTemplate(
        bytes(optional(node, "version"), "version"),
        bytes(optional(node, "target"), "target"),
        bytes(optional(node, "host"), "host"),
        headers, omit,
        bytes(optional(node, "body"), "body"),
        bytes(optional(node, "bytes"), "bytes"),
        then,
        node.has("stallAfter") ? node.get("stallAfter").asInt() : null,
        node.has("trickleMs") ? node.get("trickleMs").asInt() : null,
        optional(node, "corpus"));
  }

  private static String optional(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  /** Wire text goes out one character per byte, so a character above U+00FF has no meaning there. */
  private static String bytes(String text, String what) {
    if (text != null && text.chars().anyMatch(c -> c > 0xFF)) {
      throw new CaseFileException("wire " + what + " has a character above \\xFF: write bytes (\\xC3\\xA9 for é)");
    }
    return text;
  }

  private static int indexOf(List<Param> params, String name) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private List<Param> params(JsonNode list, String where) {
    List<Param> out = new ArrayList<>();
    for (JsonNode pair : list) {
      if (!pair.isArray() || pair.size() != 2) {
        throw new CaseFileException("a parameter must be a [name, value] pair: " + pair);
      }
      out.add(new Param(pair.get(0).asText(), pair.get(1).asText()));
    }
    return out;
  }

  private static Signing signing(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Signing.SIGNED;
    }
    String kindName = node.isTextual() ? node.asText() : node.path("mutation").asText();
    Signing.Kind kind = Signing.Kind.byKey(kindName)
        .orElseThrow(() -> new CaseFileException("unknown signing " + kindName));
    Map<String, String> options = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("mutation")) {
          options.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    for (String required : Signing.requiredOptions(kind)) {
      if (!options.containsKey(required)) {
        throw new CaseFileException("signing " + kindName + " needs " + required);
      }
    }
    if (kind == Signing.Kind.PRESIGNED) {
      for (String option : options.keySet()) {
        if (!Signing.PRESIGNED_OPTIONS.contains(option)) {
          throw new CaseFileException("signing presigned has no option " + option);
        }
      }
    }
    return new Signing(kind, options);
  }

  private Expectation expectation(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new CaseFileException("expect is missing");
    }
    unknownKeys(node, EXPECT_KEYS, where + " expect");
    Integer created = node.has("sessionsCreated") ? node.get("sessionsCreated").asInt() : null;
    Expectation.WireExpectation wire = null;
    if (node.has("closedWithinMs") || node.has("answeredWithinMs") || node.has("answers")) {
      wire = new Expectation.WireExpectation(integer(node, "closedWithinMs"), integer(node, "answeredWithinMs"),
          integer(node, "answers"));
    }
    Expectation plain = plainExpectation(node, created, wire);
    return wire == null ? plain : plain.withWire(wire);
  }

  /**
   * A whole number of the case file, or a figure of the contract's {@code x-limits} in milliseconds
   * ({@code ${contract.headDeadlineMs}}, {@code ${contract.bodyDeadlineMs}}) plus an optional grace
   * ({@code "${contract.bodyDeadlineMs} + 1500"}): a timing the contract states is never typed again.
   */
  private Integer integer(JsonNode node, String field) {
    if (!node.has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      return value.asInt();
    }
    Matcher m = CONTRACT_FIGURE.matcher(value.asText().trim());
    if (!m.matches()) {
      throw new CaseFileException(field + " is neither a number nor ${contract.FIGURE} [+ N]: " + value.asText());
    }
    int figure = switch (m.group(1)) {
      case "headDeadlineMs" -> limits.headDeadlineSeconds() * 1000;
      case "bodyDeadlineMs" -> limits.bodyDeadlineSeconds() * 1000;
      default -> throw new CaseFileException(field + " names no figure of the contract: ${contract." + m.group(1) + "}");
    };
    return figure + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
  }

  private Expectation plainExpectation(JsonNode node, Integer created, Expectation.WireExpectation wire) {
    if (node.has("anyOf")) {
      if (node.has("code") || node.has("status")) {
        throw new CaseFileException("anyOf excludes code and status");
      }
      List<ErrorRow> rows = new ArrayList<>();
      for (JsonNode code : node.get("anyOf")) {
        List<ErrorRow> of = catalog.byCode(code.asText());
        if (of.isEmpty()) {
          throw new CaseFileException("code " + code.asText() + " is not in the contract's x-error-catalog");
        }
        rows.addAll(of);
      }
      if (rows.isEmpty()) {
        throw new CaseFileException("anyOf names no code");
      }
      return Expectation.anyOf(rows, created);
    }
    if (!node.has("code") && !node.has("status") && wire != null && wire.closedWithinMs() != null) {
      return Expectation.connectionOnly(created);
    }
    if (!node.has("code")) {
      int status = node.path("status").asInt(0);
      if (status != 200) {
        throw new CaseFileException("expect names no code, so it must be status 200");
      }
      return Expectation.success(node.hasNonNull("sameSessionAs") ? node.get("sameSessionAs").asText() : null, created);
    }
    if (node.has("status")) {
      // The status comes from the contract's row; a case that retypes it could drift from it.
      throw new CaseFileException("expect gives a status with a code: the status comes from the contract's row");
    }
    String code = node.get("code").asText();
    ErrorRow row = row(code, node.hasNonNull("messageContains") ? node.get("messageContains").asText() : null,
        node.hasNonNull("messageEndsWith") ? node.get("messageEndsWith").asText() : null);
    List<String> args = new ArrayList<>();
    node.path("args").forEach(a -> args.add(a.asText()));
    int placeholders = row.message().split("%s", -1).length - 1;
    if (args.size() != placeholders) {
      throw new CaseFileException("row " + row.label() + " has " + placeholders + " placeholder(s), args give "
          + args.size());
    }
    return Expectation.error(row, args, created);
  }

  /**
   * The row of a code; where the code has several messages, the one that contains a fragment or (for
   * a message that is the start of another, such as the plain "is malformed." beside "is malformed.
   * Ensure ...") the one that ends with it.
   */
  private ErrorRow row(String code, String contains, String endsWith) {
    List<ErrorRow> rows = catalog.byCode(code);
    if (rows.isEmpty()) {
      throw new CaseFileException("code " + code + " is not in the contract's x-error-catalog");
    }
    if (contains == null && endsWith == null) {
      if (rows.size() != 1) {
        throw new CaseFileException("code " + code + " has " + rows.size()
            + " messages: name one with messageContains or messageEndsWith");
      }
      return rows.get(0);
    }
    List<ErrorRow> matching = rows.stream()
        .filter(r -> contains == null || r.message().contains(contains))
        .filter(r -> endsWith == null || r.message().endsWith(endsWith))
        .toList();
    if (matching.size() != 1) {
      throw new CaseFileException(matching.size() + " messages of " + code + " match"
          + (contains == null ? "" : " contains \"" + contains + "\"")
          + (endsWith == null ? "" : " endsWith \"" + endsWith + "\""));
    }
    return matching.get(0);
  }

  private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
    node.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        problems.add(where + ": unknown key \"" + k + "\"");
      }
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new CaseFileException(field + " is missing");
    }
    return v.asText();
  }

  /** A mistake in a case file that prevents building the case. */
  static final class CaseFileException extends RuntimeException {
    CaseFileException(String message) {
      super(message);
    }
  }
}
