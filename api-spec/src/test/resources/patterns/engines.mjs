// Reads the contract's patterns and the sample values (as UTF-16 code units) from the JSON file named
// by the first argument and prints, per reading, each pattern's verdict on each sample: "js" compiles
// the pattern as OpenAPI 3.0's ECMA-262 dialect does (no flags, UTF-16 units), "js-u" with the `u` flag
// (code points), as validators such as ajv compile it. Run by PatternEnginesTest; no dependencies.
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const values = input.samples.map((s) => String.fromCharCode(...s.units));
const out = { engine: `node ${process.version}` };
for (const [reading, flags] of [['js', ''], ['js-u', 'u']]) {
  out[reading] = {};
  for (const [label, pattern] of Object.entries(input.patterns)) {
    let re;
    try {
      re = new RegExp(pattern, flags);
    } catch (e) {
      out[reading][label] = `does not compile: ${e.message}`;
      continue;
    }
    out[reading][label] = values.map((v) => re.test(v));
  }
}
process.stdout.write(JSON.stringify(out));
