// The types of index.js (the case runner shared by interop/node and other-languages/ts), written by
// hand so that interop/node runs the same file without a compiler; other-languages/ts compiles against
// it with tsc --strict.

/** A request of the export (conformance-tests/target/cases.json). */
export interface ExportedRequest {
    method: string;
    body: string;
    rawQuery: string | null;
    params: [string, string][];
    signing: { kind: string; accessKey: string | null; secretKey: string | null; region: string; service: string };
}

export type Precondition =
    | { kind: 'priorRequest'; as: string; expectStatus: number; request: ExportedRequest }
    | { kind: 'inFlight'; settleMs: number; request: ExportedRequest }
    | { kind: 'fault'; accountId: string; code: string; phase: string; times: number };

export interface ConformanceCase {
    id: string;
    appliesTo: string[];
    accountId: string | null;
    resetBefore: boolean;
    request: ExportedRequest;
    preconditions: Precondition[];
    expect: {
        status: number; code: string | null; message: string | null; sameSessionAs: string | null;
        sessionsCreated: number | null; stored: Record<string, unknown> | null;
    };
}

export type Verdict = ['PASS' | 'FAIL' | 'SKIP', string];

/**
 * What one call gave: the HTTP status, the error's code and message or the session ID; `problems` the
 * surface found in its own call (each a FAIL of the case's request), `notes` the text it adds to a PASS
 * line (each with its leading space).
 */
export interface Answer {
    status: number;
    code: string | null;
    message: string | null;
    sessionId: string | null;
    problems: string[];
    notes: string[];
}

/** What a suite writes: whether its library can send a request, and how it sends one. */
export interface Surface {
    whyNot(request: ExportedRequest): string | null;
    send(request: ExportedRequest, c?: ConformanceCase): Promise<Answer>;
}

/** Thrown by a surface that does not send the request after all: the case ends with outcome and detail. */
export class NotSent extends Error {
    constructor(outcome: 'SKIP' | 'FAIL', detail: string);
    readonly outcome: 'SKIP' | 'FAIL';
    readonly detail: string;
}

export class Admin {
    constructor(endpoint: string, token: string);
    call(method: string, pathAndQuery: string, body?: unknown): Promise<unknown>;
    reset(): Promise<unknown>;
    fault(p: Extract<Precondition, { kind: 'fault' }>): Promise<unknown>;
    sessions(accountId: string): Promise<Array<Record<string, unknown>>>;
}

export class Runner {
    constructor(surface: Surface, admin: Admin);
    /** Set it when something other than a case changed the world, so that the next case resets first. */
    dirty: boolean;
    run(c: ConformanceCase): Promise<Verdict>;
}

export class Tally {
    constructor(prefix: string);
    readonly counts: { PASS: number; FAIL: number; SKIP: number };
    report(id: string, verdict: Verdict): void;
    check(id: string, run: () => Promise<Verdict> | Verdict): Promise<void>;
    line(extraFailed?: number): string;
    close(): void;
    crashed(e: unknown): void;
}

export function storedDrift(session: Record<string, unknown>, stored: Record<string, unknown>): string[];
/** A value as the verdicts quote it: JSON, or null. */
export function text(v: unknown): string;
