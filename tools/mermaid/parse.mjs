#!/usr/bin/env node
// parse.mjs: check Mermaid diagrams with Mermaid's own parser, without a browser.
//
// Usage:
//   node parse.mjs a.mmd b.mmd ...        check files
//   node parse.mjs --stdin-json < in.json check a JSON array of diagram strings
//
// Prints a JSON array [{"index":i,"ok":bool,"error":"..."}] (one entry per
// input, in order; "error" is "" when ok) and exits 1 if any diagram failed,
// 2 on a usage or setup error. Used by internal/testtools.MermaidParse.
//
// Mermaid expects a DOM (it sanitizes labels with DOMPurify, which needs a
// window), so a JSDOM window is installed as the global environment before
// mermaid is imported. Parsing does not lay anything out, so no real browser
// is needed; rendering is checked separately with mmdc + chromium.

import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';

function installDOM() {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', {
    pretendToBeVisual: true,
  });
  const { window } = dom;
  globalThis.window = window;
  globalThis.document = window.document;
  // Some of mermaid's dependencies probe these globals directly rather than
  // through window.*. Only define the ones Node does not already have
  // (Node 21+ defines navigator as a read-only getter).
  for (const name of ['navigator', 'Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'MutationObserver']) {
    if (!(name in globalThis) && window[name] !== undefined) {
      try {
        globalThis[name] = window[name];
      } catch {
        // ignore read-only globals
      }
    }
  }
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

async function loadInputs(argv) {
  if (argv.includes('--stdin-json')) {
    const data = JSON.parse(await readStdin());
    if (!Array.isArray(data) || !data.every((d) => typeof d === 'string')) {
      throw new Error('--stdin-json expects a JSON array of strings');
    }
    return data;
  }
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    throw new Error('usage: parse.mjs FILE.mmd... | parse.mjs --stdin-json < diagrams.json');
  }
  return Promise.all(files.map((f) => readFile(f, 'utf8')));
}

async function main() {
  let inputs;
  try {
    inputs = await loadInputs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`parse.mjs: ${e.message}\n`);
    process.exit(2);
  }

  installDOM();
  const { default: mermaid } = await import('mermaid');
  // Same defaults GitHub renders with; startOnLoad off since there is no page.
  mermaid.initialize({ startOnLoad: false });

  const results = [];
  for (let i = 0; i < inputs.length; i++) {
    try {
      // parse() throws on a bad diagram (suppressErrors is off by default).
      await mermaid.parse(inputs[i]);
      results.push({ index: i, ok: true, error: '' });
    } catch (e) {
      const msg = e && (e.message || e.str) ? String(e.message || e.str) : String(e);
      results.push({ index: i, ok: false, error: msg });
    }
  }
  process.stdout.write(JSON.stringify(results) + '\n');
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`parse.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
