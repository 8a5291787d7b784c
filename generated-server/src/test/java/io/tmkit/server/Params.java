package io.tmkit.server;

import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parameters of one test request, in order, repeats allowed. Starts from a valid request. */
final class Params {
  private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

  /** Action, Version and every required parameter with the contract's example (which exists in the demo world). */
  static Params valid() {
    Contract c = Contract.bundled();
    Params p = new Params();
    for (ParameterRule rule : c.parameters()) {
      if (rule.required()) {
        p.add(rule.name(), rule.enumValues().size() == 1 ? rule.enumValues().get(0) : rule.example());
      }
    }
    return p;
  }

  static Params none() {
    return new Params();
  }

  Params set(String name, String value) {
    for (int i = 0; i < pairs.size(); i++) {
      if (pairs.get(i).getKey().equals(name)) {
        pairs.set(i, Map.entry(name, value));
        return this;
      }
    }
    return add(name, value);
  }

  Params add(String name, String value) {
    pairs.add(Map.entry(name, value));
    return this;
  }

  Params remove(String name) {
    pairs.removeIf(e -> e.getKey().equals(name));
    return this;
  }

  Params copy() {
    Params p = new Params();
    p.pairs.addAll(pairs);
    return p;
  }

  List<Map.Entry<String, String>> pairs() {
    return List.copyOf(pairs);
  }

  @Override
  public String toString() {
    return pairs.toString();
  }
}
