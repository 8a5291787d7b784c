package io.tmkit.conformance.run;

import io.tmkit.conformance.cases.ConformanceCase;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.client.ClientSurface;
import io.tmkit.conformance.client.ClientValidationSurface;
import io.tmkit.conformance.fixtures.Fixtures;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.http.HttpTransport;
import io.tmkit.conformance.http.ResponseSchemas;
import io.tmkit.conformance.http.WireRequests;
import io.tmkit.conformance.raw.RawSurface;
import io.tmkit.conformance.resolve.Resolver;
import io.tmkit.conformance.targets.Target;
import io.tmkit.contract.Contract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything one run needs, wired for one target: the four surfaces, the resolver for the target's
 * fixtures, the runner. {@code uniqueRun} gives the run its own tokens and its own start in every
 * range of free numbers (for a world that is never reset, such as another implementation's).
 */
public final class ConformanceSuite {
  private final Contract contract;
  private final Target target;
  private final HttpSurface http;
  private final RawSurface raw;
  private final CaseRunner runner;
  private final String runId;

  public ConformanceSuite(Contract contract, Target target, Fixtures fixtures, Set<Surface> surfaces, boolean uniqueRun) {
    this.contract = contract;
    this.target = target;
    // The run's id: in every ClientToken of the run (so that no token of an earlier run is replayed)
    // and, for a target that is never reset, where each range of free numbers starts.
    this.runId = Long.toString(new java.security.SecureRandom().nextLong() >>> 28, 36);
    int offset = uniqueRun ? Math.floorMod(runId.hashCode(), 1000) : 0;
    HttpTransport transport = new HttpTransport(target.baseUri());
    WireRequests wires = new WireRequests(contract, target.baseUri(), fixtures.region(), Clock.systemUTC());
    this.http = new HttpSurface(contract, transport, wires, new ResponseSchemas(contract), fixtures.region());
    // A target that is never reset: each priority handed out is first asked about (PriorityProbe),
    // so that the numbers earlier runs' sessions hold are passed over.
    Resolver resolver = new Resolver(contract, fixtures, runId, offset,
        uniqueRun && target.control().isEmpty() ? new PriorityProbe(contract, fixtures, http) : Resolver.NONE);
    this.raw = new RawSurface(contract, target.baseUri(), wires, http);
    List<CaseSurface> list = new ArrayList<>();
    if (surfaces.contains(Surface.HTTP)) {
      list.add(http);
    }
    if (surfaces.contains(Surface.CLIENT)) {
      list.add(new ClientSurface(contract, target.baseUri(), fixtures.region()));
    }
    if (surfaces.contains(Surface.CLIENT_VALIDATION)) {
      list.add(new ClientValidationSurface(contract, fixtures.region()));
    }
    if (surfaces.contains(Surface.RAW)) {
      list.add(raw);
    }
    this.runner = new CaseRunner(resolver, target, http, list, raw);
  }

  /** The run's id (printed first, kept in report.json). */
  public String runId() {
    return runId;
  }

  public Contract contract() {
    return contract;
  }

  public HttpSurface http() {
    return http;
  }

  public RawSurface raw() {
    return raw;
  }

  public CaseRunner runner() {
    return runner;
  }

  public CaseResult run(ConformanceCase c) {
    return runner.run(c);
  }

  /** Runs the cases; the wall time counts from {@code startedNanos} (so a caller can include the server's start). */
  public RunReport runAll(List<ConformanceCase> cases, long startedNanos) {
    long inputsBefore = raw.inputsSent();
    long errorsBefore = raw.serverErrors();
    List<CaseResult> results = runner.runAll(cases);
    List<String> notes = new ArrayList<>();
    if (raw.inputsSent() > inputsBefore) {
      notes.add(String.format("raw: %,d adversarial inputs sent (requests, slow clients and generated variants), "
          + "%d answered with a 5xx", raw.inputsSent() - inputsBefore, raw.serverErrors() - errorsBefore));
    }
    return new RunReport(target.description(), results, (System.nanoTime() - startedNanos) / 1_000_000, notes);
  }
}
