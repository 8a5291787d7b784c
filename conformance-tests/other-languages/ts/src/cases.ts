// The conformance cases for the client surface, from the export (conformance-tests/target/cases.json),
// through the installed typescript-fetch client with the signing Middleware, against the reference
// server with signatures on. Nothing about a case is written here; what is checked follows the interop
// programs (conformance-tests/interop/README.md): status, code, exact message, and for a success the
// session ID, sameSessionAs, sessionsCreated and the stored values through the admin API.
import {
    Configuration, CreateTrafficMirrorSessionActionEnum, CreateTrafficMirrorSessionRequest,
    CreateTrafficMirrorSessionVersionEnum, RequiredError, ResponseError, TrafficMirrorApi,
} from 'tmkit-client';
import * as client from 'tmkit-client';
import { volcengineSignature } from './volcengine-signature';
import { Tag, tagParameters } from './tags';
import type { Verdict } from './signing-check';

export interface ExportedRequest {
    method: string;
    body: string;
    rawQuery: string | null;
    params: [string, string][];
    signing: { kind: string; accessKey: string | null; secretKey: string | null; region: string; service: string };
}

type Precondition =
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

/** What one call through the client gave: the HTTP status, the error's code and message, or the session. */
interface Answer {
    status: number;
    code: string | null;
    message: string | null;
    sessionId: string | null;
    problem: string | null;
}

/** The signings a client expresses by its configuration (the Java client surface's TypedRequestShape). */
const CLIENT_SIGNINGS = new Set(['signed', 'unknown-key', 'wrong-secret']);

/**
 * The case's parameters as the generated client's request: one property per parameter (the table below
 * is the one hand-written link between the contract's names and the client's properties, as in the
 * Java surface's ClientRequests; tsc checks every property name and type against the generated
 * request), tags as a list through tagParameters.
 */
function toRequest(params: [string, string][]): Partial<CreateTrafficMirrorSessionRequest> {
    const r: Partial<CreateTrafficMirrorSessionRequest> = {};
    const tags = new Map<number, Tag>();
    for (const [name, value] of params) {
        const tag = /^Tags\.([1-9][0-9]*)\.(Key|Value)$/.exec(name);
        if (tag !== null) {
            const t: Tag = tags.get(Number(tag[1])) ?? {};
            if (tag[2] === 'Key') t.Key = value; else t.Value = value;
            tags.set(Number(tag[1]), t);
            continue;
        }
        switch (name) {
            // The client types them as one-member enums; the export holds the documented value.
            case 'Action': r.action = value as CreateTrafficMirrorSessionActionEnum; break;
            case 'Version': r.version = value as CreateTrafficMirrorSessionVersionEnum; break;
            case 'NetworkInterfaceId': r.networkInterfaceId = value; break;
            case 'TrafficMirrorTargetId': r.trafficMirrorTargetId = value; break;
            case 'Priority': r.priority = Number(value); break;
            case 'TrafficMirrorFilterId': r.trafficMirrorFilterId = value; break;
            case 'VirtualNetworkId': r.virtualNetworkId = Number(value); break;
            case 'PacketLength': r.packetLength = Number(value); break;
            case 'TrafficMirrorSessionName': r.trafficMirrorSessionName = value; break;
            case 'Description': r.description = value; break;
            case 'ProjectName': r.projectName = value; break;
            case 'ClientToken': r.clientToken = value; break;
            default: throw new Error(`the client has no property for ${name}`);
        }
    }
    const list = [...tags.keys()].sort((a, b) => a - b).map((i) => tags.get(i)!);
    return { ...r, ...tagParameters(list) };
}

/** Why the typed client cannot send the request, or null. */
function whyNot(request: ExportedRequest): string | null {
    if (request.method !== 'GET' || request.body !== 'query') return `method ${request.method} with ${request.body}: the client sends GET with a query`;
    if (request.rawQuery !== null) return 'a raw query string';
    if (!CLIENT_SIGNINGS.has(request.signing.kind)) return `signing ${request.signing.kind}: the Middleware signs every request properly`;
    const names = request.params.map(([n]) => n);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    return twice === undefined ? null : `${twice} given twice`;
}

function canonicalText(v: unknown): string {
    return v === null || v === undefined ? 'null' : JSON.stringify(v);
}

export class CaseRunner {
    private dirty = true;

    constructor(private readonly endpoint: string, private readonly adminToken: string) {}

    private async admin(method: string, pathAndQuery: string, body?: unknown): Promise<unknown> {
        const answer = await fetch(`${this.endpoint}/_admin/${pathAndQuery}`, {
            method,
            headers: { 'X-Admin-Token': this.adminToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await answer.text();
        if (answer.status !== 200) throw new Error(`admin ${method} ${pathAndQuery} answered ${answer.status}: ${text}`);
        return JSON.parse(text);
    }

    private async sessions(accountId: string): Promise<Array<Record<string, unknown>>> {
        return await this.admin('GET', 'sessions?accountId=' + encodeURIComponent(accountId)) as Array<Record<string, unknown>>;
    }

    private api(request: ExportedRequest): TrafficMirrorApi {
        return new TrafficMirrorApi(new Configuration({
            basePath: this.endpoint,
            middleware: [volcengineSignature({
                accessKeyId: request.signing.accessKey!,
                secretKey: request.signing.secretKey!,
                region: request.signing.region,
                service: request.signing.service,
            })],
        }));
    }

    /**
     * Sends one request of the export through the client. Before sending, the query the client would
     * build (its own createTrafficMirrorSessionRequestOpts) must be exactly the case's parameters: a
     * parameter the client does not have is left out by it, which makes the case unsendable.
     */
    private async send(request: ExportedRequest): Promise<Answer | { unsendable: string }> {
        const api = this.api(request);
        const parameters = toRequest(request.params) as CreateTrafficMirrorSessionRequest;
        let query: client.HTTPQuery;
        try {
            query = (await api.createTrafficMirrorSessionRequestOpts(parameters)).query ?? {};
        } catch (e) {
            if (e instanceof RequiredError) {
                return { unsendable: `the client refuses a missing required parameter before sending (RequiredError: ${e.message})` };
            }
            throw e;
        }
        const left = request.params.filter(([n, v]) => query[n] === undefined || String(query[n]) !== v);
        if (left.length > 0) {
            return { unsendable: `the client has no parameter ${left[0][0]}${left.length > 1 ? ` (nor ${left.length - 1} more)` : ''}: its request type cannot carry it` };
        }
        const extra = Object.keys(query).filter((n) => !request.params.some(([p]) => p === n));
        if (extra.length > 0) {
            return { unsendable: `the client would also send ${extra.join(', ')}` };
        }
        try {
            const raw = await api.createTrafficMirrorSessionRaw(parameters);
            const answer = await raw.value();
            const id = answer.Result.TrafficMirrorSessionId;
            const problem = answer.Result.RequestId !== answer.ResponseMetadata.RequestId
                ? `Result.RequestId ${answer.Result.RequestId} is not ResponseMetadata.RequestId ${answer.ResponseMetadata.RequestId}` : null;
            return { status: raw.raw.status, code: null, message: null, sessionId: id, problem };
        } catch (e) {
            if (!(e instanceof ResponseError)) throw e;
            return this.error(e);
        }
    }

    /** An error answer as the client surfaces it: ResponseError, the body typed by ErrorResponse<status>FromJSON. */
    private async error(e: ResponseError): Promise<Answer> {
        const status = e.response.status;
        const models = client as unknown as Record<string, unknown>;
        const fromJson = models[`ErrorResponse${status}FromJSON`];
        const codes = models[`Error${status}CodeEnum`];
        const body: unknown = await e.response.json();
        if (typeof fromJson !== 'function' || typeof codes !== 'object' || codes === null) {
            return { status, code: null, message: null, sessionId: null, problem: `status ${status} is not documented by the contract: ${JSON.stringify(body)}` };
        }
        const error = (fromJson as (json: unknown) => { ResponseMetadata: { Error: { Code: string; Message: string } } })(body).ResponseMetadata.Error;
        const problem = Object.values(codes).includes(error.Code) ? null : `code ${error.Code} is not among the documented codes of ${status}`;
        return { status, code: error.Code, message: error.Message, sessionId: null, problem };
    }

    async run(c: ConformanceCase): Promise<Verdict> {
        const reason = [c.request, ...c.preconditions.flatMap((p) => ('request' in p ? [p.request] : []))]
            .map(whyNot).find((r) => r !== null);
        if (reason) return ['SKIP', reason];
        if (c.resetBefore || this.dirty) await this.admin('POST', 'reset');
        this.dirty = c.resetBefore;
        const named = new Map<string, string | null>();
        const inFlight: Array<Promise<Answer | { unsendable: string }>> = [];
        for (const p of c.preconditions) {
            if (p.kind === 'priorRequest') {
                const got = await this.send(p.request);
                if ('unsendable' in got) return ['SKIP', `precondition ${p.as}: ${got.unsendable}`];
                if (got.status !== p.expectStatus) return ['FAIL', `precondition ${p.as} answered ${got.status} ${canonicalText(got.code)}, expected ${p.expectStatus}`];
                named.set(p.as, got.sessionId);
            } else if (p.kind === 'inFlight') {
                inFlight.push(this.send(p.request));
                await new Promise((r) => setTimeout(r, p.settleMs));
            } else if (p.kind === 'fault') {
                await this.admin('POST', 'faults', { accountId: p.accountId, code: p.code, phase: p.phase, times: p.times });
            } else {
                return ['FAIL', `unknown precondition ${(p as { kind: string }).kind}`];
            }
        }
        const expect = c.expect;
        const counting = expect.sessionsCreated !== null && c.accountId !== null;
        const before = counting ? (await this.sessions(c.accountId!)).length : 0;
        const got = await this.send(c.request);
        if ('unsendable' in got) {
            this.dirty = true;
            return ['SKIP', got.unsendable];
        }
        const after = counting ? (await this.sessions(c.accountId!)).length : 0;
        const faults: string[] = [];
        if (got.status !== expect.status) faults.push(`status ${got.status}, expected ${expect.status}`);
        if (got.code !== expect.code) faults.push(`code ${canonicalText(got.code)}, expected ${canonicalText(expect.code)}`);
        if (got.message !== expect.message) faults.push(`message ${canonicalText(got.message)}, expected ${canonicalText(expect.message)}`);
        if (got.problem !== null) faults.push(got.problem);
        if (expect.code === null && faults.length === 0) {
            const id = got.sessionId;
            if (typeof id !== 'string' || !id.startsWith('tms-')) faults.push(`Result has no session ID (${canonicalText(id)})`);
            if (expect.sameSessionAs !== null && id !== named.get(expect.sameSessionAs)) {
                faults.push(`session ${id}, expected the session of ${expect.sameSessionAs} (${named.get(expect.sameSessionAs)})`);
            }
            if (expect.stored !== null && typeof id === 'string') {
                const session = (await this.sessions(c.accountId!)).find((s) => s.trafficMirrorSessionId === id);
                if (!session) faults.push(`session ${id} is not listed by the admin API`);
                else faults.push(...storedDrift(session, expect.stored));
            }
        }
        if (counting && after - before !== expect.sessionsCreated) {
            faults.push(`created ${after - before} session(s), expected ${expect.sessionsCreated}`);
        }
        for (const f of inFlight) {
            const first = await f;
            if ('unsendable' in first || first.status !== 200) faults.push(`the request in flight answered ${JSON.stringify(first)}, expected 200`);
        }
        if (faults.length > 0) return ['FAIL', faults.join('; ')];
        let detail = `status=${got.status} ` + (got.code === null ? `TrafficMirrorSessionId=${got.sessionId}` : `code=${got.code} message ok`);
        if (expect.stored !== null) detail += ' stored values byte-exact';
        if (expect.sameSessionAs !== null) detail += ` same session as ${expect.sameSessionAs}`;
        return ['PASS', detail];
    }
}

/** What differs between the stored session and the case's expect.stored (as the interop programs compare). */
function storedDrift(session: Record<string, unknown>, stored: Record<string, unknown>): string[] {
    const drift: string[] = [];
    for (const [field, want] of Object.entries(stored)) {
        if (field === 'tags') {
            const got = ((session.tags ?? []) as Array<{ key: string; value: string }>).map((t) => ({ key: t.key, value: t.value }));
            if (JSON.stringify(got) !== JSON.stringify(want)) drift.push(`tags ${JSON.stringify(got)}, sent ${JSON.stringify(want)}`);
        } else if (session[field] === undefined || session[field] === null || String(session[field]) !== want) {
            drift.push(`${field} ${canonicalText(session[field])}, sent ${canonicalText(want)}`);
        }
    }
    return drift;
}
