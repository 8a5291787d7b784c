package io.tmkit.contract.diff;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import io.tmkit.contract.Limits;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The changes between two versions of the contract that a client of the older one can trip over,
 * read from the contract's own terms rather than from OpenAPI structure: a parameter that accepts
 * less (a bound tightened or added, a pattern changed, an enum value dropped, newly required, a new
 * type or default), a documented answer that changed (a catalog row gone or reworded, a constraint
 * that now yields another row), a tighter tag list or limit, and a reordered evaluation.
 *
 * <p>openapi-diff covers the OpenAPI structure; this covers what its vendor extensions carry and
 * does not depend on how a given openapi-diff release classifies a schema change.
 */
public final class NarrowedRules {
  private final Contract released;
  private final Contract current;
  private final List<Incompatibility> found = new ArrayList<>();

  private NarrowedRules(Contract released, Contract current) {
    this.released = released;
    this.current = current;
  }

  public static List<Incompatibility> between(Contract released, Contract current) {
    NarrowedRules diff = new NarrowedRules(released, current);
    diff.parameters();
    diff.catalog();
    diff.tagList();
    diff.limits();
    diff.evaluationOrder();
    return List.copyOf(diff.found);
  }

  private void breaks(String where, String change) {
    found.add(new Incompatibility(where, change));
  }

  private void parameters() {
    for (ParameterRule old : released.parameters()) {
      String where = "parameter " + old.name();
      ParameterRule now = current.parameter(old.name()).orElse(null);
      if (now == null) {
        breaks(where, "removed");
        continue;
      }
      if (!old.required() && now.required()) {
        breaks(where, "is now required");
      }
      if (!Objects.equals(old.type(), now.type())) {
        breaks(where, "type " + old.type() + " → " + now.type());
      }
      if (raised(old.minimum(), now.minimum())) {
        breaks(where, "minimum " + show(old.minimum()) + " → " + now.minimum());
      }
      if (lowered(old.maximum(), now.maximum())) {
        breaks(where, "maximum " + show(old.maximum()) + " → " + now.maximum());
      }
      if (raised(toLong(old.minLength()), toLong(now.minLength()))) {
        breaks(where, "minLength " + show(old.minLength()) + " → " + now.minLength());
      }
      if (lowered(toLong(old.maxLength()), toLong(now.maxLength()))) {
        breaks(where, "maxLength " + show(old.maxLength()) + " → " + now.maxLength());
      }
      if (now.pattern() != null && !now.pattern().equals(old.pattern())) {
        // Whether one regular expression accepts a subset of another is not decidable here: any
        // change of pattern is treated as one that may reject what was accepted.
        breaks(where, "pattern " + show(old.pattern()) + " → " + now.pattern());
      }
      if (!now.enumValues().isEmpty() && !now.enumValues().containsAll(old.enumValues())
          || old.enumValues().isEmpty() && !now.enumValues().isEmpty()) {
        breaks(where, "enum " + old.enumValues() + " → " + now.enumValues());
      }
      if (!Objects.equals(old.defaultValue(), now.defaultValue())) {
        breaks(where, "default " + show(old.defaultValue()) + " → " + show(now.defaultValue())
            + " (a request that omits it now means something else)");
      }
      Set<String> keywords = new LinkedHashSet<>(old.errors().keySet());
      keywords.addAll(now.errors().keySet());
      for (String keyword : keywords) {
        ErrorRow before = answer(old, keyword);
        ErrorRow after = answer(now, keyword);
        if (before != null && !sameAnswer(before, after)) {
          breaks(where, "a violated " + keyword + " answered " + before.label() + ", now "
              + (after == null ? "nothing documented" : after.label()));
        }
      }
    }
  }

  private static ErrorRow answer(ParameterRule p, String keyword) {
    return p.errors().containsKey(keyword) || p.errors().containsKey("default") ? p.errorFor(keyword) : null;
  }

  private void catalog() {
    for (ErrorRow row : released.errors().rows()) {
      boolean kept = current.errors().rows().stream().anyMatch(r -> sameAnswer(row, r));
      if (!kept) {
        breaks("x-error-catalog", "row " + row.label() + " is gone or reworded");
      }
    }
  }

  private void tagList() {
    TagListRule old = released.tagList();
    TagListRule now = current.tagList();
    if (old == null) {
      return;
    }
    if (now == null) {
      breaks("x-tag-list", "removed");
      return;
    }
    if (now.maxItems() < old.maxItems()) {
      breaks("x-tag-list", "maxItems " + old.maxItems() + " → " + now.maxItems());
    }
    compareAnswer("x-tag-list tooMany", old.tooMany(), now.tooMany());
    compareAnswer("x-tag-list disorder", old.disorder(), now.disorder());
    compareAnswer("x-tag-list valueWithoutKey", old.valueWithoutKey(), now.valueWithoutKey());
    compareAnswer("x-tag-list duplicateKey", old.duplicateKey(), now.duplicateKey());
  }

  private void compareAnswer(String where, ErrorRow before, ErrorRow after) {
    if (!sameAnswer(before, after)) {
      breaks(where, "answered " + before.label() + ", now " + (after == null ? "nothing" : after.label()));
    }
  }

  private void limits() {
    Limits old = released.limits();
    Limits now = current.limits();
    if (now.maxQueryStringBytes() < old.maxQueryStringBytes()) {
      breaks("x-limits", "maxQueryStringBytes " + old.maxQueryStringBytes() + " → " + now.maxQueryStringBytes());
    }
    if (now.signatureValiditySeconds() < old.signatureValiditySeconds()) {
      breaks("x-limits", "signatureValiditySeconds " + old.signatureValiditySeconds() + " → "
          + now.signatureValiditySeconds());
    }
    if (now.clockSkewSeconds() < old.clockSkewSeconds()) {
      breaks("x-limits", "clockSkewSeconds " + old.clockSkewSeconds() + " → " + now.clockSkewSeconds());
    }
    // A document without a deadline (0) stated none in figures: a first figure narrows nothing it wrote.
    if (old.headDeadlineSeconds() > 0 && now.headDeadlineSeconds() < old.headDeadlineSeconds()) {
      breaks("x-limits", "headDeadlineSeconds " + old.headDeadlineSeconds() + " → " + now.headDeadlineSeconds());
    }
    if (old.bodyDeadlineSeconds() > 0 && now.bodyDeadlineSeconds() < old.bodyDeadlineSeconds()) {
      breaks("x-limits", "bodyDeadlineSeconds " + old.bodyDeadlineSeconds() + " → " + now.bodyDeadlineSeconds());
    }
  }

  /** A request with several faults must keep its one answer: the stages keep their order. */
  private void evaluationOrder() {
    List<String> old = released.evaluationOrder().stream().map(s -> s.name()).toList();
    List<String> now = current.evaluationOrder().stream().map(s -> s.name()).toList();
    List<String> kept = now.stream().filter(old::contains).toList();
    if (!kept.equals(old)) {
      breaks("x-evaluation-order", "stages " + old + " → " + now);
    }
  }

  private static boolean sameAnswer(ErrorRow a, ErrorRow b) {
    return b != null && a.status() == b.status() && a.code().equals(b.code()) && a.message().equals(b.message());
  }

  private static boolean raised(Long before, Long after) {
    return after != null && (before == null || after > before);
  }

  private static boolean lowered(Long before, Long after) {
    return after != null && (before == null || after < before);
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }

  private static String show(Object value) {
    return value == null ? "(none)" : value.toString();
  }
}
