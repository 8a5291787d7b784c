package io.tmkit.conformance.client;

import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import io.tmkit.contract.TagListRule;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a typed client (a request object with one typed field per parameter and tags as a list)
 * can send a request at all: GET, signed with some key pair, Action and Version as documented, every
 * name a parameter of the contract given once, whole numbers that fit the field's Java {@code int},
 * and tags numbered 1..N without gaps. Cases that list the {@code client} surface must pass this.
 */
public final class TypedRequestShape {
  private static final Pattern TAG = Pattern.compile("([1-9][0-9]{0,8})\\.(Key|Value)");
  private static final Set<Signing.Kind> CLIENT_SIGNINGS =
      Set.of(Signing.Kind.SIGNED, Signing.Kind.UNKNOWN_KEY, Signing.Kind.WRONG_SECRET);

  private final Contract contract;

  public TypedRequestShape(Contract contract) {
    this.contract = contract;
  }

  /** Why a typed client cannot send this request, or empty if it can. */
  public Optional<String> whyNot(ResolvedRequest r) {
    if (!"GET".equals(r.method()) || r.formBody()) {
      return Optional.of("method " + r.method() + (r.formBody() ? " with a form body" : ""));
    }
    if (r.isRaw()) {
      return Optional.of("a raw query string");
    }
    if (!CLIENT_SIGNINGS.contains(r.signing().kind())) {
      return Optional.of("signing " + r.signing().kind().key());
    }
    Set<String> seen = new HashSet<>();
    TreeSet<Integer> tagIndices = new TreeSet<>();
    TagListRule tags = contract.tagList();
    for (Map.Entry<String, String> p : r.params()) {
      String name = p.getKey();
      if (!seen.add(name)) {
        return Optional.of(name + " given twice");
      }
      if (tags.owns(name)) {
        Matcher m = TAG.matcher(name.substring(tags.name().length() + 1));
        if (!m.matches()) {
          return Optional.of("tag parameter " + name);
        }
        tagIndices.add(Integer.parseInt(m.group(1)));
        continue;
      }
      Optional<ParameterRule> rule = contract.parameter(name);
      if (rule.isEmpty()) {
        return Optional.of("unknown parameter " + name);
      }
      if (!rule.get().enumValues().isEmpty() && !rule.get().enumValues().contains(p.getValue())) {
        return Optional.of(name + "=" + p.getValue() + " (the client always sends the documented value)");
      }
      if (rule.get().isInteger() && !fitsInt(p.getValue())) {
        return Optional.of(name + "=" + p.getValue() + " is not a Java int");
      }
    }
    for (String fixed : new String[] {"Action", "Version"}) {
      if (!seen.contains(fixed)) {
        return Optional.of("no " + fixed + " (the client always sends it)");
      }
    }
    if (!tagIndices.isEmpty() && tagIndices.last() != tagIndices.size()) {
      return Optional.of("tag indices " + tagIndices + " are not 1..N");
    }
    return Optional.empty();
  }

  private static boolean fitsInt(String value) {
    if (!value.matches("-?[0-9]{1,10}")) {
      return false;
    }
    long n = Long.parseLong(value);
    return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
  }
}
