'use strict';
/*
 * The conformance cases through Volcengine's official Node SDK, @volcengine/openapi, used as its README
 * shows: `new Service({...})`, `service.createAPI(Action, {Version})` for a GET and
 * `service.createUrlEncodeAPI(Action, {Version})` for a form POST, and the bare `Signer`. Cases and
 * expectations come from the conformance export (cases.json); nothing about a case is written here.
 * Also compares the SDK's Signer with our signer on the differential vectors.
 *
 *   node interop.js <endpoint> <admin-token> <cases.json>
 *
 * The SDK's promise resolves with the response body and never rejects, so code and message are read
 * from `ResponseMetadata.Error` of what it resolves with; it does not surface the HTTP status, which is
 * read from the SDK's own axios instance through a response interceptor (axios's extension point),
 * which also counts the HTTP requests of one call (the SDK does not retry). What is done around a call
 * (admin resets, preconditions, the judge, the tally) is the runner shared with other-languages/ts,
 * conformance-tests/lib/node; this file is its surface.
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');

const SDK = 'node';
const sdkRoot = path.dirname(require.resolve('@volcengine/openapi/package.json'));
const { Service, Signer } = require('@volcengine/openapi');
const axios = require(require.resolve('axios', { paths: [sdkRoot] }));
const SDK_VERSION = require('@volcengine/openapi/package.json').version;
const { Admin, Runner, Tally, storedDrift } = require(path.join(__dirname, '..', '..', 'lib', 'node'));

const [endpoint, adminToken, casesFile] = process.argv.slice(2);
if (!endpoint || !adminToken || !casesFile) {
  console.error('usage: node interop.js <endpoint> <admin-token> <cases.json>');
  process.exit(2);
}
const base = new URL(endpoint);
// Without a host the SDK calls Volcengine's public endpoint: only loopback may get traffic.
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname) || !base.port) {
  console.error(`interop ${SDK}: the endpoint must be http://127.0.0.1:PORT, not ${endpoint}`);
  process.exit(2);
}

// Every HTTP answer the SDK's axios receives, in order.
const answers = [];
axios.interceptors.response.use((response) => {
  answers.push({ status: response.status, url: response.config.url });
  return response;
});

const tally = new Tally(`interop ${SDK}`);
const admin = new Admin(endpoint, adminToken);

// --- What the SDK can express.
const EXPRESSIBLE_SIGNING = new Set(['signed', 'wrong-secret', 'unknown-key']);

function whyNot(request) {
  if (!EXPRESSIBLE_SIGNING.has(request.signing.kind)) {
    return `the SDK signs every request itself: cannot send ${request.signing.kind}`;
  }
  if (request.rawQuery !== null) return 'the SDK builds the query from an object: cannot send a raw query';
  const names = request.params.map(([n]) => n);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return `the SDK takes parameters as an object: cannot send ${twice} twice`;
  for (const fixed of ['Action', 'Version']) {
    if (!names.includes(fixed)) return `the SDK always sends ${fixed}: cannot leave it out`;
  }
  if (request.method === 'GET' && request.body === 'query') return null;
  if (request.method === 'POST' && request.body === 'form') return null;
  return `the SDK sends GET with a query or POST with a form body, not ${request.method} with ${request.body}`;
}

/** Sends one request object of the export through the SDK: {status, body, requests}. */
async function call(request, via) {
  const params = {};
  let action;
  let version;
  for (const [name, value] of request.params) {
    if (name === 'Action') action = value;
    else if (name === 'Version') version = value;
    else params[name] = value;
  }
  const service = new Service({
    host: base.host,
    protocol: 'http:',
    region: request.signing.region,
    serviceName: request.signing.service,
    accessKeyId: request.signing.accessKey,
    secretKey: request.signing.secretKey,
  });
  const form = via === 'form' || (via === undefined && request.method === 'POST');
  const api = form ? service.createUrlEncodeAPI(action, { Version: version }) : service.createAPI(action, { Version: version });
  const first = answers.length;
  const body = await api(params);
  const seen = answers.slice(first);
  return { status: seen.length ? seen[seen.length - 1].status : 0, body, requests: seen.length };
}

/**
 * The surface of the shared runner. `via` 'form' sends the case's own request as a form POST
 * (createUrlEncodeAPI) whatever the case says.
 */
function surface(via) {
  return {
    whyNot,
    async send(request, c) {
      const got = await call(request, c === undefined ? undefined : via);
      const error = got.body && got.body.ResponseMetadata && got.body.ResponseMetadata.Error;
      const id = got.body && got.body.Result ? got.body.Result.TrafficMirrorSessionId : null;
      return {
        status: got.status,
        code: error ? error.Code : null,
        message: error ? error.Message : null,
        sessionId: error ? null : id === undefined ? null : id,
        problems: [],
        notes: got.status === 429 ? [` (${got.requests} HTTP request(s): the SDK does not retry)`] : [],
      };
    },
  };
}
const runner = new Runner(surface(), admin);

// --- The bare Signer, as its README shows, on a create sent by plain http.
async function bareSigner(c) {
  await admin.reset();
  runner.dirty = true;
  const params = Object.fromEntries(c.request.params);
  const request = { region: c.request.signing.region, method: 'GET', pathname: '/', params, headers: {} };
  const signer = new Signer(request, c.request.signing.service);
  signer.addAuthorization({ accessKeyId: c.request.signing.accessKey, secretKey: c.request.signing.secretKey });
  const query = new URLSearchParams(params).toString().replace(/\+/g, '%20');
  const answer = await new Promise((resolve, reject) => {
    const req = http.request(new URL('/?' + query, base), { method: 'GET', headers: request.headers }, (res) => {
      const chunks = [];
      res.on('data', (ch) => chunks.push(ch));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
  const id = answer.body.Result && answer.body.Result.TrafficMirrorSessionId;
  if (answer.status !== 200 || !id) return ['FAIL', `status ${answer.status}: ${JSON.stringify(answer.body)}`];
  const session = (await admin.sessions(c.accountId)).find((s) => s.trafficMirrorSessionId === id);
  const drift = session ? storedDrift(session, c.expect.stored) : ['not listed by the admin API'];
  if (drift.length) return ['FAIL', drift.join('; ')];
  const signed = /SignedHeaders=([^,]*)/.exec(request.headers.Authorization)[1];
  return ['PASS', `status=200 TrafficMirrorSessionId=${id} SignedHeaders=${signed} stored values byte-exact`];
}

// --- Differential signing: the SDK's Signer against our signer's vectors.
async function compareVectors(file) {
  const result = { total: 0, mismatched: 0, mutated: 0, first: null, lists: {} };
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const v = JSON.parse(line);
    result.total++;
    if (v.mutated) result.mutated++;
    const headers = {};
    for (const [name, value] of Object.entries(v.headers)) {
      // The Signer sets X-Date and (for a body) X-Content-Sha256 itself.
      if (name !== 'X-Date' && name !== 'X-Content-Sha256') headers[name] = value;
    }
    const request = { region: v.region, method: v.method, pathname: v.path, params: Object.fromEntries(v.query), headers };
    if (v.body !== '') request.body = v.body;
    const signer = new Signer(request, v.service);
    const x = v.xDate;
    const date = new Date(Date.UTC(+x.slice(0, 4), +x.slice(4, 6) - 1, +x.slice(6, 8), +x.slice(9, 11), +x.slice(11, 13), +x.slice(13, 15)));
    signer.addAuthorization({ accessKeyId: v.accessKey, secretKey: v.secretKey }, date);
    const auth = request.headers.Authorization;
    const signedHeaders = /SignedHeaders=([^,]*)/.exec(auth)[1];
    const signature = /Signature=([0-9a-f]+)$/.exec(auth)[1];
    const canonical = signer.canonicalString();
    result.lists[signedHeaders] = (result.lists[signedHeaders] || 0) + 1;
    const ours = v.ours[signedHeaders];
    let problem = null;
    if (!ours) problem = `no vector for SignedHeaders=${signedHeaders}`;
    else if (canonical !== ours.canonicalRequest) problem = `canonical request differs: SDK ${JSON.stringify(canonical)} ours ${JSON.stringify(ours.canonicalRequest)}`;
    else if (signature !== ours.signature) problem = `signature differs: SDK ${signature} ours ${ours.signature}`;
    else if (!auth.startsWith(`HMAC-SHA256 Credential=${v.accessKey}/${x.slice(0, 8)}/${v.region}/${v.service}/request, SignedHeaders=`)) problem = `Authorization ${auth}`;
    if (problem) {
      result.mismatched++;
      if (!result.first) result.first = `${v.id}: ${problem}`;
    }
  }
  return result;
}

async function differential() {
  const vectors = process.env.INTEROP_SIGNING_VECTORS;
  const mutant = process.env.INTEROP_SIGNING_MUTANT;
  if (!vectors || !fs.existsSync(vectors) || !mutant || !fs.existsSync(mutant)) {
    return ['FAIL', `no signing vectors at ${vectors} / ${mutant} (built by mvn package of conformance-tests)`];
  }
  const real = await compareVectors(vectors);
  const planted = await compareVectors(mutant);
  const lists = Object.entries(real.lists).map(([l, n]) => `${l} ${n}`).join(', ');
  if (real.total < 1000) return ['FAIL', `only ${real.total} vectors`];
  if (real.mismatched) return ['FAIL', `${real.mismatched} of ${real.total} vectors differ; first ${real.first}`];
  if (planted.mismatched !== planted.mutated || planted.mutated === 0) {
    return ['FAIL', `the planted mutant (* left bare) changed ${planted.mutated} vectors but ${planted.mismatched} were caught`];
  }
  return ['PASS', `${real.total} vectors: canonical request and signature identical (SignedHeaders chosen by the Signer: ${lists}); `
    + `planted mutant (* left bare in our canonical query) caught on ${planted.mismatched} of ${planted.mutated} changed vectors`];
}

async function main() {
  const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
  console.log(`interop ${SDK}: @volcengine/openapi ${SDK_VERSION}, ${cases.length} cases, endpoint ${endpoint}`);
  for (const c of cases) {
    await tally.check(c.id, () => runner.run(c));
  }
  const roundTrip = cases.find((c) => c.id === 'round-trip-every-text');
  if (!roundTrip) {
    tally.report('round-trip-every-text/form-post', ['FAIL', 'no case round-trip-every-text in the export']);
    tally.report('bare-signer-create', ['FAIL', 'no case round-trip-every-text in the export']);
  } else {
    // The same create as a form POST (createUrlEncodeAPI): the body carries the values.
    await tally.check('round-trip-every-text/form-post', () => new Runner(surface('form'), admin).run(roundTrip));
    await tally.check('bare-signer-create', () => bareSigner(roundTrip));
  }
  await tally.check('signing-vectors', differential);
  tally.close();
}

main().catch((e) => tally.crashed(e));
