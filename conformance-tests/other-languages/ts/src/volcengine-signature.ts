// Volcengine's HMAC-SHA256 request signature (the contract's `volcengineSignature` scheme, steps 1-7 of
// its description in api-spec/openapi.yaml) as a fetch Middleware of the generated typescript-fetch
// client: its `pre` hook sees the URL and the RequestInit that fetch is about to send and adds X-Date,
// X-Content-Sha256 (and X-Security-Token) and the Authorization header over exactly those bytes.
//
//   const api = new TrafficMirrorApi(new Configuration({
//       basePath: 'http://127.0.0.1:8080',
//       middleware: [volcengineSignature({ accessKeyId, secretKey, region: 'cn-beijing', service: 'vpc' })],
//   }));
//
// Written once by hand; the generated client is not edited. Only node:crypto is needed.
import { createHash, createHmac } from 'node:crypto';
import type { FetchParams, Middleware, RequestContext } from 'tmkit-client';

/** The scheme's constant names (the contract's `x-signing`; the conformance run checks them against it). */
export const SCHEME = {
    algorithm: 'HMAC-SHA256',
    terminator: 'request',
    dateHeader: 'X-Date',
    contentHashHeader: 'X-Content-Sha256',
    securityTokenHeader: 'X-Security-Token',
} as const;

export interface VolcengineSignatureOptions {
    accessKeyId: string;
    secretKey: string;
    /** Set for temporary (STS) credentials: sent and signed as X-Security-Token. */
    sessionToken?: string;
    /** The credential scope's region, e.g. `cn-beijing`. */
    region: string;
    /** The credential scope's service: `vpc` for this operation. */
    service: string;
    /** The clock that gives X-Date (default: the system clock). */
    clock?: () => Date;
}

/** A request as signed: decoded query pairs in request order, headers by lower-case name, the body text. */
export interface SignableRequest {
    method: string;
    path: string;
    query: ReadonlyArray<readonly [string, string]>;
    headers: Readonly<Record<string, string>>;
    body: string;
}

export interface Signed {
    canonicalRequest: string;
    stringToSign: string;
    signature: string;
    authorization: string;
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * RFC 3986 percent-encoding of UTF-8: only `A-Z a-z 0-9 - _ . ~` stay bare (step 2). encodeURIComponent
 * also leaves `! ' ( ) *` bare, so those five are encoded here.
 */
export function rfc3986(text: string): string {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Step 2: encode, sort by encoded name (byte order; a repeated name keeps its values' order), join. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
    const encoded = query.map(([name, value]) => [rfc3986(name), rfc3986(value)] as const);
    // Array.prototype.sort is stable, so the values of one name keep their request order. The encoded
    // names are ASCII, where comparing UTF-16 units is comparing bytes.
    encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Steps 3 and 4, over the given signed header names (lower case). */
export function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
    const names = [...signedHeaders].map((n) => n.toLowerCase()).sort();
    const headers = names.map((n) => `${n}:${(request.headers[n] ?? '').trim()}\n`).join('');
    return [
        request.method.toUpperCase(),
        request.path,
        canonicalQuery(request.query),
        headers,
        names.join(';'),
        sha256Hex(request.body),
    ].join('\n');
}

/** Steps 5 to 7 at the given X-Date (`YYYYMMDD'T'HHMMSS'Z'`). */
export function sign(request: SignableRequest, signedHeaders: readonly string[], xDate: string,
        credentials: { accessKeyId: string; secretKey: string }, region: string, service: string): Signed {
    const canonical = canonicalRequest(request, signedHeaders);
    const day = xDate.slice(0, 8);
    const scope = `${day}/${region}/${service}/${SCHEME.terminator}`;
    const stringToSign = [SCHEME.algorithm, xDate, scope, sha256Hex(canonical)].join('\n');
    const kDate = hmac(credentials.secretKey, day);
    const kSigning = hmac(hmac(hmac(kDate, region), service), SCHEME.terminator);
    const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
    const names = [...signedHeaders].map((n) => n.toLowerCase()).sort().join(';');
    return {
        canonicalRequest: canonical,
        stringToSign,
        signature,
        authorization: `${SCHEME.algorithm} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names}, Signature=${signature}`,
    };
}

/** `2026-12-01T08:18:05.123Z` → `20261201T081805Z`. */
export function xDateOf(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * The query of a URL as the server reads it (application/x-www-form-urlencoded, as the contract's wire
 * conventions say): `+` is a space, empty segments are skipped, a name without `=` has the empty value.
 */
export function queryOf(url: URL): Array<[string, string]> {
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return url.search.replace(/^\?/, '').split('&').filter((s) => s !== '').map((segment) => {
        const at = segment.indexOf('=');
        return at < 0 ? [decode(segment), ''] : [decode(segment.slice(0, at)), decode(segment.slice(at + 1))];
    });
}

function bodyText(body: RequestInit['body']): string {
    if (body === undefined || body === null) {
        return '';
    }
    if (typeof body === 'string') {
        return body;
    }
    if (body instanceof URLSearchParams) {
        return body.toString();
    }
    // A stream, Blob or FormData would have to be read (and its multipart boundary known) to be hashed.
    throw new TypeError(`volcengineSignature signs a string or URLSearchParams body, not ${Object.prototype.toString.call(body)}`);
}

/**
 * The Middleware. It signs `host` (the URL's, which fetch sends as Host), `x-content-sha256`, `x-date`
 * and, with a session token, `x-security-token`; `x-date` is the one the contract requires.
 * Content-Type is not signed, as Volcengine's own Node signer does not sign it.
 */
export function volcengineSignature(options: VolcengineSignatureOptions): Middleware {
    const clock = options.clock ?? (() => new Date());
    return {
        async pre(context: RequestContext): Promise<FetchParams> {
            const url = new URL(context.url);
            const body = bodyText(context.init.body);
            const headers = new Headers(context.init.headers);
            const xDate = xDateOf(clock());
            headers.set(SCHEME.dateHeader, xDate);
            headers.set(SCHEME.contentHashHeader, sha256Hex(body));
            const signed = ['host', SCHEME.contentHashHeader.toLowerCase(), SCHEME.dateHeader.toLowerCase()];
            if (options.sessionToken !== undefined) {
                headers.set(SCHEME.securityTokenHeader, options.sessionToken);
                signed.push(SCHEME.securityTokenHeader.toLowerCase());
            }
            const byName: Record<string, string> = { host: url.host };
            headers.forEach((value, name) => {
                byName[name] = value;
            });
            const request: SignableRequest = {
                method: context.init.method ?? 'GET',
                path: url.pathname,
                query: queryOf(url),
                headers: byName,
                body,
            };
            const result = sign(request, signed, xDate, options, options.region, options.service);
            headers.set('Authorization', result.authorization);
            return { url: context.url, init: { ...context.init, headers } };
        },
    };
}
