// Proves that each project rule of .spectral.yaml fires on its fixture and nowhere it should not:
//   - every project rule has fixtures/<rule>.yaml, and every fixture names a project rule;
//   - on fixtures/<rule>.yaml the project rules that fire are exactly <rule> plus those the
//     fixture's "# also:" header line names;
//   - fixtures/conforming.yaml gives no result at all (no false positive on a document that follows
//     every convention).
// Usage: node api-spec/lint/check-fixtures.mjs   (after npm ci --prefix tools)
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lintDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(lintDir, '..', '..');
const tools = path.join(repo, 'tools');
const require = createRequire(path.join(tools, 'package.json'));
const { parse } = require('@stoplight/yaml');

const rulesetFile = path.join(lintDir, '.spectral.yaml');
const fixturesDir = path.join(lintDir, 'fixtures');
const ruleset = parse(readFileSync(rulesetFile, 'utf8'));
const projectRules = Object.entries(ruleset.rules ?? {})
  .filter(([, rule]) => rule && typeof rule === 'object' && 'given' in rule)
  .map(([name]) => name);

const failures = [];
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.yaml'));
for (const rule of projectRules) {
  if (!fixtures.includes(`${rule}.yaml`)) {
    failures.push(`rule ${rule} has no fixture fixtures/${rule}.yaml`);
  }
}
for (const fixture of fixtures) {
  const rule = fixture.replace(/\.yaml$/, '');
  if (rule !== 'conforming' && !projectRules.includes(rule)) {
    failures.push(`fixtures/${fixture} names no project rule`);
  }
}

const spectral = spawnSync(
  path.join(tools, 'node_modules', '.bin', 'spectral'),
  ['lint', '--ruleset', rulesetFile, '--format', 'json', '--quiet', ...fixtures.map((f) => path.join(fixturesDir, f))],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let results;
try {
  results = JSON.parse(spectral.stdout);
} catch (e) {
  console.error(spectral.stdout, spectral.stderr);
  throw new Error(`spectral gave no JSON (exit ${spectral.status})`);
}

const firedBy = new Map(fixtures.map((f) => [f, []]));
for (const result of results) {
  const fixture = path.basename(result.source ?? '');
  if (firedBy.has(fixture)) {
    firedBy.get(fixture).push(result);
  }
}

let proven = 0;
for (const fixture of fixtures) {
  const fired = firedBy.get(fixture);
  const rule = fixture.replace(/\.yaml$/, '');
  if (rule === 'conforming') {
    fired.forEach((r) => failures.push(`conforming.yaml: unexpected ${r.code} at ${r.path.join('.')}: ${r.message}`));
    continue;
  }
  const header = readFileSync(path.join(fixturesDir, fixture), 'utf8').match(/^# also: (.+)$/m);
  const expected = new Set([rule, ...(header ? header[1].split(',').map((s) => s.trim()) : [])]);
  const firedProject = new Set(fired.map((r) => r.code).filter((c) => projectRules.includes(c)));
  if (!firedProject.has(rule)) {
    failures.push(`${fixture}: rule ${rule} did not fire`);
  } else {
    proven++;
  }
  for (const code of firedProject) {
    if (!expected.has(code)) {
      failures.push(`${fixture}: rule ${code} fired too (fixture should break one convention)`);
    }
  }
  for (const code of expected) {
    if (code !== rule && !firedProject.has(code)) {
      failures.push(`${fixture}: rule ${code} is named in "# also:" but did not fire`);
    }
  }
}

if (failures.length > 0) {
  failures.forEach((f) => console.error(`FAIL ${f}`));
  console.error(`fixtures: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`fixtures: ${proven}/${projectRules.length} project rules fire on their fixtures; conforming.yaml is clean`);
