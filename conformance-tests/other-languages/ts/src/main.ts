// The TypeScript run of conformance-tests/other-languages (see ../README.md), compiled with tsc --strict
// against the installed tmkit-client package:
//   node build/main.js <endpoint> <admin-token> <cases.json> <openapi.yaml> <signing-vectors.jsonl> <mutant.jsonl>
// One line per check and case, `other-languages ts: <id> PASS|FAIL|SKIP <detail>`, then the tally.
import { readFileSync } from 'node:fs';
import * as hook from './volcengine-signature';
import { Admin, ConformanceCase, Runner, Tally } from 'tmkit-cases';
import { contractVector, differential, mutant, xSigning } from './signing-check';
import { ClientSurface } from './cases';
import { quickStart } from './quick-start';

const LANG = 'ts';
const tally = new Tally(`other-languages ${LANG}`);
const check = tally.check.bind(tally);

async function main(): Promise<void> {
    const [endpoint, adminToken, casesFile, contractFile, vectorsFile, mutantFile] = process.argv.slice(2);
    if (!mutantFile) {
        console.error('usage: node main.js <endpoint> <admin-token> <cases.json> <openapi.yaml> <signing-vectors.jsonl> <signing-vectors-mutant.jsonl>');
        process.exit(2);
    }
    const host = new URL(endpoint).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
        console.error(`other-languages ${LANG}: the endpoint must be on loopback, not ${endpoint}`);
        process.exit(2);
    }
    await check('signing-contract-vector', () => contractVector(hook, xSigning(contractFile)));
    await check('signing-vectors', () => differential(hook, vectorsFile));
    await check('signing-mutant', () => mutant(__dirname, vectorsFile, mutantFile));
    const all = JSON.parse(readFileSync(casesFile, 'utf8')) as ConformanceCase[];
    await check('quick-start', async () => {
        // The README's code, with the demo world's first access key; its error is the export's Priority=0 case.
        const signing = all.find((c) => c.id === 'round-trip-every-text')?.request.signing;
        const zero = all.find((c) => c.id === 'priority-out-of-range-zero')?.expect;
        if (!signing || !zero) return ['FAIL', 'no case round-trip-every-text or priority-out-of-range-zero in the export'];
        const lines = await quickStart(endpoint, signing.accessKey!, signing.secretKey!);
        const want = `HTTP ${zero.status} ${zero.code}: ${zero.message}`;
        return lines.length === 2 && /^created tms-/.test(lines[0]) && lines[1] === want
            ? ['PASS', lines.join('; ')]
            : ['FAIL', `printed ${JSON.stringify(lines)}, expected a created session and ${JSON.stringify(want)}`];
    });
    const cases = all.filter((c) => c.appliesTo.includes('client'));
    console.log(`other-languages ${LANG}: ${cases.length} cases for the client surface, endpoint ${endpoint}`);
    const runner = new Runner(new ClientSurface(endpoint.replace(/\/+$/, '')), new Admin(endpoint, adminToken));
    for (const c of cases) {
        await check(c.id, () => runner.run(c));
    }
    tally.close();
}

main().catch((e: unknown) => tally.crashed(e));
