// Makes the HTML reference that Redocly renders (api-spec/target/docs/index.html) whole on its own:
//   1. embeds a subset of Noto Sans SC (the pinned @fontsource-variable/noto-sans-sc package) holding
//      exactly the non-ASCII characters of the contract that the font has, as data: URLs, and puts it
//      into Redoc's font stacks before their generic family, so that Chinese text renders on a machine
//      without any CJK font (Latin text keeps the system fonts);
//   2. replaces the Redocly logo, which Redoc loads from a CDN at run time, with an inline SVG;
//   3. refuses a page that still names a remote script, style sheet, image or font.
// Run by lint.sh after `redocly build-docs`; the browser check (check-reference.mjs) proves the result.
// Usage: node embed-font.mjs <index.html> <openapi.yaml> <node_modules dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const [page, spec, modulesArg] = process.argv.slice(2);
const modules = modulesArg && resolve(modulesArg);
if (!page || !spec || !modulesArg) {
  console.error('usage: node embed-font.mjs <index.html> <openapi.yaml> <node_modules dir>');
  process.exit(2);
}
const require = createRequire(join(modules, 'noop.js'));
const subsetFont = require('subset-font');
const fontDir = join(modules, '@fontsource-variable', 'noto-sans-sc');
const fontVersion = JSON.parse(readFileSync(join(fontDir, 'package.json'), 'utf8')).version;
const FAMILY = 'tmkit Noto Sans SC';

// Characters that no Noto Sans SC file holds; each is quoted in the contract as an example of an astral
// character (it is the point of the text that it is one), and renders in whatever font the system
// has for it. Any other character the font lacks fails the build, so that this list stays honest.
const NOT_IN_FONT = new Set([0x1f600 /* 😀 */, 0x20000 /* 𠀀 */]);

const fail = (message) => {
  console.error(`embed-font: ${message}`);
  process.exit(1);
};

// Every non-ASCII code point of the contract: the page's text is the contract's text.
const needed = [...new Set([...readFileSync(spec, 'utf8')].map((c) => c.codePointAt(0)).filter((c) => c > 0x7f))].sort(
  (a, b) => a - b,
);

// The package's unicode.json maps each of its files to the unicode-range it covers.
const ranges = Object.entries(JSON.parse(readFileSync(join(fontDir, 'unicode.json'), 'utf8'))).map(([key, range]) => ({
  file: `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-wght-normal.woff2`,
  spans: range.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
  }),
}));

const byFile = new Map();
const missing = [];
for (const cp of needed) {
  const owner = ranges.find((r) => r.spans.some(([lo, hi]) => cp >= lo && cp <= hi));
  if (!owner) {
    missing.push(cp);
    continue;
  }
  if (!byFile.has(owner.file)) byFile.set(owner.file, []);
  byFile.get(owner.file).push(cp);
}
const hex = (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const unexpected = missing.filter((cp) => !NOT_IN_FONT.has(cp));
if (unexpected.length) {
  fail(`Noto Sans SC has no glyph for ${unexpected.map(hex).join(' ')} of the contract: add a font that has them`);
}

// One @font-face per package file touched, each with exactly its characters as unicode-range; the
// weight axis is kept from 400 to 700 so that headings are real bold rather than smeared regular.
const faces = [];
let bytes = 0;
for (const [file, cps] of byFile) {
  const source = readFileSync(join(fontDir, 'files', file));
  const subset = await subsetFont(source, String.fromCodePoint(...cps), {
    targetFormat: 'woff2',
    variationAxes: { wght: { min: 400, max: 700 } },
  });
  bytes += subset.length;
  faces.push(
    `@font-face{font-family:'${FAMILY}';font-style:normal;font-weight:400 700;font-display:block;` +
      `src:url(data:font/woff2;base64,${subset.toString('base64')}) format('woff2');` +
      `unicode-range:${cps.map(hex).join(',')};}`,
  );
}

let html = readFileSync(page, 'utf8');

// Redoc's font stacks are CSS variables on :root; ours, on html:root, outrank them wherever they come.
const stack = (name) => {
  const match = html.match(new RegExp(`--${name}:([^;}]+)[;}]`));
  if (!match) fail(`the page defines no --${name}: Redoc's theme changed, update embed-font.mjs`);
  const families = match[1].trim().replace(/\s+/g, ' ');
  const generic = families.match(/,\s*(sans-serif|serif|monospace)$/);
  if (!generic) fail(`--${name} does not end in a generic family: ${families}`);
  return `--${name}:${families.slice(0, generic.index)},'${FAMILY}',${generic[1]}`;
};
// The OFL asks that the copyright notice and the license travel with the font: the package's
// LICENSE begins with the copyright line, and the license is named with its address.
const copyright = readFileSync(join(fontDir, 'LICENSE'), 'utf8').split('\n')[0].trim().replace(/\*\//g, '');
const css =
  `/* Noto Sans SC ${fontVersion} (@fontsource-variable/noto-sans-sc), copyright ${copyright}; subset to the` +
  ` ${needed.length - missing.length} characters of the contract it has, as the family '${FAMILY}'.` +
  ` Licensed under the SIL Open Font License, Version 1.1, https://openfontlicense.org */\n` +
  faces.join('\n') +
  `\nhtml:root{${stack('font-family-base')};${stack('font-family-monospaced')};}`;

// The logo Redoc fetches at run time (an <img> inside the "API docs by Redocly" link); an inline SVG
// with the same words instead, so that the page loads nothing.
const logo = (width) =>
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#888">Redocly</text></svg>`,
  );
for (const [remote, local] of [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', logo(48)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', logo(48)],
]) {
  if (!html.includes(remote)) fail(`the page no longer names ${remote}: Redoc changed, update embed-font.mjs`);
  html = html.split(remote).join(local);
}

if (!html.includes('</head>')) fail('the page has no </head>');
html = html.replace('</head>', `<style id="tmkit-cjk-font">\n${css}\n</style>\n</head>`);

// Nothing the page loads may come from the network: no remote src of any element, no remote style
// sheet or icon, no remote url() in CSS. (Links a reader clicks, <a href>, are not loads; URLs that
// Redoc's script holds for features this page does not use, such as its icon sets, are not loads
// either: check-reference.mjs sees every request the rendered page makes.)
const remote = [
  ...html.matchAll(/<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?https?:/gi),
  ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?https?:/gi),
  ...html.matchAll(/url\(\s*["']?https?:/gi),
  ...html.matchAll(/@import\s+(?:url\()?\s*["']https?:/gi),
];
if (remote.length) fail(`the page still loads from the network: ${remote.map((m) => m[0]).join(' | ')}`);

writeFileSync(page, html);
console.log(
  `embed-font: ${needed.length - missing.length} characters in ${faces.length} subsets of Noto Sans SC ${fontVersion}` +
    ` (${Math.round(bytes / 1024)} KiB), not in the font: ${missing.map(hex).join(' ') || 'none'}; CDN logo inlined`,
);
