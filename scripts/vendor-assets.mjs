#!/usr/bin/env node
// Copy the third-party files the pages link from node_modules into app/static/vendor/.
//
// Runs as the npm `postinstall` script, so `npm ci` on a fresh clone reproduces the
// vendor folder (which is gitignored). Every source is checked before anything is
// written: a missing file (a package upgrade that moved it) fails the install loudly
// instead of leaving a half-filled folder. The target is rebuilt from scratch on each
// run, so running it twice gives the same result. Node built-ins only.

import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const target = join(root, 'app', 'static', 'vendor');

// [source relative to node_modules, destination relative to app/static/vendor]
const FILES = [
  // NL Design System components (Utrecht community component library, CSS only)
  ['@utrecht/component-library-css/dist/index.css', 'utrecht/component-library.css'],
  // NL Design System "Voorbeeld" theme: design tokens scoped to `.voorbeeld-theme`
  ['@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css', 'voorbeeld/theme.css'],
  // bpmn-js: viewer (read-only), navigated viewer (pan/zoom) and modeler bundles
  ['bpmn-js/dist/bpmn-viewer.production.min.js', 'bpmn-js/bpmn-viewer.production.min.js'],
  ['bpmn-js/dist/bpmn-navigated-viewer.production.min.js', 'bpmn-js/bpmn-navigated-viewer.production.min.js'],
  ['bpmn-js/dist/bpmn-modeler.production.min.js', 'bpmn-js/bpmn-modeler.production.min.js'],
  ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/assets/diagram-js.css'],
  ['bpmn-js/dist/assets/bpmn-js.css', 'bpmn-js/assets/bpmn-js.css'],
  ['bpmn-js/dist/assets/bpmn-font/css/bpmn.css', 'bpmn-js/assets/bpmn-font/css/bpmn.css'],
  ['bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css', 'bpmn-js/assets/bpmn-font/css/bpmn-embedded.css'],
  ['bpmn-js/dist/assets/bpmn-font/css/bpmn-codes.css', 'bpmn-js/assets/bpmn-font/css/bpmn-codes.css'],
  // bpmn.css refers to ../font/bpmn.{eot,woff2,woff,ttf,svg}
  ['bpmn-js/dist/assets/bpmn-font/font', 'bpmn-js/assets/bpmn-font/font'],
  // axe-core, injected by the browser accessibility tests (never linked from pages)
  ['axe-core/axe.min.js', 'axe-core/axe.min.js'],
];

function fail(message) {
  console.error(`vendor-assets: ${message}`);
  process.exit(1);
}

const missing = FILES.filter(([source]) => !existsSync(join(modules, source)));
if (missing.length > 0) {
  fail(
    'these source files are missing from node_modules (run `npm ci`; if a package was ' +
      'upgraded, update scripts/vendor-assets.mjs):\n' +
      missing.map(([source]) => `  - node_modules/${source}`).join('\n'),
  );
}

try {
  rmSync(target, { recursive: true, force: true });
  for (const [source, destination] of FILES) {
    const from = join(modules, source);
    const to = join(target, destination);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: statSync(from).isDirectory() });
  }
} catch (error) {
  fail(`copying failed: ${error.message}`);
}

console.log(`vendor-assets: copied ${FILES.length} entries to ${relative(root, target)}/`);
