// Runs the smoke conformance cases through the stock typescript-fetch client generated from the
// contract. The cases, their requests and their expected status/code/message come from the
// conformance build's export (cases.json); nothing about a case is written here.
import { readFileSync } from 'node:fs';
import * as client from '../target/typescript-client/index';

interface ConformanceCase {
    id: string;
    tags: string[];
    appliesTo: string[];
    accessKey: string | null;
    preconditions?: unknown[];
    request: { method: string; params: [string, string][] };
    expect: { status: number; code: string | null; message: string | null };
}

/** One request parameter as the generated client names and types it. */
interface ClientParameter {
    wireName: string;
    property: string;
    type: string;
}

type Verdict = { outcome: 'PASS' | 'FAIL' | 'SKIP'; detail: string };

const LANGUAGE = 'typescript';

function option(name: string, fallback?: string): string {
    const at = process.argv.indexOf(`--${name}`);
    if (at >= 0 && at + 1 < process.argv.length) {
        return process.argv[at + 1];
    }
    if (fallback === undefined) {
        throw new Error(`missing option --${name}`);
    }
    return fallback;
}

/**
 * Reads how the generator named and typed each wire parameter from the generated API source, so that
 * `Tags.1.Key` reaches `tags1Key` by the generator's own rule rather than by a guess of it.
 */
function clientParameters(apiSource: string): Map<string, ClientParameter> {
    const body = /export interface CreateTrafficMirrorSessionRequest \{([\s\S]*?)\n\}/.exec(apiSource);
    if (body === null) {
        throw new Error('CreateTrafficMirrorSessionRequest not found in the generated API');
    }
    const types = new Map<string, string>();
    for (const m of body[1].matchAll(/^\s+(\w+)\??: ([^;]+);$/gm)) {
        types.set(m[1], m[2]);
    }
    const parameters = new Map<string, ClientParameter>();
    for (const m of apiSource.matchAll(/queryParameters\['([^']+)'\] = requestParameters\['(\w+)'\]/g)) {
        parameters.set(m[1], { wireName: m[1], property: m[2], type: types.get(m[2]) ?? 'unknown' });
    }
    if (parameters.size === 0) {
        throw new Error('no query parameters found in the generated API');
    }
    return parameters;
}

/** The case's wire parameters as the client's request object, or why the client cannot express them. */
function bind(c: ConformanceCase, parameters: Map<string, ClientParameter>):
        { request: client.CreateTrafficMirrorSessionRequest; notes: string[] } | { unsendable: string } {
    const request: Record<string, unknown> = {};
    const notes: string[] = [];
    for (const [name, value] of c.request.params) {
        const parameter = parameters.get(name);
        if (parameter === undefined) {
            return { unsendable: `the client has no parameter ${name}` };
        }
        if (parameter.property in request) {
            return { unsendable: `the client takes ${name} once` };
        }
        if (parameter.type === 'number') {
            const n = /^-?(0|[1-9][0-9]*)$/.test(value) ? Number(value) : NaN;
            if (Number.isSafeInteger(n)) {
                request[parameter.property] = n;
            } else {
                // The query serialiser writes String(value): the raw text reaches the wire unchanged.
                request[parameter.property] = value;
                notes.push(`${name} sent as text, the client types it number`);
            }
        } else {
            request[parameter.property] = value;
        }
    }
    return { request: request as unknown as client.CreateTrafficMirrorSessionRequest, notes };
}

/** The query the client would send must be exactly the case's parameters: proves the binding. */
function sameQuery(query: client.HTTPQuery | undefined, params: [string, string][]): string | null {
    const sent = Object.entries(query ?? {}).map(([k, v]) => `${k}=${String(v)}`).sort();
    const wanted = params.map(([k, v]) => `${k}=${v}`).sort();
    return JSON.stringify(sent) === JSON.stringify(wanted)
        ? null
        : `client would send ${JSON.stringify(sent)}, case has ${JSON.stringify(wanted)}`;
}

function authorization(accessKey: string | null, region: string): string | undefined {
    if (accessKey === null) {
        return undefined;
    }
    // The server runs with signatures off; it picks the account by the access key of a well-formed header.
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    return `HMAC-SHA256 Credential=${accessKey}/${day}/${region}/vpc/request, SignedHeaders=host;x-date, Signature=${'0'.repeat(64)}`;
}

function compare(c: ConformanceCase, status: number, code: string | null, message: string | null, extra: string): Verdict {
    const faults: string[] = [];
    if (status !== c.expect.status) {
        faults.push(`status=${status} expected ${c.expect.status}`);
    }
    if (code !== c.expect.code) {
        faults.push(`code=${code} expected ${c.expect.code}`);
    }
    if (message !== c.expect.message) {
        faults.push(`message ${JSON.stringify(message)} expected ${JSON.stringify(c.expect.message)}`);
    }
    if (faults.length > 0) {
        return { outcome: 'FAIL', detail: faults.join('; ') + extra };
    }
    const said = code === null ? 'code=- message=-' : `code=${code} message ok`;
    return { outcome: 'PASS', detail: `status=${status} ${said}${extra}` };
}

async function run(c: ConformanceCase, parameters: Map<string, ClientParameter>, baseUrl: string, region: string): Promise<Verdict> {
    if ((c.preconditions ?? []).length > 0) {
        return { outcome: 'SKIP', detail: 'needs preconditions that this runner does not set up' };
    }
    if (c.request.method !== 'GET') {
        return { outcome: 'SKIP', detail: `the client sends GET, the case ${c.request.method}` };
    }
    const bound = bind(c, parameters);
    if ('unsendable' in bound) {
        return { outcome: 'SKIP', detail: bound.unsendable };
    }
    const extra = bound.notes.length > 0 ? ` (${bound.notes.join('; ')})` : '';
    const key = authorization(c.accessKey, region);
    const api = new client.TrafficMirrorApi(new client.Configuration({ basePath: baseUrl, apiKey: key }));
    const models = client as unknown as Record<string, unknown>;
    try {
        const drift = sameQuery((await api.createTrafficMirrorSessionRequestOpts(bound.request)).query, c.request.params);
        if (drift !== null) {
            return { outcome: 'FAIL', detail: drift };
        }
        const raw = await api.createTrafficMirrorSessionRaw(bound.request);
        const answer: client.CreateTrafficMirrorSessionResponse = await raw.value();
        const verdict = compare(c, raw.raw.status, null, null, extra);
        if (verdict.outcome === 'PASS') {
            const result = answer.Result;
            if (!/^tms-/.test(result.TrafficMirrorSessionId) || result.RequestId !== answer.ResponseMetadata.RequestId) {
                return { outcome: 'FAIL', detail: `unexpected Result ${JSON.stringify(result)}` };
            }
            verdict.detail += ` TrafficMirrorSessionId=${result.TrafficMirrorSessionId}`;
        }
        return verdict;
    } catch (e) {
        if (e instanceof client.RequiredError) {
            return { outcome: 'SKIP', detail: `client refused locally: ${e.message}` };
        }
        if (!(e instanceof client.ResponseError)) {
            return { outcome: 'FAIL', detail: `client error: ${String(e)}` };
        }
        const status = e.response.status;
        const fromJson = models[`ErrorResponse${status}FromJSON`];
        const codes = models[`Error${status}CodeEnum`];
        if (typeof fromJson !== 'function' || typeof codes !== 'object' || codes === null) {
            return { outcome: 'FAIL', detail: `status=${status} is not documented by the contract` };
        }
        const body = await e.response.json();
        const error = (fromJson as (json: unknown) => { ResponseMetadata: { Error: { Code: string; Message: string } } })(body)
            .ResponseMetadata.Error;
        if (!Object.values(codes).includes(error.Code)) {
            return { outcome: 'FAIL', detail: `code ${error.Code} is not among the documented codes of ${status}` };
        }
        return compare(c, status, error.Code, error.Message, extra);
    }
}

async function reset(resetUrl: string, token: string): Promise<void> {
    if (resetUrl === '') {
        return;
    }
    const answer = await fetch(resetUrl, { method: 'POST', headers: { 'X-Admin-Token': token } });
    if (!answer.ok) {
        throw new Error(`reset answered ${answer.status}`);
    }
}

async function main(): Promise<void> {
    const all: ConformanceCase[] = JSON.parse(readFileSync(option('cases'), 'utf8'));
    // Cases for the client surface only: the others need what a typed client cannot send.
    const smoke = all.filter((c) => c.tags.includes('smoke') && c.appliesTo.includes('client'));
    const parameters = clientParameters(readFileSync(option('api-source'), 'utf8'));
    const baseUrl = option('base-url').replace(/\/+$/, '');
    const region = option('region', 'cn-beijing');
    let failed = 0;
    for (const c of smoke) {
        await reset(option('reset-url', ''), option('admin-token', ''));
        const verdict = await run(c, parameters, baseUrl, region);
        failed += verdict.outcome === 'FAIL' ? 1 : 0;
        console.log(`${LANGUAGE}: ${c.id} ${verdict.outcome} ${verdict.detail}`);
    }
    process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
    console.log(`${LANGUAGE}: runner FAIL ${String(e)}`);
    process.exitCode = 1;
});
