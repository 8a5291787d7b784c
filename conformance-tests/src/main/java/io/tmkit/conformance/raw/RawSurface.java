package io.tmkit.conformance.raw;

import io.tmkit.conformance.cases.Expectation;
import io.tmkit.conformance.cases.Surface;
import io.tmkit.conformance.http.HttpSurface;
import io.tmkit.conformance.http.WireRequests;
import io.tmkit.conformance.resolve.ResolvedCase;
import io.tmkit.conformance.resolve.ResolvedRequest;
import io.tmkit.conformance.resolve.ResolvedWire;
import io.tmkit.conformance.run.CaseRunner;
import io.tmkit.conformance.run.CaseSurface;
import io.tmkit.conformance.run.Observation;
import io.tmkit.conformance.run.SlowClients;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ErrorRow;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw surface: the server's HTTP/1.1 edge fed bytes over a plain socket (request line and Host
 * abuse, methods, framing and smuggling, pipelining, slow clients, sizes, encodings, other protocols).
 * Besides the case's own expectation, every answer on the connection must be a documented one: a row
 * of the contract's catalog (or the success) with its status, never a 5xx, {@code application/json}
 * with a {@code Content-Length} matching the body, the body valid against the contract's schema (all
 * that {@link HttpSurface#read} checks); an answer that says {@code Connection: close} is followed by
 * the close and nothing else; and the server never leaves a connection hanging with no answer.
 */
public final class RawSurface implements CaseSurface, SlowClients {
  /** How long a case with no timing of its own waits for an answer or a close before calling it a hang. */
  static final int DEFAULT_LIMIT_MS = 5000;
  /** How long to keep reading after an answer when the case watches for a second one. */
  static final int IDLE_AFTER_ANSWER_MS = 500;

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final Contract contract;
  private final URI base;
  private final WireRequests wires;
  private final HttpSurface http;
  private final AtomicLong inputs = new AtomicLong();
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  /** What each method an Allow header listed was answered (tried once per run). */
  private final java.util.Map<String, Integer> allowedStatus = new java.util.concurrent.ConcurrentHashMap<>();

  public RawSurface(Contract contract, URI base, WireRequests wires, HttpSurface http) {
    this.contract = contract;
    this.base = base;
    this.wires = wires;
    this.http = http;
  }

  @Override
  public Surface surface() {
    return Surface.RAW;
  }

  @Override
  public boolean needsWorld() {
    return true;
  }

  /** Requests (whole, partial or generated) this surface has put on a socket so far. */
  public long inputsSent() {
    return inputs.get();
  }

  public long answersRead() {
    return answers.get();
  }

  /** Answers with a 5xx status (every one of them is also a failure of its case). */
  public long serverErrors() {
    return serverErrors.get();
  }

  @Override
  public Observation observe(ResolvedCase c) {
    ResolvedRequest request = c.request();
    ResolvedWire w = request.wire();
    if (w != null && w.corpus() != null) {
      return corpus(c, w.corpus());
    }
    RawMessage message = RawMessage.render(request, wires);
    RawExchange x = RawConnection.exchange(base, message, plan(c));
    inputs.incrementAndGet();
    List<String> findings = new ArrayList<>();
    Observation first = judge(c, x, findings, "");
    return new Observation(first.status(), first.code(), first.message(), first.sessionId(), first.requestId(), false,
        findings);
  }

  @Override
  public void open(ResolvedRequest request, int connections, Held held) {
    RawMessage message = RawMessage.render(request, wires);
    for (int i = 0; i < connections; i++) {
      Socket s = RawConnection.stall(base, message);
      held.add(s);
      inputs.incrementAndGet();
    }
  }

  /** Every generated variant of the case's request, each judged like a case of its own that admits any documented refusal. */
  private Observation corpus(ResolvedCase c, String name) {
    byte[] request = RawMessage.bytes(c.request(), wires);
    List<RawCorpus.Entry> entries = RawCorpus.named(name, request)
        .orElseThrow(() -> new IllegalArgumentException("no corpus " + name));
    List<String> findings = new ArrayList<>();
    int failed = 0;
    RawConnection.Plan plan = plan(c);
    for (RawCorpus.Entry e : entries) {
      List<String> own = new ArrayList<>();
      RawExchange x = RawConnection.exchange(base, RawMessage.of(e.bytes()), plan);
      inputs.incrementAndGet();
      judge(c, x, own, e.label() + ": ");
      if (!own.isEmpty()) {
        failed++;
        if (findings.size() < 20) {
          findings.addAll(own.subList(0, Math.min(2, own.size())));
        }
      }
    }
    if (failed > 0) {
      findings.add(failed + " of " + entries.size() + " variants of corpus " + name + " failed");
    }
    return new Observation(0, null, null, null, null, false, findings);
  }

  private RawConnection.Plan plan(ResolvedCase c) {
    Expectation.WireExpectation w = c.source().expect().wire();
    ResolvedWire wire = c.request().wire();
    Integer closed = w == null ? null : w.closedWithinMs();
    Integer answered = w == null ? null : w.answeredWithinMs();
    long limit = DEFAULT_LIMIT_MS;
    if (closed != null || answered != null) {
      // Long enough to see a late close or answer for what it is, not a hang.
      limit = Math.max(closed == null ? 0 : closed, answered == null ? 0 : answered) + 500L;
    }
    // Without an exact answer to wait for, a documented refusal ends the wait as a close does.
    boolean connectionOnly = !c.source().expect().isExact() && c.source().expect().anyOf().isEmpty();
    boolean readOn = (closed != null && !connectionOnly) || (w != null && w.answers() != null)
        || (wire != null && wire.then() != null);
    return new RawConnection.Plan(limit, readOn, closed == null ? IDLE_AFTER_ANSWER_MS : 0,
        "HEAD".equalsIgnoreCase(c.request().method()));
  }

  /**
   * Judges one connection: each answer must be documented, the connection must behave as the answers
   * announce, and as the case's wire expectation says. Returns what the first answer said.
   */
  private Observation judge(ResolvedCase c, RawExchange x, List<String> findings, String prefix) {
    Expectation expect = c.source().expect();
    boolean head = "HEAD".equalsIgnoreCase(c.request().method());
    Observation first = null;
    for (int i = 0; i < x.answers().size(); i++) {
      RawResponse answer = x.answers().get(i);
      String at = prefix + (x.answers().size() > 1 ? "answer " + (i + 1) + ": " : "");
      answers.incrementAndGet();
      Observation o = documented(c, answer, head, findings, at);
      if (first == null) {
        first = o;
      }
      if (answer.saysClose() && i + 1 < x.answers().size()) {
        findings.add(at + "said Connection: close, then answered another request on the connection");
      }
      if (answer.saysClose() && i + 1 == x.answers().size() && !x.closed()) {
        findings.add(at + "said Connection: close but left the connection open for "
            + RawConnection.CLOSE_AFTER_ANSWER_MS + " ms");
      }
    }
    if (x.problem() != null) {
      findings.add(prefix + "answered bytes that are not an HTTP/1.1 answer: " + x.problem());
    }
    if (x.answers().isEmpty() && !x.closed() && x.problem() == null) {
      findings.add(prefix + "no answer and the connection still open after " + plan(c).limitMs() + " ms (a hang)");
    }
    Expectation.WireExpectation w = expect.wire();
    if (w != null && w.answers() != null && w.answers() != x.answers().size()) {
      findings.add(prefix + x.answers().size() + " answer(s) on the connection, expected " + w.answers());
    }
    boolean connectionOnly = !expect.isExact() && expect.anyOf().isEmpty();
    if (w != null && w.closedWithinMs() != null && connectionOnly && !x.answers().isEmpty()) {
      if (x.answers().get(0).completedMs() > w.closedWithinMs()) {
        findings.add(prefix + "answered after " + x.answers().get(0).completedMs() + " ms, expected an answer or a close within "
            + w.closedWithinMs() + " ms");
      }
    } else if (w != null && w.closedWithinMs() != null) {
      if (!x.closed()) {
        findings.add(prefix + "the server had not closed the connection " + plan(c).limitMs() + " ms after the first byte, "
            + "expected a close within " + w.closedWithinMs() + " ms");
      } else if (x.closedAtMs() > w.closedWithinMs()) {
        findings.add(prefix + "closed after " + x.closedAtMs() + " ms, expected within " + w.closedWithinMs() + " ms");
      }
    }
    if (w != null && w.answeredWithinMs() != null) {
      if (x.answers().isEmpty()) {
        findings.add(prefix + "no answer within " + plan(c).limitMs() + " ms, expected one within " + w.answeredWithinMs() + " ms");
      } else if (x.answers().get(0).completedMs() > w.answeredWithinMs()) {
        findings.add(prefix + "answered after " + x.answers().get(0).completedMs() + " ms, expected within "
            + w.answeredWithinMs() + " ms");
      }
    }
    if (first == null) {
      if (expect.isExact() || !expect.anyOf().isEmpty()) {
        findings.add(prefix + "no answer" + (x.closed() ? " (closed after " + x.closedAtMs() + " ms)" : "")
            + ", expected " + (expect.isSuccess() ? "200" : expect.row() != null ? expect.row().code() : "one of "
            + expect.anyOf().stream().map(ErrorRow::code).distinct().toList()));
      }
      return new Observation(0, null, null, null, null, false, List.of());
    }
    if (!prefix.isEmpty() && !expect.anyOf().isEmpty() && !CaseRunner.admitted(c, first)) {
      findings.add(prefix + "answered " + first.label() + " \"" + first.message() + "\", expected a row of "
          + expect.anyOf().stream().map(ErrorRow::code).distinct().toList());
    }
    if (!expect.isExact() && expect.anyOf().isEmpty() && first.status() == 200) {
      findings.add(prefix + "answered 200 where the case expects a refusal or a close");
    }
    return first;
  }

  /** Code and message of an error envelope (nulls when the body is none). */
  private static String[] errorOf(byte[] body) {
    try {
      com.fasterxml.jackson.databind.JsonNode error = JSON.readTree(body).path("ResponseMetadata").path("Error");
      return new String[] {error.path("Code").asText(null), error.path("Message").asText(null)};
    } catch (java.io.IOException | RuntimeException e) {
      return new String[] {null, null};
    }
  }

  /**
   * A 405's Allow header must not list a method that is itself refused: each listed method is tried
   * once per run (POST with the form body, the only POST the contract allows) and must not get a 405.
   */
  private void allowListsOnlyAllowed(ResolvedCase c, RawResponse answer, List<String> findings, String at) {
    for (String listed : answer.all("Allow")) {
      for (String m : listed.split(",")) {
        String method = m.trim();
        if (method.isEmpty()) {
          continue;
        }
        int status = allowedStatus.computeIfAbsent(method, k -> {
          ResolvedRequest r = c.request();
          ResolvedRequest probe = new ResolvedRequest(k, r.accessKey(), r.signing(), r.params(), r.rawQuery(),
              "POST".equals(k), null);
          RawExchange x = RawConnection.exchange(base, RawMessage.render(probe, wires),
              new RawConnection.Plan(DEFAULT_LIMIT_MS, false, 0, "HEAD".equals(k)));
          inputs.incrementAndGet();
          return x.answers().isEmpty() ? 0 : x.answers().get(0).status();
        });
        if (status == 405) {
          findings.add(at + "Allow lists " + method + ", which is itself answered 405");
        }
      }
    }
  }

  /** The checks every answer on a raw connection must pass; its findings go to {@code findings}. */
  private Observation documented(ResolvedCase c, RawResponse answer, boolean head, List<String> findings, String at) {
    if (answer.status() == 405) {
      allowListsOnlyAllowed(c, answer, findings, at);
    }
    if (answer.status() >= 500) {
      serverErrors.incrementAndGet();
      findings.add(at + "answered " + answer.statusLine() + " (a 5xx)");
    }
    List<String> lengths = answer.all("Content-Length");
    if (lengths.size() != 1) {
      findings.add(at + "answered with " + lengths.size() + " Content-Length headers, expected one");
    } else if (!head && !lengths.get(0).equals(String.valueOf(answer.body().length))) {
      findings.add(at + "Content-Length " + lengths.get(0) + " but a body of " + answer.body().length + " bytes");
    }
    if (head) {
      // A HEAD answer has no body by definition: its status and headers are all there is to judge.
      String type = answer.first("Content-Type").orElse(null);
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        findings.add(at + "Content-Type is " + type + ", not application/json");
      }
      if (contract.errors().rows().stream().noneMatch(r -> r.status() == answer.status())) {
        findings.add(at + "status " + answer.status() + " is not the status of any documented row");
      }
      return new Observation(answer.status(), null, null, null, null, false, List.of());
    }
    ResolvedWire w = c.request().wire();
    boolean sameTarget = w == null || (w.target() == null && w.bytes() == null && w.corpus() == null);
    // The row the answer claims, so that its metadata is checked as far as that row allows.
    Optional<ErrorRow> row = Optional.empty();
    String[] error = errorOf(answer.body());
    if (error[0] != null) {
      row = contract.errors().find(error[0], error[1]).filter(r -> r.status() == answer.status());
      if (row.isEmpty()) {
        findings.add(at + answer.status() + " " + error[0] + " \"" + error[1] + "\" is not a row of the contract");
      }
    } else if (answer.status() != 200) {
      findings.add(at + "status " + answer.status() + " without an error code");
    }
    Observation checked = http.read(answer.asWireResponse(), sameTarget ? c.request() : null, row.orElse(null));
    checked.findings().forEach(f -> findings.add(at + f));
    return checked;
  }
}
