// The HTML reference as a reader's browser shows it, on a machine without CJK fonts and without the
// network: headless Chromium (Debian's, driven by the pinned puppeteer-core) opens the page from disk
// with every request that is not file:, data: or blob: refused and recorded, and with fontconfig
// restricted to fonts that have no CJK glyph. Then, for every distinct CJK character in the rendered
// text, it asks two judges whether it came out as tofu (a .notdef box):
//   - Chromium itself (DevTools CSS.getPlatformFontsForNode): the glyphs of each element that holds CJK
//     text must be drawn by the embedded web font, as many as the element has CJK characters;
//   - the pixels: the character drawn on a canvas in its element's computed font must differ from
//     the .notdef box of that font (an unassigned code point drawn the same way).
// Prints one line per page and exits 1 on any tofu, any request to the network, or a page with no CJK
// text at all. With --expect-tofu PAGE (the page as Redocly renders it, before embed-font.mjs), the
// same judges must find tofu and a network request there: proof, on every run, that the check can fail.
// Usage: node check-reference.mjs <chromium> <node_modules> <work dir> <page.html> [--expect-tofu <raw.html>]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [chromium, modulesArg, workArg, pageArg, flag, rawArg] = process.argv.slice(2);
if (!chromium || !modulesArg || !workArg || !pageArg || (flag && (flag !== '--expect-tofu' || !rawArg))) {
  console.error('usage: node check-reference.mjs <chromium> <node_modules> <work dir> <page.html> [--expect-tofu <raw.html>]');
  process.exit(2);
}
const require = createRequire(join(resolve(modulesArg), 'noop.js'));
const puppeteer = require('puppeteer-core');
const work = resolve(workArg);
mkdirSync(join(work, 'fontconfig-cache'), { recursive: true });

// Only fonts without CJK glyphs: DejaVu where the system has it (Latin text then renders as usual),
// nothing else, whatever else the machine has installed.
const fontDirs = ['/usr/share/fonts/truetype/dejavu'].filter(existsSync);
const fontsConf = join(work, 'fonts.conf');
writeFileSync(
  fontsConf,
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
    fontDirs.map((d) => `  <dir>${d}</dir>\n`).join('') +
    `  <cachedir>${join(work, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
);

// CJK: the unified ideographs (with extension A and the compatibility block), CJK punctuation and
// the full-width forms, the characters a page in Chinese needs a CJK font for.
const CJK_SOURCE = '[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';

async function inspect(pagePath, label) {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: 'shell',
    env: { ...process.env, FONTCONFIG_FILE: fontsConf },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--host-resolver-rules=MAP * ~NOTFOUND', // a second fence: no name resolves
      '--font-render-hinting=none',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const requests = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (/^(file|data|blob|about):/.test(url)) {
        request.continue();
      } else {
        requests.push(url);
        request.abort('blockedbyclient');
      }
    });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(resolve(pagePath)).href, { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('[data-component-name], h1, h2', { timeout: 30000 });

    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 1000));
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    };

    const checkView = async () => {
      // Every element whose own text nodes hold CJK characters, marked so that DevTools can find it.
      const elements = await page.evaluate((source) => {
        const cjk = new RegExp(source, 'g');
        for (const old of document.querySelectorAll('[data-tmkit-cjk]')) old.removeAttribute('data-tmkit-cjk');
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const seen = new Set();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!el || seen.has(el) || !el.getClientRects().length) continue;
          const style = getComputedStyle(el);
          if (style.visibility === 'hidden' || style.display === 'none') continue;
          const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join('');
          const chars = own.match(cjk);
          if (!chars) continue;
          seen.add(el);
          el.setAttribute('data-tmkit-cjk', String(found.length));
          found.push({ chars: chars.length, distinct: [...new Set(chars)].join(''), font: style.font });
        }
        return found;
      }, CJK_SOURCE);

      // Judge 1: which fonts Chromium drew each element's glyphs with.
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-tmkit-cjk]' });
      const fontTofu = [];
      for (const nodeId of nodeIds) {
        const { attributes } = await cdp.send('DOM.getAttributes', { nodeId });
        const index = Number(attributes[attributes.indexOf('data-tmkit-cjk') + 1]);
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const custom = fonts.filter((f) => f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0);
        if (custom < elements[index].chars) {
          fontTofu.push(`${elements[index].distinct.slice(0, 12)} (${custom} of ${elements[index].chars} glyphs from a web font; drawn by ${fonts.map((f) => f.familyName).join(', ')})`);
        }
      }

      // Judge 2: the pixels of each distinct character against the .notdef box of its element's font.
      const pixelTofu = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const draw = (font, text) => {
          ctx.clearRect(0, 0, 64, 64);
          ctx.font = font;
          ctx.fillStyle = '#000';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, 8, 32);
          return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3)).join(',');
        };
        const tofu = [];
        const checked = new Set();
        for (const el of document.querySelectorAll('[data-tmkit-cjk]')) {
          const style = getComputedStyle(el);
          const font = `400 32px ${style.fontFamily}`;
          // U+0378 and U+0379 are unassigned: every font draws them as its .notdef box.
          const boxes = new Set([draw(font, '\u0378'), draw(font, '\u0379')]);
          for (const ch of new Set(el.textContent.match(/[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g) ?? [])) {
            const key = `${style.fontFamily}|${ch}`;
            if (checked.has(key) || ch === '\u3000') continue; // an ideographic space draws nothing
            checked.add(key);
            const pixels = draw(font, ch);
            if (boxes.has(pixels) || !/[1-9]/.test(pixels)) tofu.push(ch);
          }
        }
        return [...new Set(tofu)];
      });
      return { elements, fontTofu, pixelTofu };
    };

    // Redoc shows one part of the document at a time: visit every entry of its menu (a group's
    // entries appear once it is open) and check each view.
    const views = [];
    const visited = new Set();
    let best = { count: -1, href: '/' };
    for (let href = '/'; href !== undefined; ) {
      visited.add(href);
      if (href !== '/') {
        await page.evaluate((h) => document.querySelector(`a[href="${h}"]`)?.click(), href);
      }
      await settle();
      const view = await checkView();
      views.push({ href, ...view });
      if (view.elements.length > best.count) best = { count: view.elements.length, href };
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')));
      href = links.find((h) => !visited.has(h));
    }
    const elements = views.flatMap((v) => v.elements);
    const fontTofu = views.flatMap((v) => v.fontTofu.map((t) => `${v.href}: ${t}`));
    const pixelTofu = [...new Set(views.flatMap((v) => v.pixelTofu))];

    const distinct = new Set(elements.flatMap((e) => [...e.distinct]));
    await page.evaluate((h) => document.querySelector(`a[href="${h}"]`)?.click(), best.href);
    await settle();
    await checkView();
    const first = await page.$('[data-tmkit-cjk]');
    const shot = join(work, `${label}.png`);
    if (first) {
      await first.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: shot });
    }
    return { views: views.length, elements: elements.length, distinct: distinct.size, fontTofu, pixelTofu, requests, errors, shot };
  } finally {
    await browser.close();
  }
}

const summary = (r) =>
  `${r.views} views, ${r.elements} elements with CJK text, ${r.distinct} distinct CJK characters; ` +
  `tofu: ${r.fontTofu.length} elements (fonts), ${r.pixelTofu.length} characters (pixels); ` +
  `network requests: ${r.requests.length}; screenshot ${r.shot}`;

// A browser that does not start or a page that does not load is one line, not a stack trace.
const inspectOrExit = (path, label) =>
  inspect(path, label).catch((error) => {
    console.log(`check-reference: cannot check ${path}: ${String(error.message ?? error).split('\n')[0]}`);
    process.exit(2);
  });

let failed = false;
const result = await inspectOrExit(pageArg, 'reference');
console.log(`reference: ${summary(result)}`);
if (result.elements === 0) {
  console.log('reference: FAIL the page shows no CJK text: nothing was checked');
  failed = true;
}
for (const t of result.fontTofu.slice(0, 10)) console.log(`reference: FAIL tofu (fonts): ${t}`);
if (result.pixelTofu.length) console.log(`reference: FAIL tofu (pixels): ${result.pixelTofu.slice(0, 40).join('')}`);
for (const url of result.requests) console.log(`reference: FAIL requested from the network: ${url}`);
failed ||= result.fontTofu.length > 0 || result.pixelTofu.length > 0 || result.requests.length > 0;

if (rawArg) {
  // The control: the page without the embedded font and with Redoc's CDN logo must fail both ways.
  const raw = await inspectOrExit(rawArg, 'reference-without-font');
  console.log(`control (page without the embedded font): ${summary(raw)}`);
  if (raw.elements === 0 || raw.fontTofu.length === 0 || raw.pixelTofu.length === 0) {
    console.log('control: FAIL the judges found no tofu on a page without a CJK font: they cannot fail');
    failed = true;
  }
  if (raw.requests.length === 0) {
    console.log('control: FAIL no network request seen from the raw page, which loads its logo from a CDN');
    failed = true;
  }
}
console.log(failed ? 'check-reference: FAILED' : 'check-reference: passed');
process.exit(failed ? 1 : 0);
