package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.resolve.MissingFixture;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedPrecondition;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.conformance.targets.Target;
import io.tmkit.conformance.targets.WorldControl;
import java.util.ArrayList;
import io.tmkit.contract.Contract;
import io.tmkit.contract.EvaluationStage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs cases against one target, one case at a time, on every surface the case applies to. Each
 * (case, surface) run resolves the case afresh (its own tokens and free numbers), resets the world
 * first when the case or the one before it could change it (if the target can be reset), sets up the
 * preconditions through raw HTTP, asks the surface, and judges what it saw against the contract's row.
 */
public final class CaseRunner {
  private final Resolver resolver;
  private final Target target;
  private final HttpSurface http;
  private final Map<Surface, CaseSurface> surfaces;
  private final SlowClients slowClients;
  private final Set<String> stateCodes;
  private boolean dirty = true;

  public CaseRunner(Resolver resolver, Target target, HttpSurface http, List<CaseSurface> surfaces) {
    this(resolver, target, http, surfaces, null);
  }

  /** @param slowClients opens the connections of a {@code stalled} precondition (null: none can run) */
  public CaseRunner(Resolver resolver, Target target, HttpSurface http, List<CaseSurface> surfaces,
      SlowClients slowClients) {
    this.resolver = resolver;
    this.target = target;
    this.http = http;
    this.slowClients = slowClients;
    this.stateCodes = stateCodes(resolver.contract());
    this.surfaces = new HashMap<>();
    surfaces.forEach(s -> this.surfaces.put(s.surface(), s));
  }

  /**
   * The answers that say "the world has no room left" rather than "this request is wrong": the
   * contract's quota stage, and a priority taken (by a session that an earlier run created). On a
   * target that cannot be reset, a case that needs room and meets one of these is skipped, naming it.
   */
  static Set<String> stateCodes(Contract contract) {
    Set<String> out = new HashSet<>();
    for (EvaluationStage stage : contract.evaluationOrder()) {
      if (stage.name().equals("quotas")) {
        out.addAll(stage.codes());
      } else if (stage.name().equals("conflicts")) {
        stage.codes().stream().filter(code -> code.contains("Priority")).forEach(out::add);
      }
    }
    return Set.copyOf(out);
  }

  public List<CaseResult> runAll(List<ConformanceCase> cases) {
    List<CaseResult> out = new ArrayList<>();
    for (ConformanceCase c : cases) {
      out.add(run(c));
    }
    return out;
  }

  public CaseResult run(ConformanceCase c) {
    List<SurfaceResult> results = new ArrayList<>();
    ResolvedCase shown = null;
    for (Surface surface : Surface.values()) {
      if (!c.appliesTo(surface)) {
        continue;
      }
      CaseSurface s = surfaces.get(surface);
      if (s == null) {
        continue; // left out of this run on purpose (--surface): neither run nor skipped
      }
      ResolvedCase resolved;
      try {
        resolved = resolver.resolve(c);
      } catch (MissingFixture e) {
        results.add(SurfaceResult.skipped(surface, e.getMessage()));
        continue;
      }
      shown = shown == null ? resolved : shown;
      results.add(runOn(s, resolved));
    }
    return new CaseResult(c, shown == null ? c.expect().status() : shown.status(), shown == null ? null : shown.code(),
        shown == null ? null : shown.message(), results);
  }

  private SurfaceResult runOn(CaseSurface surface, ResolvedCase c) {
    long started = System.nanoTime();
    if (!surface.needsWorld()) {
      return judge(surface.surface(), c, safely(surface, c), Map.of(), List.of(), List.of(), started);
    }
    Optional<WorldControl> control = target.control();
    boolean needsFault = c.preconditions().stream().anyMatch(p -> p instanceof ResolvedPrecondition.Fault);
    if (needsFault && control.isEmpty()) {
      return SurfaceResult.skipped(surface.surface(), "the target has no admin API to inject a fault");
    }
    if (control.isPresent() && (dirty || c.source().canCreate())) {
      control.get().reset();
      dirty = false;
    }
    if (c.source().canCreate()) {
      dirty = true;
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> sessionsByName = new HashMap<>();
    List<CompletableFuture<Observation>> inFlight = new ArrayList<>();
    try (SlowClients.Held held = new SlowClients.Held()) {
      for (ResolvedPrecondition p : c.preconditions()) {
        Optional<String> failure = setUp(p, control, sessionsByName, inFlight, held);
        if (failure.isPresent()) {
          awaitAll(inFlight);
          if (failure.get().startsWith(STATE)) {
            return SurfaceResult.skipped(surface.surface(), failure.get().substring(STATE.length()));
          }
          return new SurfaceResult(surface.surface(), Verdict.FAILED, List.of(failure.get()), null, elapsed(started));
        }
      }
      return observeAndJudge(surface, c, control, sessionsByName, inFlight, notes, started);
    }
  }

  private SurfaceResult observeAndJudge(CaseSurface surface, ResolvedCase c, Optional<WorldControl> control,
      Map<String, String> sessionsByName, List<CompletableFuture<Observation>> inFlight, List<String> notes,
      long started) {
    List<String> extra = new ArrayList<>();
    Integer before = count(control, c, extra);
    Observation seen = safely(surface, c);
    Integer after = count(control, c, extra);
    if (c.source().expect().sessionsCreated() != null) {
      if (control.isPresent() && c.accountId() != null && (before == null || after == null)) {
        extra.add("sessionsCreated not checked: the admin API failed");
      } else if (before == null || after == null) {
        notes.add("sessionsCreated not checked: the target has no admin API to count sessions");
      } else if (after - before != c.source().expect().sessionsCreated()) {
        extra.add("created " + (after - before) + " session(s), expected " + c.source().expect().sessionsCreated());
      }
    }
    String blockedBy = null;
    for (CompletableFuture<Observation> f : inFlight) {
      Observation o = await(f);
      if (o.status() != 200) {
        if (control.isEmpty() && stateCodes.contains(o.code())) {
          blockedBy = noRoom("the request in flight", o.code());
        } else {
          extra.add("the request in flight answered " + o.label() + ", expected 200");
        }
      }
    }
    SurfaceResult judged = judge(surface.surface(), c, seen, sessionsByName, extra, notes, started);
    if (judged.verdict() == Verdict.FAILED && control.isEmpty() && extra.isEmpty() && seen.findings().isEmpty()) {
      // Only the answer's code disagreed, and it is a "no room" answer the case did not ask for: on a
      // target that cannot be reset, that is the state earlier creates left, not a wrong answer.
      if (blockedBy != null) {
        return SurfaceResult.skipped(surface.surface(), blockedBy);
      }
      if (stateCodes.contains(seen.code()) && !Objects.equals(seen.code(), c.code())) {
        return SurfaceResult.skipped(surface.surface(), noRoom("the request", seen.code()));
      }
    }
    return judged;
  }

  /** Marks a precondition failure that is the target's state (see {@link #stateCodes}). */
  private static final String STATE = "\u0000state:";

  private static String noRoom(String what, String code) {
    return "needs room the target no longer has: " + what + " answered " + code
        + " (state left by earlier creates; this target cannot be reset: give --admin-url/--admin-token, "
        + "or fixtures with resources that have room)";
  }

  private Optional<String> setUp(ResolvedPrecondition p, Optional<WorldControl> control,
      Map<String, String> sessionsByName, List<CompletableFuture<Observation>> inFlight, SlowClients.Held held) {
    if (p instanceof ResolvedPrecondition.PriorRequest prior) {
      Observation o;
      try {
        o = http.send(prior.request());
      } catch (RuntimeException e) {
        return Optional.of("precondition " + prior.as() + ": " + e.getMessage());
      }
      if (o.status() != prior.expectStatus()) {
        String failure = "precondition " + prior.as() + " answered " + o.label() + " \"" + o.message()
            + "\", expected " + prior.expectStatus();
        if (control.isEmpty() && prior.expectStatus() == 200 && stateCodes.contains(o.code())) {
          return Optional.of(STATE + noRoom("precondition " + prior.as(), o.code()));
        }
        return Optional.of(failure);
      }
      if (o.sessionId() != null) {
        sessionsByName.put(prior.as(), o.sessionId());
      }
    } else if (p instanceof ResolvedPrecondition.InFlight f) {
      inFlight.add(CompletableFuture.supplyAsync(() -> http.send(f.request())));
      sleep(f.settleMs());
    } else if (p instanceof ResolvedPrecondition.Stalled stalled) {
      if (slowClients == null) {
        return Optional.of("a stalled precondition needs the raw surface's connections");
      }
      try {
        slowClients.open(stalled.request(), stalled.connections(), held);
        sleep(stalled.settleMs());
      } catch (RuntimeException e) {
        return Optional.of("stalled precondition: " + e.getMessage());
      }
    } else if (p instanceof ResolvedPrecondition.Fault fault) {
      control.orElseThrow().injectFault(fault.accountId(), fault.code(), fault.phase(), fault.times());
    }
    return Optional.empty();
  }

  private static Observation safely(CaseSurface surface, ResolvedCase c) {
    try {
      return surface.observe(c);
    } catch (RuntimeException e) {
      return new Observation(0, null, null, null, null, false,
          List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private static SurfaceResult judge(Surface surface, ResolvedCase c, Observation seen,
      Map<String, String> sessionsByName, List<String> extra, List<String> notes, long started) {
    List<String> failures = new ArrayList<>(seen.findings());
    failures.addAll(extra);
    if (surface == Surface.CLIENT_VALIDATION) {
      judgeLocal(c, seen, failures);
    } else {
      judgeAnswer(c, seen, sessionsByName, failures);
    }
    List<String> reasons = failures.isEmpty() ? notes : failures;
    return new SurfaceResult(surface, failures.isEmpty() ? Verdict.PASSED : Verdict.FAILED, reasons, seen,
        elapsed(started));
  }

  private static void judgeLocal(ResolvedCase c, Observation seen, List<String> failures) {
    if (c.expectsSuccess()) {
      if (!(seen.local() && seen.status() == 0)) {
        failures.add("client-side validation refused a valid request: " + seen.label() + " \"" + seen.message() + "\"");
      }
      return;
    }
    if (!seen.local() || seen.status() == 0) {
      failures.add("client-side validation let it through; the server answers " + c.status() + " " + c.code());
      return;
    }
    compare(c, seen, failures);
  }

  private static void judgeAnswer(ResolvedCase c, Observation seen, Map<String, String> sessionsByName,
      List<String> failures) {
    if (c.expectsSuccess()) {
      if (seen.status() != 200 || seen.code() != null) {
        failures.add("expected 200, got " + seen.label() + (seen.message() == null ? "" : " \"" + seen.message() + "\""));
        return;
      }
      String same = c.source().expect().sameSessionAs();
      if (same != null && !Objects.equals(sessionsByName.get(same), seen.sessionId())) {
        failures.add("session " + seen.sessionId() + ", expected the session of " + same + " (" + sessionsByName.get(same) + ")");
      }
      return;
    }
    if (!c.source().expect().anyOf().isEmpty()) {
      if (!admitted(c, seen)) {
        failures.add("answered " + seen.label() + " \"" + seen.message() + "\", expected a row of "
            + c.source().expect().anyOf().stream().map(r -> r.code()).distinct().toList());
      }
      return;
    }
    if (c.row() == null) {
      return; // the connection alone is judged (by the raw surface): any answer it admitted is fine
    }
    compare(c, seen, failures);
  }

  /** Whether an answer is one of the rows a loose expectation ({@code anyOf}) admits. */
  public static boolean admitted(ResolvedCase c, Observation seen) {
    return c.source().expect().anyOf().stream().anyMatch(r -> r.status() == seen.status()
        && r.code().equals(seen.code()) && r.matchesMessage(seen.message()));
  }

  private static void compare(ResolvedCase c, Observation seen, List<String> failures) {
    if (seen.status() != c.status()) {
      failures.add("status " + seen.status() + ", expected " + c.status());
    }
    if (!Objects.equals(seen.code(), c.code())) {
      failures.add("code " + seen.code() + ", expected " + c.code());
    }
    if (!Objects.equals(seen.message(), c.message())) {
      failures.add("message \"" + seen.message() + "\", expected \"" + c.message() + "\"");
    }
  }

  /** The account's sessions now; null when they cannot be counted (the admin API failing is a finding). */
  private static Integer count(Optional<WorldControl> control, ResolvedCase c, List<String> findings) {
    if (control.isEmpty() || c.accountId() == null || c.source().expect().sessionsCreated() == null) {
      return null;
    }
    try {
      return control.get().sessionCount(c.accountId());
    } catch (RuntimeException e) {
      findings.add("the admin API did not count the sessions: " + e.getMessage());
      return null;
    }
  }

  private static void awaitAll(List<CompletableFuture<Observation>> futures) {
    futures.forEach(CaseRunner::await);
  }

  private static Observation await(CompletableFuture<Observation> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return new Observation(0, null, String.valueOf(e.getMessage()), null, null, false, List.of());
    }
  }

  private static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
