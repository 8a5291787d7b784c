package io.tmkit.conformance.validate;

import io.tmkit.conformance.cases.CaseSet;
import io.tmkit.conformance.cases.Signing;
import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Precondition;
import io.tmkit.conformance.cases.WireTemplate;
import io.tmkit.conformance.raw.RawCorpus;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.client.TypedRequestShape;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.resolve.MissingFixture;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The build-time check of the case files (in the spirit of Smithy's validators): what the loader
 * found, unique ids, every expected row a row of the contract, every row of the contract covered on
 * the HTTP surface and every seed row also through the client (or an explicit reason why a typed
 * client cannot send it), every role known to the demo fixtures, {@code safe} exactly on the cases
 * that cannot create, requests that a typed client can send wherever a case says it applies to one,
 * and a smoke set that other languages can run.
 */
public final class CaseValidator {
  private final Contract contract;
  private final Fixtures fixtures;

  public CaseValidator(Contract contract, Fixtures fixtures) {
    this.contract = contract;
    this.fixtures = fixtures;
  }

  /** Every problem, one line each; empty when the cases are fit to run. */
  public List<String> problems(CaseSet set) {
    List<String> out = new ArrayList<>(set.problems());
    uniqueIds(set, out);
    rowsAreDocumented(set, out);
    coverage(set, out);
    perCase(set, out);
    smoke(set, out);
    return out;
  }

  private static void uniqueIds(CaseSet set, List<String> out) {
    Set<String> seen = new HashSet<>();
    for (ConformanceCase c : set.cases()) {
      if (!seen.add(c.id())) {
        out.add(c.source() + ": id " + c.id() + " is not unique");
      }
    }
  }

  private void rowsAreDocumented(CaseSet set, List<String> out) {
    for (ConformanceCase c : set.cases()) {
      ErrorRow row = c.expect().row();
      if (row != null && !contract.errors().rows().contains(row)) {
        out.add(c.source() + ": expects " + row.label() + ", which is not a row of the contract");
      }
    }
  }

  private void coverage(CaseSet set, List<String> out) {
    for (ErrorRow row : contract.errors().rows()) {
      List<ConformanceCase> forRow = set.cases().stream().filter(c -> row.equals(c.expect().row())).toList();
      if (forRow.stream().noneMatch(c -> c.appliesTo(Surface.HTTP))) {
        out.add("row " + row.label() + " has no case on the http surface");
      }
      if (!row.common()
          && forRow.stream().noneMatch(c -> c.appliesTo(Surface.CLIENT))
          && forRow.stream().noneMatch(c -> c.notOnClient() != null)) {
        out.add("seed row " + row.label() + " has no case on the client surface (nor a notOnClient reason)");
      }
    }
  }

  private void perCase(CaseSet set, List<String> out) {
    Resolver resolver = new Resolver(contract, fixtures, "", 0);
    TypedRequestShape shape = new TypedRequestShape(contract);
    for (ConformanceCase c : set.cases()) {
      if (c.isSafe() == c.canCreate()) {
        out.add(c.source() + ": " + (c.isSafe()
            ? "is tagged safe but can create a resource (a success, or preconditions)"
            : "cannot create a resource but is not tagged safe"));
      }
      if (c.notOnClient() != null && c.appliesTo(Surface.CLIENT)) {
        out.add(c.source() + ": gives a notOnClient reason but applies to the client surface");
      }
      presignedRoles(c, out);
      rawOnly(c, out);
      ResolvedCase r;
      try {
        r = resolver.resolve(c);
      } catch (MissingFixture | IllegalArgumentException e) {
        out.add(c.source() + ": " + e.getMessage() + " in " + fixtures.name());
        continue;
      }
      if (c.appliesTo(Surface.CLIENT) || c.appliesTo(Surface.CLIENT_VALIDATION)) {
        Optional<String> why = shape.whyNot(r.request());
        why.ifPresent(w -> out.add(c.source() + ": applies to a client surface, but a typed client cannot send " + w));
      }
    }
  }

  /** A presigned case breaks parameters by their role in x-signing.presignedQuery: each role must exist. */
  private void presignedRoles(ConformanceCase c, List<String> out) {
    Signing s = c.request().signing();
    if (s.kind() != Signing.Kind.PRESIGNED) {
      return;
    }
    for (String option : List.of("drop", "set")) {
      String role = s.options().get(option);
      if (role != null && (contract.signing().presignedQuery() == null
          || contract.signing().presignedQuery().byRole(role).isEmpty())) {
        out.add(c.source() + ": presigned " + option + " names " + role + ", which is no role of x-signing.presignedQuery");
      }
    }
  }

  /**
   * What only the raw surface can do (bytes, slow clients, loose or connection expectations) is used
   * only on cases that apply to it alone; a slow client's case says how soon it must be closed.
   */
  private static void rawOnly(ConformanceCase c, List<String> out) {
    WireTemplate wire = c.request().wire();
    List<String> uses = new ArrayList<>();
    if (wire != null) {
      uses.add("wire");
    }
    if (c.preconditions().stream().anyMatch(p -> p instanceof Precondition.Stalled)) {
      uses.add("a stalled precondition");
    }
    if (!c.expect().anyOf().isEmpty()) {
      uses.add("anyOf");
    }
    if (c.expect().wire() != null) {
      uses.add("closedWithinMs/answeredWithinMs/answers");
    }
    if (!c.expect().isExact() && c.expect().anyOf().isEmpty()
        && (c.expect().wire() == null || c.expect().wire().closedWithinMs() == null)) {
      out.add(c.source() + ": expects neither an answer nor a close (name a code, status 200, anyOf or closedWithinMs)");
    }
    if (!uses.isEmpty() && !c.appliesTo().equals(Set.of(Surface.RAW))) {
      out.add(c.source() + ": uses " + String.join(", ", uses) + ", which only the raw surface runs, but applies to "
          + c.appliesTo().stream().map(Surface::key).sorted().toList());
    }
    if (wire != null && wire.corpus() != null && !RawCorpus.NAMES.contains(wire.corpus())) {
      out.add(c.source() + ": no corpus " + wire.corpus() + " (there are " + RawCorpus.NAMES + ")");
    }
    if (wire != null && wire.stallAfter() != null
        && (c.expect().wire() == null || c.expect().wire().closedWithinMs() == null)) {
      out.add(c.source() + ": a slow client (stallAfter) needs closedWithinMs: how soon the server must close it");
    }
  }

  private static void smoke(CaseSet set, List<String> out) {
    List<ConformanceCase> smoke = set.cases().stream().filter(c -> c.hasTag(ConformanceCase.SMOKE)).toList();
    smoke.stream().filter(c -> !c.preconditions().isEmpty())
        .forEach(c -> out.add(c.source() + ": a smoke case must need nothing but the demo world"));
    need(smoke, out, "a success", c -> c.expect().isSuccess());
    need(smoke, out, "a parameter error (400)", c -> !c.expect().isSuccess() && c.expect().row().status() == 400
        && "parameters".equals(c.expect().row().stage()));
    need(smoke, out, "a 404", c -> c.expect().status() == 404);
    need(smoke, out, "a 409", c -> c.expect().status() == 409);
  }

  private static void need(List<ConformanceCase> smoke, List<String> out, String what, Predicate<ConformanceCase> p) {
    if (smoke.stream().noneMatch(p)) {
      out.add("no smoke case is " + what);
    }
  }
}
