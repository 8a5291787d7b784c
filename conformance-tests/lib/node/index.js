'use strict';
/*
 * The case runner shared by the Node suites of conformance-tests: interop/node (Volcengine's official
 * Node SDK, plain JavaScript) and other-languages/ts (the generated typescript-fetch client, compiled
 * with tsc --strict against index.d.ts). It holds what both do around a call: the admin API, resets,
 * preconditions, the judge (status, code, exact message; for a success the session ID, sameSessionAs,
 * sessionsCreated and the stored values) and the tally lines. Each suite supplies only its surface:
 *
 *   whyNot(request) -> null, or the SKIP detail: why the surface cannot send that request at all
 *   send(request, c) -> Promise<Answer>; `c` is the case for the case's own request (undefined for a
 *     precondition's), so that the surface can name its own problems; it throws NotSent when it does
 *     not send after all (a local refusal).
 *
 * Plain JavaScript so that interop/node runs it without a compiler; index.d.ts is its type.
 */

/** The surface did not send the request: the case ends with `outcome` (SKIP or FAIL) and `detail`. */
class NotSent extends Error {
  constructor(outcome, detail) {
    super(detail);
    this.name = 'NotSent';
    this.outcome = outcome;
    this.detail = detail;
  }
}

const text = (v) => (v === null || v === undefined ? 'null' : JSON.stringify(v));
const errorText = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** The reference server's admin API (/_admin), authorised by the run's admin token. */
class Admin {
  constructor(endpoint, token) {
    this.endpoint = endpoint.replace(/\/+$/, '');
    this.token = token;
  }

  async call(method, pathAndQuery, body) {
    const answer = await fetch(`${this.endpoint}/_admin/${pathAndQuery}`, {
      method,
      headers: { 'X-Admin-Token': this.token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const got = await answer.text();
    if (answer.status !== 200) throw new Error(`admin ${method} ${pathAndQuery} answered ${answer.status}: ${got}`);
    return JSON.parse(got);
  }

  reset() {
    return this.call('POST', 'reset');
  }

  fault(p) {
    return this.call('POST', 'faults', { accountId: p.accountId, code: p.code, phase: p.phase, times: p.times });
  }

  sessions(accountId) {
    return this.call('GET', 'sessions?accountId=' + encodeURIComponent(accountId));
  }
}

/** What differs between a session the admin API lists and the case's expect.stored. */
function storedDrift(session, stored) {
  const drift = [];
  for (const [field, want] of Object.entries(stored)) {
    if (field === 'tags') {
      const got = (session.tags || []).map((t) => ({ key: t.key, value: t.value }));
      if (JSON.stringify(got) !== JSON.stringify(want)) drift.push(`tags ${JSON.stringify(got)}, sent ${JSON.stringify(want)}`);
    } else if (session[field] === undefined || session[field] === null || String(session[field]) !== want) {
      drift.push(`${field} ${text(session[field])}, sent ${text(want)}`);
    }
  }
  return drift;
}

class Runner {
  constructor(surface, admin) {
    this.surface = surface;
    this.admin = admin;
    /** The world may hold sessions of an earlier case: reset before the next case. */
    this.dirty = true;
  }

  async run(c) {
    const reason = [c.request, ...c.preconditions.filter((p) => p.request).map((p) => p.request)]
      .map((r) => this.surface.whyNot(r)).find((r) => r);
    if (reason) return ['SKIP', reason];
    if (c.resetBefore || this.dirty) await this.admin.reset();
    this.dirty = c.resetBefore;
    const named = new Map();
    const inFlight = [];
    for (const p of c.preconditions) {
      if (p.kind === 'priorRequest') {
        let got;
        try {
          got = await this.surface.send(p.request);
        } catch (e) {
          if (!(e instanceof NotSent)) throw e;
          this.dirty = true;
          return [e.outcome, `precondition ${p.as}: ${e.detail}`];
        }
        if (got.status !== p.expectStatus) {
          return ['FAIL', `precondition ${p.as} answered ${got.status} ${text(got.code)}, expected ${p.expectStatus}`];
        }
        named.set(p.as, got.sessionId);
      } else if (p.kind === 'inFlight') {
        // Its answer (or why it was not sent) is judged after the case's own request.
        inFlight.push(this.surface.send(p.request).catch((e) => ({ status: errorText(e) })));
        await new Promise((r) => setTimeout(r, p.settleMs));
      } else if (p.kind === 'fault') {
        await this.admin.fault(p);
      } else {
        return ['FAIL', `unknown precondition ${p.kind}`];
      }
    }
    const expect = c.expect;
    const counting = expect.sessionsCreated !== null && c.accountId !== null;
    const before = counting ? (await this.admin.sessions(c.accountId)).length : 0;
    let got;
    try {
      got = await this.surface.send(c.request, c);
    } catch (e) {
      if (!(e instanceof NotSent)) throw e;
      await Promise.all(inFlight);
      this.dirty = true;
      return [e.outcome, e.detail];
    }
    const after = counting ? (await this.admin.sessions(c.accountId)).length : 0;
    const faults = [];
    if (got.status !== expect.status) faults.push(`status ${got.status}, expected ${expect.status}`);
    if (got.code !== expect.code) faults.push(`code ${text(got.code)}, expected ${text(expect.code)}`);
    if (got.message !== expect.message) faults.push(`message ${text(got.message)}, expected ${text(expect.message)}`);
    faults.push(...got.problems);
    if (expect.code === null && faults.length === 0) {
      const id = got.sessionId;
      if (typeof id !== 'string' || !id.startsWith('tms-')) faults.push(`Result has no session ID (${text(id)})`);
      if (expect.sameSessionAs !== null && id !== named.get(expect.sameSessionAs)) {
        faults.push(`session ${id}, expected the session of ${expect.sameSessionAs} (${named.get(expect.sameSessionAs)})`);
      }
      if (expect.stored !== null && typeof id === 'string') {
        const session = (await this.admin.sessions(c.accountId)).find((s) => s.trafficMirrorSessionId === id);
        if (!session) faults.push(`session ${id} is not listed by the admin API`);
        else faults.push(...storedDrift(session, expect.stored));
      }
    }
    if (counting && after - before !== expect.sessionsCreated) {
      faults.push(`created ${after - before} session(s), expected ${expect.sessionsCreated}`);
    }
    for (const f of inFlight) {
      const first = await f;
      if (first.status !== 200) faults.push(`the request in flight answered ${first.status}, expected 200`);
    }
    if (faults.length) return ['FAIL', faults.join('; ')];
    let detail = `status=${got.status} ` + (got.code === null ? `TrafficMirrorSessionId=${got.sessionId}` : `code=${got.code} message ok`);
    if (expect.stored !== null) detail += ' stored values byte-exact';
    if (expect.sameSessionAs !== null) detail += ` same session as ${expect.sameSessionAs}`;
    return ['PASS', detail + got.notes.join('')];
  }
}

/**
 * One line per check or case, `<prefix>: <id> PASS|FAIL|SKIP <detail>`, and the closing tally line
 * `<prefix>: N passed, N failed, N skipped` that the drivers (run-interop.sh, run-other-languages.sh) sum.
 */
class Tally {
  constructor(prefix) {
    this.prefix = prefix;
    this.counts = { PASS: 0, FAIL: 0, SKIP: 0 };
  }

  report(id, [outcome, detail]) {
    this.counts[outcome]++;
    console.log(`${this.prefix}: ${id} ${outcome} ${detail}`);
  }

  /** Reports what `run` gives; its exception is that check's FAIL, not the run's. */
  async check(id, run) {
    let verdict;
    try {
      verdict = await run();
    } catch (e) {
      verdict = ['FAIL', errorText(e)];
    }
    this.report(id, verdict);
  }

  line(extraFailed = 0) {
    return `${this.prefix}: ${this.counts.PASS} passed, ${this.counts.FAIL + extraFailed} failed, ${this.counts.SKIP} skipped`;
  }

  /** Prints the closing line and sets the exit code. */
  close() {
    console.log(this.line());
    process.exitCode = this.counts.FAIL ? 1 : 0;
  }

  /** The run itself broke: one line saying how, and a tally that counts it. */
  crashed(e) {
    console.log(`${this.prefix}: runner FAIL ${e instanceof Error ? e.stack : String(e)}`);
    console.log(this.line(1));
    process.exitCode = 1;
  }
}

module.exports = { Admin, NotSent, Runner, Tally, storedDrift, text };
