// The tests of the signing hook (volcengine-signature.ts), each reported as one line of the run:
//  - signing-contract-vector: the published test vector, read from the contract's x-signing;
//  - signing-vectors: the differential vectors (conformance-tests/target/signing-vectors.jsonl) signed
//    by the hook and by Volcengine's official Node signer (@volcengine/openapi's Signer, the version
//    interop/node pins), both through the hook's core and end to end through the Middleware;
//  - signing-mutant: the same test against a copy of the compiled hook with one byte changed in its
//    canonical query, which must fail on exactly the vectors the planted mutant file marks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import Signer from '@volcengine/openapi/lib/base/sign';
import { createHash } from 'node:crypto';
import { querystring, Middleware } from 'tmkit-client';
import * as hook from './volcengine-signature';

type Hook = typeof hook;
export type Verdict = ['PASS' | 'FAIL' | 'SKIP', string];

interface XSigning {
    algorithm: string;
    service: string;
    terminator: string;
    dateHeader: string;
    contentHashHeader: string;
    securityTokenHeader: string;
    requiredSignedHeaders: string[];
    testVector: {
        accessKey: string; secretKey: string; method: string; host: string; region: string; service: string;
        query: string; contentType: string; xDate: string; signedHeaders: string; canonicalRequestSha256: string;
        signature: string;
    };
}

/** The contract's x-signing, parsed with the pinned YAML library from api-spec/openapi.yaml. */
export function xSigning(contractFile: string): XSigning {
    const contract = parse(readFileSync(contractFile, 'utf8'), { maxAliasCount: -1 });
    const scheme = contract?.components?.securitySchemes?.volcengineSignature;
    if (!scheme || !scheme['x-signing']) {
        throw new Error(`no components.securitySchemes.volcengineSignature.x-signing in ${contractFile}`);
    }
    return scheme['x-signing'] as XSigning;
}

export async function contractVector(h: Hook, x: XSigning): Promise<Verdict> {
    const names = Object.entries({
        algorithm: h.SCHEME.algorithm, terminator: h.SCHEME.terminator, dateHeader: h.SCHEME.dateHeader,
        contentHashHeader: h.SCHEME.contentHashHeader, securityTokenHeader: h.SCHEME.securityTokenHeader,
    }).filter(([k, v]) => (x as unknown as Record<string, string>)[k] !== v).map(([k, v]) => `${k} ${v}, contract ${(x as unknown as Record<string, string>)[k]}`);
    if (names.length > 0) {
        return ['FAIL', `the hook's scheme names differ from x-signing: ${names.join('; ')}`];
    }
    // What the Middleware signs must include every header the contract requires signed.
    const probe = await h.volcengineSignature({ accessKeyId: 'AK', secretKey: 'SK', region: 'r', service: x.service })
        .pre!({ fetch, url: 'http://127.0.0.1:8080/?Action=A', init: { method: 'GET' } });
    const listed = /SignedHeaders=([^,]*)/.exec(new Headers(probe!.init.headers).get('authorization') ?? '')?.[1].split(';') ?? [];
    const unsigned = x.requiredSignedHeaders.filter((n) => !listed.includes(n));
    if (unsigned.length > 0) {
        return ['FAIL', `the Middleware signs ${listed.join(';')}, without ${unsigned.join(', ')} (x-signing.requiredSignedHeaders)`];
    }
    const t = x.testVector;
    const request: hook.SignableRequest = {
        method: t.method,
        path: '/',
        query: hook.queryOf(new URL(`http://${t.host}/?${t.query}`)),
        headers: { 'content-type': t.contentType, host: t.host, 'x-content-sha256': createHashHex(''), 'x-date': t.xDate },
        body: '',
    };
    const signed = h.sign(request, t.signedHeaders.split(';'), t.xDate,
        { accessKeyId: t.accessKey, secretKey: t.secretKey }, t.region, t.service);
    const hash = createHashHex(signed.canonicalRequest);
    if (hash !== t.canonicalRequestSha256) {
        return ['FAIL', `canonical request hash ${hash}, x-signing.testVector says ${t.canonicalRequestSha256}`];
    }
    if (signed.signature !== t.signature) {
        return ['FAIL', `signature ${signed.signature}, x-signing.testVector says ${t.signature}`];
    }
    return ['PASS', `x-signing.testVector (${t.service} ${t.method} ${t.query}, SignedHeaders=${t.signedHeaders}): canonical request hash and signature as published; scheme names as x-signing has them; the Middleware signs ${listed.join(';')} (required: ${x.requiredSignedHeaders.join(';')})`];
}

function createHashHex(s: string): string {
    return createHash('sha256').update(s).digest('hex');
}

interface Vector {
    id: string;
    method: string;
    path: string;
    query: [string, string][];
    headers: Record<string, string>;
    body: string;
    xDate: string;
    accessKey: string;
    secretKey: string;
    region: string;
    service: string;
    mutated?: boolean;
    ours: Record<string, { canonicalRequest: string; signature: string }>;
}

function readVectors(file: string): Vector[] {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Vector);
}

function dateOf(x: string): Date {
    return new Date(Date.UTC(+x.slice(0, 4), +x.slice(4, 6) - 1, +x.slice(6, 8), +x.slice(9, 11), +x.slice(11, 13), +x.slice(13, 15)));
}

/** The official Signer on a request; headers as given (it adds X-Date, and X-Content-Sha256 for a body). */
function official(v: Vector, headers: Record<string, string>, params: Record<string, string>): { canonical: string; authorization: string; signedHeaders: string } {
    const request = { region: v.region, method: v.method, pathname: v.path, params, headers: { ...headers }, body: v.body === '' ? undefined : v.body };
    const signer = new Signer(request, v.service);
    signer.addAuthorization({ accessKeyId: v.accessKey, secretKey: v.secretKey }, dateOf(v.xDate));
    const authorization: string = request.headers['Authorization' as keyof typeof request.headers];
    return { canonical: signer.canonicalString(), authorization, signedHeaders: /SignedHeaders=([^,]*)/.exec(authorization)![1] };
}

interface Comparison {
    total: number;
    endToEnd: number;
    mismatched: Set<string>;
    first: string | null;
    lists: Map<string, number>;
}

/**
 * Each vector through the hook and through the official Signer:
 *  core: the hook's sign() over the headers the Signer chose must give the Signer's canonical request
 *        and Authorization, and also our Java signer's (the vector's `ours` for that list);
 *  end to end (every vector without a repeated name): the request the generated client would send
 *        (its own querystring(), the vector's host and body) through the Middleware's pre(), whose
 *        Authorization must equal the Signer's for the same headers (Host and X-Content-Sha256 given
 *        to it, as the Middleware signs them).
 */
async function compare(h: Hook, vectors: Vector[]): Promise<Comparison> {
    const result: Comparison = { total: 0, endToEnd: 0, mismatched: new Set(), first: null, lists: new Map() };
    const miss = (v: Vector, problem: string) => {
        result.mismatched.add(v.id);
        result.first ??= `${v.id}: ${problem}`;
    };
    for (const v of vectors) {
        result.total++;
        const params = Object.fromEntries(v.query);
        const given: Record<string, string> = {};
        for (const [name, value] of Object.entries(v.headers)) {
            // The Signer sets X-Date and (for a body) X-Content-Sha256 itself.
            if (name !== 'X-Date' && name !== 'X-Content-Sha256') given[name] = value;
        }
        const sdk = official(v, given, params);
        result.lists.set(sdk.signedHeaders, (result.lists.get(sdk.signedHeaders) ?? 0) + 1);
        const lower: Record<string, string> = {};
        for (const [name, value] of Object.entries(v.headers)) lower[name.toLowerCase()] = value;
        const signed = h.sign({ method: v.method, path: v.path, query: v.query, headers: lower, body: v.body },
            sdk.signedHeaders.split(';'), v.xDate, { accessKeyId: v.accessKey, secretKey: v.secretKey }, v.region, v.service);
        const ours = v.ours[sdk.signedHeaders];
        if (signed.canonicalRequest !== sdk.canonical) {
            miss(v, `canonical request: hook ${JSON.stringify(signed.canonicalRequest)}, Signer ${JSON.stringify(sdk.canonical)}`);
            continue;
        }
        if (signed.authorization !== sdk.authorization) {
            miss(v, `Authorization: hook ${signed.authorization}, Signer ${sdk.authorization}`);
            continue;
        }
        if (!ours || ours.canonicalRequest !== signed.canonicalRequest || ours.signature !== signed.signature) {
            miss(v, `the hook differs from our Java signer's vector for SignedHeaders=${sdk.signedHeaders}`);
            continue;
        }
        const names = v.query.map(([n]) => n);
        if (names.some((n, i) => names.indexOf(n) !== i)) {
            continue; // the generated client takes the query as an object: no name twice
        }
        result.endToEnd++;
        // The Middleware always signs the URL's host; a vector without Host is sent to a loopback one.
        const host = v.headers['Host'] ?? '127.0.0.1:8080';
        const url = `http://${host}${v.path}?${querystring(params)}`;
        const type = v.headers['Content-Type'];
        const init: RequestInit = { method: v.method, headers: type === undefined ? {} : { 'Content-Type': type } };
        if (v.body !== '') init.body = v.body;
        const middleware: Middleware = h.volcengineSignature({
            accessKeyId: v.accessKey, secretKey: v.secretKey, region: v.region, service: v.service, clock: () => dateOf(v.xDate),
        });
        const fetched = await middleware.pre!({ fetch, url, init });
        const sent = new Headers(fetched!.init.headers);
        const sdkEndToEnd = official(v, { Host: host, 'X-Content-Sha256': sent.get('x-content-sha256')! }, params);
        if (sent.get('authorization') !== sdkEndToEnd.authorization) {
            miss(v, `through the Middleware: Authorization ${sent.get('authorization')}, Signer ${sdkEndToEnd.authorization}`);
        }
    }
    return result;
}

export async function differential(h: Hook, vectorsFile: string): Promise<Verdict> {
    const real = await compare(h, readVectors(vectorsFile));
    if (real.total < 1000) return ['FAIL', `only ${real.total} vectors in ${vectorsFile}`];
    if (real.mismatched.size > 0) return ['FAIL', `${real.mismatched.size} of ${real.total} vectors differ; first ${real.first}`];
    const lists = [...real.lists].map(([l, n]) => `${l} ${n}`).join(', ');
    return ['PASS', `${real.total} vectors: canonical request and Authorization identical to @volcengine/openapi's Signer and to our Java signer (SignedHeaders chosen by the Signer: ${lists}); ${real.endToEnd} of them also end to end through the Middleware`];
}

/** The one-byte change: `*` left bare in the canonical query, the change the mutant vector file plants. */
const MUTATION = { from: "/[!'()*]/g", to: "/[!'()!]/g" };

export async function mutant(buildDir: string, vectorsFile: string, mutantFile: string): Promise<Verdict> {
    const source = readFileSync(join(buildDir, 'volcengine-signature.js'), 'utf8');
    const at = source.indexOf(MUTATION.from);
    if (at < 0 || source.indexOf(MUTATION.from, at + 1) >= 0) {
        return ['FAIL', `${MUTATION.from} is not in the compiled hook exactly once: the planted mutant cannot be made`];
    }
    const file = join(buildDir, 'volcengine-signature-mutant.js');
    writeFileSync(file, source.slice(0, at) + MUTATION.to + source.slice(at + MUTATION.from.length));
    const planted: Hook = require(file);
    const result = await compare(planted, readVectors(vectorsFile));
    const marked = new Set(readVectors(mutantFile).filter((v) => v.mutated).map((v) => v.id));
    const missed = [...marked].filter((id) => !result.mismatched.has(id));
    const extra = [...result.mismatched].filter((id) => !marked.has(id));
    if (marked.size === 0 || missed.length > 0 || extra.length > 0) {
        return ['FAIL', `the mutant hook (${MUTATION.from} → ${MUTATION.to}) differs on ${result.mismatched.size} vectors; the mutant file marks ${marked.size} (not caught ${missed.length}, unexpected ${extra.length})`];
    }
    return ['PASS', `the hook with one byte changed (${MUTATION.from} → ${MUTATION.to}: * left bare) fails the differential test on ${result.mismatched.size} of ${result.total} vectors, exactly the ${marked.size} that the planted mutant file marks`];
}
