// The quick start of ../README.md, compiled with the rest (tsc --strict) and run once by main.ts against
// the reference server, so that the README shows code that works: create a session with tags, then read
// a documented error.
import {
    Configuration, CreateTrafficMirrorSessionActionEnum, CreateTrafficMirrorSessionVersionEnum,
    ErrorResponse400FromJSON, ResponseError, TrafficMirrorApi,
} from 'tmkit-client';
import { volcengineSignature } from './volcengine-signature';
import { tagParameters } from './tags';

export async function quickStart(endpoint: string, accessKeyId: string, secretKey: string): Promise<string[]> {
    const lines: string[] = [];
    // --8<-- quick start
    const api = new TrafficMirrorApi(new Configuration({
        basePath: endpoint, // e.g. http://127.0.0.1:8080
        middleware: [volcengineSignature({ accessKeyId, secretKey, region: 'cn-beijing', service: 'vpc' })],
    }));
    const request = {
        action: CreateTrafficMirrorSessionActionEnum.CreateTrafficMirrorSession,
        version: CreateTrafficMirrorSessionVersionEnum._20200401,
        networkInterfaceId: 'eni-bp1fgnh68xyz90001',
        trafficMirrorTargetId: 'tmt-35bvae1r7rv283dy2w2ll0001',
        trafficMirrorFilterId: 'tmf-bp1opxu1zkhn001230001',
        priority: 7,
        trafficMirrorSessionName: 'audit',
        ...tagParameters([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'net' }]),
    };
    const created = await api.createTrafficMirrorSession(request);
    lines.push(`created ${created.Result.TrafficMirrorSessionId} (RequestId ${created.ResponseMetadata.RequestId})`);

    try {
        await api.createTrafficMirrorSession({ ...request, priority: 0 });
    } catch (e) {
        if (!(e instanceof ResponseError)) throw e; // FetchError: no answer; RequiredError: not sent
        // The body is typed by the documented model of its status (ErrorResponse400, …404, …409, …).
        const error = ErrorResponse400FromJSON(await e.response.json()).ResponseMetadata.Error;
        lines.push(`HTTP ${e.response.status} ${error.Code}: ${error.Message}`);
    }
    // --8<--
    return lines;
}
