// The client surface of the conformance cases: how the installed typescript-fetch client, with the
// signing Middleware, sends a request of the export (conformance-tests/target/cases.json) and what it
// answered. Nothing about a case is written here; resets, preconditions, the judge (status, code, exact
// message, and for a success the session ID, sameSessionAs, sessionsCreated and the stored values through
// the admin API) and the tally are the runner shared with interop/node, conformance-tests/lib/node
// (package tmkit-cases, installed into the consumer by run.sh).
import {
    Configuration, CreateTrafficMirrorSessionActionEnum, CreateTrafficMirrorSessionRequest,
    CreateTrafficMirrorSessionVersionEnum, RequiredError, ResponseError, TrafficMirrorApi,
} from 'tmkit-client';
import * as client from 'tmkit-client';
import { Answer, ExportedRequest, NotSent, Surface } from 'tmkit-cases';
import { volcengineSignature } from './volcengine-signature';
import { Tag, tagParameters } from './tags';

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

export class ClientSurface implements Surface {
    constructor(private readonly endpoint: string) {}

    whyNot(request: ExportedRequest): string | null {
        return whyNot(request);
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
     * parameter the client does not have is left out by it, which makes the case unsendable (NotSent).
     */
    async send(request: ExportedRequest): Promise<Answer> {
        const api = this.api(request);
        const parameters = toRequest(request.params) as CreateTrafficMirrorSessionRequest;
        let query: client.HTTPQuery;
        try {
            query = (await api.createTrafficMirrorSessionRequestOpts(parameters)).query ?? {};
        } catch (e) {
            if (e instanceof RequiredError) {
                throw new NotSent('SKIP', `the client refuses a missing required parameter before sending (RequiredError: ${e.message})`);
            }
            throw e;
        }
        const left = request.params.filter(([n, v]) => query[n] === undefined || String(query[n]) !== v);
        if (left.length > 0) {
            throw new NotSent('SKIP', `the client has no parameter ${left[0][0]}${left.length > 1 ? ` (nor ${left.length - 1} more)` : ''}: its request type cannot carry it`);
        }
        const extra = Object.keys(query).filter((n) => !request.params.some(([p]) => p === n));
        if (extra.length > 0) {
            throw new NotSent('SKIP', `the client would also send ${extra.join(', ')}`);
        }
        try {
            const raw = await api.createTrafficMirrorSessionRaw(parameters);
            const answer = await raw.value();
            const id = answer.Result.TrafficMirrorSessionId;
            const problems = answer.Result.RequestId !== answer.ResponseMetadata.RequestId
                ? [`Result.RequestId ${answer.Result.RequestId} is not ResponseMetadata.RequestId ${answer.ResponseMetadata.RequestId}`] : [];
            return { status: raw.raw.status, code: null, message: null, sessionId: id, problems, notes: [] };
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
            return { status, code: null, message: null, sessionId: null, problems: [`status ${status} is not documented by the contract: ${JSON.stringify(body)}`], notes: [] };
        }
        const error = (fromJson as (json: unknown) => { ResponseMetadata: { Error: { Code: string; Message: string } } })(body).ResponseMetadata.Error;
        const problems = Object.values(codes).includes(error.Code) ? [] : [`code ${error.Code} is not among the documented codes of ${status}`];
        return { status, code: error.Code, message: error.Message, sessionId: null, problems, notes: [] };
    }
}
