package io.tmkit.conformance.cli;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every role the cases ask of a fixtures file (read by resolving each case against the demo
 * fixtures, which hold every role), with the cases that need it; for {@code --list-roles}, the value
 * a given fixtures file has for it, and for {@code fixtures init} a template.
 */
final class RoleList {
  /** A need: {@code accessKey ROLE}, or {@code ACCOUNT:ROLE} / {@code ACCOUNT:accountId} of the demo world's accounts. */
  record Need(String key, List<String> cases) {}

  private final Contract contract;
  private final Fixtures demo;
  private final Fixtures world;

  RoleList(Contract contract, Fixtures demo, Fixtures world) {
    this.contract = contract;
    this.demo = demo;
    this.world = world;
  }

  /** Needs in the order of the demo fixtures: access keys first, then each account's roles. */
  List<Need> needs(List<ConformanceCase> cases) {
    Resolver resolver = new Resolver(contract, demo, "", 0);
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    demo.accessKeys().keySet().forEach(k -> byKey.put("accessKey " + k, new ArrayList<>()));
    demo.roles().forEach((account, roles) -> {
      byKey.put(account + ":accountId", new ArrayList<>());
      roles.keySet().forEach(r -> byKey.put(account + ":" + r, new ArrayList<>()));
    });
    for (ConformanceCase c : cases) {
      for (String need : resolver.needs(c)) {
        byKey.computeIfAbsent(need, k -> new ArrayList<>()).add(c.id());
      }
    }
    List<Need> out = new ArrayList<>();
    byKey.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.add(new Need(k, List.copyOf(v)));
      }
    });
    return out;
  }

  /** The value the world under test gives a need, if any (an access key's is its key ID). */
  Optional<String> valueIn(Fixtures fixtures, String key) {
    if (key.startsWith("accessKey ")) {
      return fixtures.accessKey(key.substring("accessKey ".length())).map(k -> k.accessKey() + " (account " + k.account() + ")");
    }
    int colon = key.indexOf(':');
    String account = accountIn(fixtures, key.substring(0, colon));
    String role = key.substring(colon + 1);
    return role.equals("accountId") ? fixtures.accountId(account) : fixtures.role(account, role);
  }

  /**
   * A demo account's name in another fixtures file: the account of the access key of the same name
   * (cases reach an account through the key that calls it), else the same name.
   */
  private String accountIn(Fixtures fixtures, String demoAccount) {
    return fixtures.accessKey(demoAccount).map(k -> k.account()).orElse(demoAccount);
  }

  void print(List<ConformanceCase> cases, PrintStream out) {
    List<Need> needs = needs(cases);
    int width = needs.stream().mapToInt(n -> n.key().length()).max().orElse(10);
    int missing = 0;
    for (Need n : needs) {
      Optional<String> v = valueIn(world, n.key());
      missing += v.isEmpty() ? 1 : 0;
      out.printf("%-" + width + "s  %-40s  %d case(s): %s%n", n.key(), v.orElse("missing"), n.cases().size(),
          abbreviate(String.join(", ", n.cases())));
    }
    out.println(needs.size() + " roles, " + missing + " missing in " + world.name()
        + " (a case that needs a missing one is skipped, with the reason)");
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "…";
  }
}
