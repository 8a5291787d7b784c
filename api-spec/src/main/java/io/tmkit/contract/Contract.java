package io.tmkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hand-written OpenAPI document, read once, as the rest of the code base needs it: the error
 * catalog, the parameter rules, the evaluation order, limits, quota defaults and signing parameters.
 *
 * <p>Every figure, code and message the server, client and tests use comes from here; nothing in
 * this class names a parameter or an error code of the operation.
 */
public final class Contract {
  /** Where the document sits on the class path (packaged by this module from {@code api-spec/openapi.yaml}). */
  public static final String RESOURCE = "io/tmkit/contract/openapi.yaml";

  private static volatile Contract bundled;

  private final JsonNode root;
  private final JsonNode operation;
  private final String path;
  private final String method;
  private final ErrorCatalog errorCatalog;
  private final List<ParameterRule> parameters;
  private final Map<String, ParameterRule> parametersByName;
  private final TagListRule tagList;
  private final List<EvaluationStage> evaluationOrder;
  private final Limits limits;
  private final Map<String, Integer> quotaDefaults;
  private final SigningSpec signing;

  private Contract(JsonNode root) {
    this.root = root;
    Map.Entry<String, JsonNode> pathEntry = root.path("paths").fields().next();
    this.path = pathEntry.getKey();
    Map.Entry<String, JsonNode> opEntry = pathEntry.getValue().fields().next();
    this.method = opEntry.getKey().toUpperCase(java.util.Locale.ROOT);
    this.operation = opEntry.getValue();
    this.errorCatalog = readCatalog(operation.path("x-error-catalog"));
    this.parameters = readParameters();
    Map<String, ParameterRule> byName = new LinkedHashMap<>();
    parameters.forEach(p -> byName.put(p.name(), p));
    this.parametersByName = Collections.unmodifiableMap(byName);
    this.tagList = readTagList();
    this.evaluationOrder = readEvaluationOrder();
    JsonNode lim = operation.path("x-limits");
    this.limits = new Limits(
        lim.path("maxQueryStringBytes").asInt(),
        lim.path("signatureValiditySeconds").asInt(),
        lim.path("clockSkewSeconds").asInt(),
        lim.path("headDeadlineSeconds").asInt(),
        lim.path("bodyDeadlineSeconds").asInt());
    Map<String, Integer> quotas = new LinkedHashMap<>();
    operation.path("x-quota-defaults").fields().forEachRemaining(e -> {
      if (e.getValue().isInt()) {
        quotas.put(e.getKey(), e.getValue().asInt());
      }
    });
    this.quotaDefaults = Collections.unmodifiableMap(quotas);
    this.signing = readSigning();
  }

  /** The document packaged with this library (read once per class loader). */
  public static Contract bundled() {
    Contract c = bundled;
    if (c == null) {
      synchronized (Contract.class) {
        c = bundled;
        if (c == null) {
          try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            c = parse(in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          bundled = c;
        }
      }
    }
    return c;
  }

  /** A document from a file, for tools that check another version of it. */
  public static Contract load(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Contract parse(byte[] yaml) {
    try {
      return new Contract(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode root() {
    return root;
  }

  public JsonNode operation() {
    return operation;
  }

  public String operationId() {
    return operation.path("operationId").asText();
  }

  public String path() {
    return path;
  }

  public String method() {
    return method;
  }

  public String version() {
    return root.path("info").path("version").asText();
  }

  public ErrorCatalog errors() {
    return errorCatalog;
  }

  /** The operation's parameters, in the document's order (the order of evaluation). */
  public List<ParameterRule> parameters() {
    return parameters;
  }

  public Optional<ParameterRule> parameter(String name) {
    return Optional.ofNullable(parametersByName.get(name));
  }

  public ParameterRule requireParameter(String name) {
    return parameter(name).orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
  }

  /** The one value an enum parameter accepts ({@code Action}, {@code Version}). */
  public String onlyValueOf(String parameterName) {
    List<String> values = requireParameter(parameterName).enumValues();
    if (values.size() != 1) {
      throw new IllegalStateException(parameterName + " is not a one-value enum");
    }
    return values.get(0);
  }

  public TagListRule tagList() {
    return tagList;
  }

  public List<EvaluationStage> evaluationOrder() {
    return evaluationOrder;
  }

  public Limits limits() {
    return limits;
  }

  public Map<String, Integer> quotaDefaults() {
    return quotaDefaults;
  }

  public SigningSpec signing() {
    return signing;
  }

  /** Follows a local {@code $ref} ({@code #/components/...}) if the node is one. */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      if (hops > 16) {
        throw new IllegalStateException("$ref cycle at " + node);
      }
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new IllegalStateException("only local $ref is supported: " + ref);
      }
      current = root.at(ref.substring(1).replace("~1", "/"));
      if (current.isMissingNode()) {
        throw new IllegalStateException("unresolved $ref " + ref);
      }
    }
    return current;
  }

  private static ErrorCatalog readCatalog(JsonNode list) {
    List<ErrorRow> rows = new ArrayList<>();
    for (JsonNode r : list) {
      rows.add(new ErrorRow(
          r.path("status").asInt(),
          r.path("code").asText(),
          r.path("message").asText(),
          r.path("descriptionZh").asText(null),
          r.path("common").asBoolean(false),
          r.path("stage").asText(null),
          r.path("trigger").asText(null),
          r.has("codeN") ? r.get("codeN").asInt() : null));
    }
    return new ErrorCatalog(rows);
  }

  private List<ParameterRule> readParameters() {
    List<ParameterRule> out = new ArrayList<>();
    int position = 0;
    for (JsonNode ref : operation.path("parameters")) {
      out.add(readParameter(resolve(ref), position++));
    }
    return Collections.unmodifiableList(out);
  }

  private ParameterRule readParameter(JsonNode p, int position) {
    JsonNode schema = resolve(p.path("schema"));
    List<String> enumValues = new ArrayList<>();
    schema.path("enum").forEach(v -> enumValues.add(v.asText()));
    JsonNode item = p.path("x-list-item");
    ParameterRule.ListItem listItem = item.isMissingNode()
        ? null
        : new ParameterRule.ListItem(
            item.path("list").asText(), item.path("index").asInt(), item.path("field").asText());
    return new ParameterRule(
        p.path("name").asText(),
        position,
        p.path("required").asBoolean(false),
        schema.path("type").asText("string"),
        schema.has("minimum") ? schema.get("minimum").asLong() : null,
        schema.has("maximum") ? schema.get("maximum").asLong() : null,
        schema.has("minLength") ? schema.get("minLength").asInt() : null,
        schema.has("maxLength") ? schema.get("maxLength").asInt() : null,
        schema.has("pattern") ? schema.get("pattern").asText() : null,
        List.copyOf(enumValues),
        schema.has("default") ? schema.get("default").asText() : null,
        p.has("example") ? p.get("example").asText() : null,
        p.has("x-seed-example") ? p.get("x-seed-example").asText() : null,
        listItem,
        readErrorRefs(p.path("x-errors"), "parameter " + p.path("name").asText()));
  }

  private Map<String, ErrorRow> readErrorRefs(JsonNode map, String where) {
    Map<String, ErrorRow> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), resolveErrorRef(e.getValue(), where + " / " + e.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** An {@code {status, code, message}} reference must name a row of the catalog exactly. */
  private ErrorRow resolveErrorRef(JsonNode ref, String where) {
    int status = ref.path("status").asInt();
    String code = ref.path("code").asText();
    String message = ref.path("message").asText();
    return errorCatalog.byCode(code).stream()
        .filter(r -> r.status() == status && r.message().equals(message))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            where + " names " + status + " " + code + " \"" + message
                + "\", which is not a row of x-error-catalog"));
  }

  private TagListRule readTagList() {
    JsonNode t = operation.path("x-tag-list");
    if (t.isMissingNode()) {
      return null;
    }
    String name = t.path("name").asText();
    ParameterRule key = null;
    ParameterRule value = null;
    for (ParameterRule p : parameters) {
      if (p.listItem() != null && p.listItem().list().equals(name) && p.listItem().index() == 1) {
        if (p.listItem().field().equals("Key")) {
          key = p;
        } else if (p.listItem().field().equals("Value")) {
          value = p;
        }
      }
    }
    List<String> fields = new ArrayList<>();
    t.path("fields").forEach(f -> fields.add(f.asText()));
    JsonNode errors = t.path("errors");
    String where = "x-tag-list";
    return new TagListRule(
        name,
        t.path("maxItems").asInt(),
        List.copyOf(fields),
        resolveErrorRef(errors.path("tooMany"), where + " tooMany"),
        resolveErrorRef(errors.path("disorder"), where + " disorder"),
        resolveErrorRef(errors.path("valueWithoutKey"), where + " valueWithoutKey"),
        resolveErrorRef(errors.path("duplicateKey"), where + " duplicateKey"),
        key,
        value);
  }

  private List<EvaluationStage> readEvaluationOrder() {
    List<EvaluationStage> out = new ArrayList<>();
    for (JsonNode s : operation.path("x-evaluation-order")) {
      List<String> codes = new ArrayList<>();
      s.path("codes").forEach(c -> codes.add(c.asText()));
      out.add(new EvaluationStage(s.path("stage").asText(), List.copyOf(codes)));
    }
    return List.copyOf(out);
  }

  private SigningSpec readSigning() {
    JsonNode schemes = root.path("components").path("securitySchemes");
    JsonNode s = schemes.elements().hasNext() ? schemes.elements().next().path("x-signing") : null;
    if (s == null || s.isMissingNode()) {
      return null;
    }
    List<String> required = new ArrayList<>();
    s.path("requiredSignedHeaders").forEach(h -> required.add(h.asText()));
    Map<String, String> vector = new LinkedHashMap<>();
    s.path("testVector").fields().forEachRemaining(e -> vector.put(e.getKey(), e.getValue().asText()));
    return new SigningSpec(
        s.path("algorithm").asText(),
        s.path("service").asText(),
        s.path("terminator").asText(),
        s.path("dateHeader").asText(),
        s.path("contentHashHeader").asText(),
        s.path("securityTokenHeader").asText(),
        List.copyOf(required),
        Collections.unmodifiableMap(vector),
        readPresignedQuery(s.path("presignedQuery")));
  }

  private static SigningSpec.PresignedQuery readPresignedQuery(JsonNode p) {
    if (p.isMissingNode()) {
      return null;
    }
    String[] names = new String[8];
    String[] keys = {"algorithm", "credential", "date", "signedHeaders", "signedQueries", "signature", "notSignBody",
        "securityToken"};
    for (int i = 0; i < keys.length; i++) {
      if (!p.path(keys[i]).isTextual() || p.path(keys[i]).asText().isEmpty()) {
        throw new IllegalArgumentException("x-signing.presignedQuery." + keys[i] + " is missing");
      }
      names[i] = p.path(keys[i]).asText();
    }
    return new SigningSpec.PresignedQuery(names[0], names[1], names[2], names[3], names[4], names[5], names[6],
        names[7]);
  }
}
