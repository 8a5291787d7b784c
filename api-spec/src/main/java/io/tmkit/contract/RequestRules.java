package io.tmkit.contract;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The syntax rules of the contract that need no state: the {@code Action}/{@code Version} part of the
 * envelope stage, and the {@code parameters} and {@code tags} stages of {@code x-evaluation-order}.
 * Driven entirely by the document: parameter names, bounds, patterns and errors come from
 * {@link Contract}. The client runs it before sending; the server's own checks must agree with it.
 */
public final class RequestRules {
  private static final Pattern INDEX = Pattern.compile("[1-9][0-9]{0,8}");

  private final Contract contract;
  private final ParameterRule action;
  private final ParameterRule version;
  private final ErrorRow missing;
  private final ErrorRow unrecognized;
  private final ErrorRow repeated;
  private final Map<String, Pattern> patterns = new HashMap<>();
  /** The presigned URL's signature parameters: part of the signature, not of the operation. */
  private final Set<String> signatureParameters;

  public RequestRules(Contract contract) {
    this.contract = contract;
    this.action = contract.requireParameter("Action");
    this.version = contract.requireParameter("Version");
    this.missing = action.errorFor("missing");
    ErrorCatalog errors = contract.errors();
    this.unrecognized = errors.rowContaining("InvalidParameter", "not recognized");
    this.repeated = errors.rowContaining("InvalidParameter", "more than once");
    for (ParameterRule p : contract.parameters()) {
      p.compiledPattern().ifPresent(compiled -> patterns.put(p.name(), compiled));
    }
    this.signatureParameters = contract.signing() == null ? Set.of()
        : Set.copyOf(contract.signing().presignedParameterNames());
  }

  /** {@code Action} and {@code Version}: present, then the one documented value of each. */
  public Optional<Violation> checkActionAndVersion(RequestParameters request) {
    Optional<String> a = request.first(action.name());
    if (a.isEmpty()) {
      return Optional.of(Violation.of(missing, action.name(), action.name()));
    }
    Optional<String> v = request.first(version.name());
    if (v.isEmpty()) {
      return Optional.of(Violation.of(missing, version.name(), version.name()));
    }
    if (!action.enumValues().contains(a.get()) || !version.enumValues().contains(v.get())) {
      return Optional.of(Violation.of(action.errorFor("enum"), action.name(), a.get(), v.get()));
    }
    return Optional.empty();
  }

  /** The {@code parameters} and {@code tags} stages, in the contract's order; the first fault wins. */
  public Optional<Violation> checkSyntax(RequestParameters request) {
    Optional<Violation> v = checkNames(request);
    if (v.isEmpty()) {
      v = checkRequired(request);
    }
    if (v.isEmpty()) {
      v = checkValues(request);
    }
    if (v.isEmpty()) {
      v = checkTags(request);
    }
    return v;
  }

  /**
   * Unknown or repeated names, in the order they appear. The presigned URL's parameters
   * ({@code x-signing.presignedQuery}) are no parameters of the operation: the authentication stage
   * has already judged them, so they are neither unknown nor counted here.
   */
  public Optional<Violation> checkNames(RequestParameters request) {
    Set<String> seen = new HashSet<>();
    TagListRule tags = contract.tagList();
    for (Map.Entry<String, String> pair : request.pairs()) {
      String name = pair.getKey();
      if (signatureParameters.contains(name)) {
        continue;
      }
      boolean known = contract.parameter(name).isPresent() || (tags != null && tags.owns(name));
      if (!known) {
        return Optional.of(Violation.of(unrecognized, name, name));
      }
      if (!seen.add(name)) {
        return Optional.of(Violation.of(repeated, name, name));
      }
    }
    return Optional.empty();
  }

  public Optional<Violation> checkRequired(RequestParameters request) {
    for (ParameterRule p : contract.parameters()) {
      if (p.required() && !request.has(p.name())) {
        return Optional.of(Violation.of(p.errorFor("missing"), p.name(), p.name()));
      }
    }
    return Optional.empty();
  }

  /** Each parameter that is not part of an indexed list, against its schema, in document order. */
  public Optional<Violation> checkValues(RequestParameters request) {
    for (ParameterRule p : contract.parameters()) {
      if (p.listItem() != null) {
        continue;
      }
      Optional<String> value = request.first(p.name());
      if (value.isPresent()) {
        Optional<String> keyword = violatedKeyword(p, value.get());
        if (keyword.isPresent()) {
          return Optional.of(violation(p, keyword.get(), value.get()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The first schema keyword that a value violates, in a fixed order: type, enum, minLength,
   * maxLength, pattern, minimum, maximum. Lengths count Unicode code points, as JSON Schema does.
   */
  public Optional<String> violatedKeyword(ParameterRule p, String value) {
    if (p.isInteger()) {
      if (!value.matches("[+-]?[0-9]{1,30}")) {
        return Optional.of("type");
      }
      BigInteger n = new BigInteger(value);
      if (n.bitLength() > 63) {
        return Optional.of("type");
      }
      if (p.minimum() != null && n.longValue() < p.minimum()) {
        return Optional.of("minimum");
      }
      if (p.maximum() != null && n.longValue() > p.maximum()) {
        return Optional.of("maximum");
      }
      return Optional.empty();
    }
    if (!p.enumValues().isEmpty() && !p.enumValues().contains(value)) {
      return Optional.of("enum");
    }
    int length = value.codePointCount(0, value.length());
    if (p.minLength() != null && length < p.minLength()) {
      return Optional.of("minLength");
    }
    if (p.maxLength() != null && length > p.maxLength()) {
      return Optional.of("maxLength");
    }
    Pattern pattern = patterns.get(p.name());
    if (pattern != null && !pattern.matcher(value).find()) {
      return Optional.of("pattern");
    }
    return Optional.empty();
  }

  private Violation violation(ParameterRule p, String keyword, String value) {
    ErrorRow row = p.errorFor(keyword);
    // Templates of parameter errors name the parameter (MissingParameter-style); others take no args.
    return row.isTemplate() ? Violation.of(row, p.name(), p.name()) : Violation.of(row, p.name());
  }

  /** The rules of {@code x-tag-list}, in the order the contract gives them. */
  public Optional<Violation> checkTags(RequestParameters request) {
    TagListRule rule = contract.tagList();
    if (rule == null) {
      return Optional.empty();
    }
    String prefix = rule.name() + ".";
    Map<String, Map<String, String>> byIndexText = new TreeMap<>();
    for (Map.Entry<String, String> pair : request.pairs()) {
      if (!rule.owns(pair.getKey())) {
        continue;
      }
      String rest = pair.getKey().substring(prefix.length());
      int dot = rest.indexOf('.');
      String index = dot < 0 ? rest : rest.substring(0, dot);
      String field = dot < 0 ? "" : rest.substring(dot + 1);
      byIndexText.computeIfAbsent(index, i -> new HashMap<>()).put(field, pair.getValue());
    }
    if (byIndexText.isEmpty()) {
      return Optional.empty();
    }
    // 1. tooMany: a numeric index above the limit, or more indices than the limit.
    if (byIndexText.size() > rule.maxItems()) {
      return Optional.of(Violation.of(rule.tooMany(), rule.name()));
    }
    for (String index : byIndexText.keySet()) {
      if (index.matches("[0-9]{1,30}") && new BigInteger(index).compareTo(BigInteger.valueOf(rule.maxItems())) > 0) {
        return Optional.of(Violation.of(rule.tooMany(), rule.name()));
      }
    }
    // 2. disorder: indices 1..n without gaps or leading zeros, fields Key or Value only.
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> e : byIndexText.entrySet()) {
      if (!INDEX.matcher(e.getKey()).matches() || !rule.fields().containsAll(e.getValue().keySet())) {
        return Optional.of(Violation.of(rule.disorder(), rule.name()));
      }
      byIndex.put(Integer.parseInt(e.getKey()), e.getValue());
    }
    if (byIndex.lastKey() != byIndex.size()) {
      return Optional.of(Violation.of(rule.disorder(), rule.name()));
    }
    // 3. a value needs its key.
    for (Map.Entry<Integer, Map<String, String>> e : byIndex.entrySet()) {
      if (!e.getValue().containsKey("Key")) {
        return Optional.of(Violation.of(rule.valueWithoutKey(), prefix + e.getKey() + ".Key"));
      }
    }
    // 4. each key and value against its schema, by index.
    for (Map.Entry<Integer, Map<String, String>> e : byIndex.entrySet()) {
      String key = e.getValue().get("Key");
      Optional<String> bad = violatedKeyword(rule.keyRule(), key);
      if (bad.isPresent()) {
        return Optional.of(Violation.of(rule.keyRule().errorFor(bad.get()), prefix + e.getKey() + ".Key"));
      }
      String value = e.getValue().get("Value");
      if (value != null) {
        bad = violatedKeyword(rule.valueRule(), value);
        if (bad.isPresent()) {
          return Optional.of(
              Violation.of(rule.valueRule().errorFor(bad.get()), prefix + e.getKey() + ".Value"));
        }
      }
    }
    // 5. keys do not repeat.
    Set<String> keys = new HashSet<>();
    for (Map.Entry<Integer, Map<String, String>> e : byIndex.entrySet()) {
      if (!keys.add(e.getValue().get("Key"))) {
        return Optional.of(Violation.of(rule.duplicateKey(), prefix + e.getKey() + ".Key"));
      }
    }
    return Optional.empty();
  }

  /** The tags of a request that passed {@link #checkTags}, in index order, as key to value. */
  public List<Map.Entry<String, String>> tagsOf(RequestParameters request) {
    TagListRule rule = contract.tagList();
    TreeMap<Integer, String[]> byIndex = new TreeMap<>();
    String prefix = rule.name() + ".";
    for (Map.Entry<String, String> pair : request.pairs()) {
      if (!rule.owns(pair.getKey())) {
        continue;
      }
      String[] parts = pair.getKey().substring(prefix.length()).split("\\.", 2);
      String[] kv = byIndex.computeIfAbsent(Integer.parseInt(parts[0]), i -> new String[2]);
      kv["Key".equals(parts[1]) ? 0 : 1] = pair.getValue();
    }
    return byIndex.values().stream()
        .map(kv -> Map.entry(kv[0], kv[1] == null ? "" : kv[1]))
        .toList();
  }
}
