package io.tmkit.server.http;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorCatalog;
import io.tmkit.contract.EvaluationStage;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.RequestParameters;
import io.tmkit.contract.RequestRules;
import io.tmkit.contract.TagListRule;
import io.tmkit.contract.Violation;
import io.tmkit.server.api.TrafficMirrorApi;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters and tags stages. The per-parameter constraints are the bean-validation annotations
 * that the generator wrote on {@link TrafficMirrorApi} from the contract's schemas; this class only
 * orders their violations the way the contract's {@code x-evaluation-order} says and turns each into
 * the parameter's documented error ({@link ParameterRule#errorFor} with the JSON-Schema keyword the
 * annotation stands for). Names (unknown, repeated) and the tag-list rules, which no schema keyword
 * expresses, come from the contract library's {@link RequestRules}.
 */
final class ParameterStage {
  /** The order in which keywords of one parameter are reported (the same as {@link RequestRules}). */
  private static final List<String> KEYWORD_ORDER =
      List.of("type", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum", "default");

  /** One parameter of the generated operation method. */
  record GeneratedParameter(int index, ParameterRule rule, Class<?> javaType) {}

  private record Fault(GeneratedParameter parameter, String keyword) {
    int rank() {
      int at = KEYWORD_ORDER.indexOf(keyword);
      return at < 0 ? KEYWORD_ORDER.size() : at;
    }
  }

  private final Contract contract;
  private final RequestRules rules;
  private final List<GeneratedParameter> byIndex;
  private final List<GeneratedParameter> wholeNumbers;
  private final String tagPrefix;

  ParameterStage(Contract contract, RequestRules rules) {
    this.contract = contract;
    this.rules = rules;
    this.byIndex = generatedParameters(contract);
    this.wholeNumbers = byIndex.stream().filter(p -> WholeNumbers.isWholeNumberType(p.javaType())).toList();
    this.tagPrefix = contract.tagList() == null ? null : contract.tagList().name() + ".";
  }

  /** The parameters stage's codes then the tags stage's, as this class can answer them, in order. */
  List<EvaluationStage> plan() {
    ErrorCatalog c = contract.errors();
    Set<String> parameterCodes = new LinkedHashSet<>();
    parameterCodes.add(c.rowContaining("InvalidParameter", "not recognized").code());
    parameterCodes.add(c.only("MissingParameter").code());
    byIndex.stream()
        .filter(p -> p.rule().listItem() == null && !isEnvelope(p.rule()))
        .sorted(Comparator.comparingInt(p -> p.rule().position()))
        .forEach(p -> p.rule().errors().entrySet().stream()
            .filter(e -> !e.getKey().equals("missing"))
            .forEach(e -> parameterCodes.add(e.getValue().code())));
    TagListRule tags = contract.tagList();
    Set<String> tagCodes = new LinkedHashSet<>(List.of(tags.tooMany().code(), tags.disorder().code(),
        tags.valueWithoutKey().code()));
    tags.keyRule().errors().values().forEach(r -> tagCodes.add(r.code()));
    tags.valueRule().errors().values().forEach(r -> tagCodes.add(r.code()));
    tagCodes.add(tags.duplicateKey().code());
    return List.of(new EvaluationStage("parameters", List.copyOf(parameterCodes)),
        new EvaluationStage("tags", List.copyOf(tagCodes)));
  }

  /**
   * The first fault of the two stages: unknown or repeated names; then a missing required parameter
   * (in document order); then each value in document order, the type before every other keyword;
   * then the tag-list rules. {@code violations} are bean validation's findings (empty when the
   * method was called).
   */
  Optional<Violation> firstFault(RequestParameters request, Set<? extends ConstraintViolation<?>> violations) {
    Optional<Violation> names = checkNames(request);
    return names.isPresent() ? names : firstFaultAfterNames(request, violations);
  }

  /** Unknown or repeated names: the first fault of the stage, decided before any value is looked at. */
  Optional<Violation> checkNames(RequestParameters request) {
    return rules.checkNames(request);
  }

  /** {@link #firstFault} for a request whose names passed {@link #checkNames}. */
  Optional<Violation> firstFaultAfterNames(RequestParameters request,
      Set<? extends ConstraintViolation<?>> violations) {
    List<GeneratedParameter> missing = new ArrayList<>();
    List<Fault> values = new ArrayList<>();
    List<Fault> tagValues = new ArrayList<>();
    for (ConstraintViolation<?> v : violations) {
      GeneratedParameter p = parameterOf(v);
      String keyword = keyword(v);
      if (keyword.equals("missing")) {
        if (!request.has(p.rule().name())) {
          missing.add(p);
        }
        // Present but null: a number that did not convert, reported below as "type".
      } else if (p.rule().listItem() != null) {
        tagValues.add(new Fault(p, keyword));
      } else {
        values.add(new Fault(p, keyword));
      }
    }
    for (GeneratedParameter p : wholeNumbers) {
      Optional<String> raw = request.first(p.rule().name());
      if (raw.isPresent() && WholeNumbers.parse(raw.get()) == null) {
        (p.rule().listItem() == null ? values : tagValues).add(new Fault(p, "type"));
      }
    }
    Optional<GeneratedParameter> firstMissing = missing.isEmpty() ? Optional.empty()
        : missing.stream().min(Comparator.comparingInt(p -> p.rule().position()));
    if (firstMissing.isPresent()) {
      ParameterRule rule = firstMissing.get().rule();
      return Optional.of(Violation.of(rule.errorFor("missing"), rule.name(), rule.name()));
    }
    Optional<Fault> firstValue = first(values);
    if (firstValue.isPresent()) {
      return Optional.of(violation(firstValue.get()));
    }
    Optional<Violation> tags = hasTags(request) ? rules.checkTags(request) : Optional.empty();
    if (tags.isPresent()) {
      return tags;
    }
    // The tag-list rules and the generated constraints should agree; if only the latter object, obey them.
    return first(tagValues).map(this::violation);
  }

  /** Whether any parameter belongs to the tag list (most requests have none: their tag rules need not run). */
  boolean hasTags(RequestParameters request) {
    if (tagPrefix == null) {
      return false;
    }
    for (var pair : request.pairs()) {
      if (pair.getKey().startsWith(tagPrefix)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Fault> first(List<Fault> faults) {
    if (faults.isEmpty()) {
      return Optional.empty();
    }
    return faults.stream().min(Comparator.<Fault>comparingInt(f -> f.parameter().rule().position())
        .thenComparingInt(Fault::rank));
  }

  private Violation violation(Fault f) {
    ParameterRule rule = f.parameter().rule();
    var row = rule.errorFor(f.keyword());
    return row.isTemplate() ? Violation.of(row, rule.name(), rule.name()) : Violation.of(row, rule.name());
  }

  private GeneratedParameter parameterOf(ConstraintViolation<?> v) {
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        return byIndex.get(node.as(Path.ParameterNode.class).getParameterIndex());
      }
    }
    throw new IllegalStateException("a constraint violation outside the operation's parameters: " + v.getPropertyPath());
  }

  /** The JSON-Schema keyword a generated constraint annotation stands for. */
  static String keyword(ConstraintViolation<?> v) {
    Annotation a = v.getConstraintDescriptor().getAnnotation();
    if (a instanceof NotNull) {
      return "missing";
    }
    if (a instanceof Size size) {
      Object value = v.getInvalidValue();
      // Code points, as the contract and CodePointSize count them.
      int length = value instanceof CharSequence s ? Character.codePointCount(s, 0, s.length()) : Integer.MAX_VALUE;
      return length < size.min() ? "minLength" : "maxLength";
    }
    if (a instanceof Pattern) {
      return "pattern";
    }
    if (a instanceof Min || a instanceof DecimalMin) {
      return "minimum";
    }
    if (a instanceof Max || a instanceof DecimalMax) {
      return "maximum";
    }
    return "default";
  }

  private static boolean isEnvelope(ParameterRule rule) {
    return rule.name().equals("Action") || rule.name().equals("Version");
  }

  /** The generated operation method's parameters, each tied to the contract's rule of the same name. */
  static List<GeneratedParameter> generatedParameters(Contract contract) {
    Method operation = operationMethod();
    Parameter[] params = operation.getParameters();
    List<GeneratedParameter> out = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      QueryParam q = params[i].getAnnotation(QueryParam.class);
      if (q == null) {
        throw new IllegalStateException("parameter " + i + " of " + operation.getName() + " is not a query parameter");
      }
      out.add(new GeneratedParameter(i, contract.requireParameter(q.value()), params[i].getType()));
    }
    if (out.size() != contract.parameters().size()) {
      throw new IllegalStateException("the generated operation has " + out.size() + " parameters, the contract "
          + contract.parameters().size());
    }
    return List.copyOf(out);
  }

  static Method operationMethod() {
    return Arrays.stream(TrafficMirrorApi.class.getMethods())
        .filter(m -> m.isAnnotationPresent(GET.class))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the generated interface has no GET operation"));
  }

  /** The request's tags as one list, in index order (for a request that passed the tags stage). */
  List<java.util.Map.Entry<String, String>> tagsOf(RequestParameters request) {
    return rules.tagsOf(request);
  }
}
