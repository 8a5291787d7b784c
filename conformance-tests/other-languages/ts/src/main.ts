// The TypeScript run of conformance-tests/other-languages (see ../README.md), compiled with tsc --strict
// against the installed tmkit-client package:
//   node build/main.js <endpoint> <admin-token> <cases.json> <openapi.yaml> <signing-vectors.jsonl> <mutant.jsonl>
// One line per check and case, `other-languages ts: <id> PASS|FAIL|SKIP <detail>`, then the tally.
import { readFileSync } from 'node:fs';
import * as hook from './volcengine-signature';
import { contractVector, differential, mutant, Verdict, xSigning } from './signing-check';
import { CaseRunner, ConformanceCase } from './cases';
import { quickStart } from './quick-start';

const LANG = 'ts';
const tally = { PASS: 0, FAIL: 0, SKIP: 0 };

function report(id: string, [outcome, detail]: Verdict): void {
    tally[outcome]++;
    console.log(`other-languages ${LANG}: ${id} ${outcome} ${detail}`);
}

async function check(id: string, run: () => Promise<Verdict> | Verdict): Promise<void> {
    try {
        report(id, await run());
    } catch (e) {
        report(id, ['FAIL', e instanceof Error ? `${e.name}: ${e.message}` : String(e)]);
    }
}

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
    const runner = new CaseRunner(endpoint.replace(/\/+$/, ''), adminToken);
    for (const c of cases) {
        await check(c.id, () => runner.run(c));
    }
    console.log(`other-languages ${LANG}: ${tally.PASS} passed, ${tally.FAIL} failed, ${tally.SKIP} skipped`);
    process.exitCode = tally.FAIL > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
    console.log(`other-languages ${LANG}: runner FAIL ${e instanceof Error ? e.stack : String(e)}`);
    console.log(`other-languages ${LANG}: ${tally.PASS} passed, ${tally.FAIL + 1} failed, ${tally.SKIP} skipped`);
    process.exitCode = 1;
});
