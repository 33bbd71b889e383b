#!/usr/bin/env node
// Bundle the modeler (app/static/js/modeler/index.js: bpmn-js 18, the properties panel, our moddle
// extension, bpmnlint with its config compiled in) and the diff of a request to publish
// (app/static/js/publicatie/index.js: two bpmn-js viewers and bpmn-js-differ) and the beslistabel editor
// (app/static/js/dmn/index.js: dmn-js 17) with esbuild into
// app/static/build/, which is git-ignored:
// `npm ci` (postinstall) and `make assets` rebuild it, so a fresh clone never needs a committed bundle.
// The bpmnlint config (bpmnlintrc.json beside the sources) is compiled at build time into a module
// `cumulus-bpmnlint-config` that imports exactly the rules it enables.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'app', 'static', 'js', 'modeler');
const target = join(root, 'app', 'static', 'build');
const require = createRequire(join(root, 'package.json'));
const compileConfig = require('bpmnlint/lib/support/compile-config');

const CSS = [
  ['bpmn-js/dist/assets/diagram-js.css', 'diagram-js.css'],
  ['bpmn-js/dist/assets/bpmn-js.css', 'bpmn-js.css'],
  ['bpmn-js/dist/assets/bpmn-font/css/bpmn.css', 'bpmn-font/css/bpmn.css'],
  ['bpmn-js/dist/assets/bpmn-font/font', 'bpmn-font/font'],
  ['@bpmn-io/properties-panel/dist/assets/properties-panel.css', 'properties-panel.css'],
  ['bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css', 'bpmn-js-bpmnlint.css'],
  // the beslistabel editor (app/static/js/dmn/index.js): dmn-js's own CSS and font
  ['dmn-js/dist/assets/dmn-js-shared.css', 'dmn-js-shared.css'],
  ['dmn-js/dist/assets/dmn-js-decision-table.css', 'dmn-js-decision-table.css'],
  ['dmn-js/dist/assets/dmn-js-decision-table-controls.css', 'dmn-js-decision-table-controls.css'],
  ['dmn-js/dist/assets/dmn-font/css/dmn.css', 'dmn-font/css/dmn.css'],
  ['dmn-js/dist/assets/dmn-font/font', 'dmn-font/font'],
];

const bpmnlintConfig = {
  name: 'cumulus-bpmnlint-config',
  setup(builder) {
    builder.onResolve({ filter: /^cumulus-bpmnlint-config$/ }, (args) => ({ path: args.path, namespace: 'bpmnlint' }));
    builder.onLoad({ filter: /.*/, namespace: 'bpmnlint' }, async () => ({
      contents: await compileConfig(JSON.parse(readFileSync(join(source, 'bpmnlintrc.json'), 'utf8'))),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// The page's Content-Security-Policy refuses style attributes in markup. Three bpmn.io files write some: the
// properties panel's two container divs (ontwerpen.css gives them the same rules) and the align and
// distribute menus' SVG icons (the same styling as SVG presentation attributes, which the policy allows).
const STYLE_ATTRIBUTE_FILES = /(bpmn-js-properties-panel\/dist\/index\.esm\.js|AlignElementsIcons\.js|DistributeElementsIcons\.js)$/;
const withoutStyleAttributes = {
  name: 'without-style-attributes',
  setup(builder) {
    builder.onLoad({ filter: STYLE_ATTRIBUTE_FILES }, (args) => {
      const original = readFileSync(args.path, 'utf8');
      const contents = original
        .replace(/ style="(height: 100%|flex: none; height: auto)"/g, '')
        .replace(/style="([^"]*)"/g, (_, css) => css.split(';').filter((rule) => rule.trim())
          .map((rule) => { const [name, value] = rule.split(':'); return `${name.trim()}="${value.trim()}"`; })
          .join(' '));
      if (/style="/.test(contents) || contents === original) {
        throw new Error(`${relative(root, args.path)}: the style attributes to remove were not found as expected`);
      }
      return { contents, loader: 'js' };
    });
  },
};

// dmn-js writes style attributes in three places and CodeMirror (its FEEL editor) a <style> element: the bpmn.io
// logo and its notice (the same rules are classes in beslistabel.css), the invisible drag image of a row or column
// (a class there too), and style-mod, which uses a constructed style sheet instead (adoptedStyleSheets, which the
// policy allows). Each replacement must find what it replaces, so a new dmn-js version that moved it fails the build.
const DMN_PATCHES = [
  [/dmn-js-shared\/lib\/util\/PoweredByUtil\.js$/, [
    [/ style="vertical-align:middle"/, ' class="bjs-powered-by-logo"'],
    [/ \+ 'style="position: absolute; bottom: 15px; right: 15px; z-index: 100;"/, " + '"],
    [/ style="' \+ LIGHTBOX_STYLES \+ '"/, ''],
    [/ style="' \+ BACKDROP_STYLES \+ '"/, ''],
    [/ style="' \+ NOTICE_STYLES \+ '"/, ''],
    [/ style="margin: 15px 20px 15px 10px; align-self: center;' \+ '"/, ''],
  ]],
  [/dmn-js-decision-table\/lib\/features\/drag-and-drop\/DragAndDrop\.js$/, [
    [/<span style="[^"]*"><\/span>/, '<span class="cumulus-drag-image"></span>'],
  ]],
  [/style-mod\/src\/style-mod\.js$/, [
    [/if \(!root\.head && root\.adoptedStyleSheets && win\.CSSStyleSheet\)/,
      'if (root.adoptedStyleSheets && win.CSSStyleSheet)'],
  ]],
];
const dmnWithoutInlineStyles = {
  name: 'dmn-without-inline-styles',
  setup(builder) {
    builder.onLoad({ filter: /(PoweredByUtil|DragAndDrop|style-mod)\.js$/ }, (args) => {
      const patch = DMN_PATCHES.find(([file]) => file.test(args.path));
      if (!patch) {
        return undefined;
      }
      let contents = readFileSync(args.path, 'utf8');
      for (const [pattern, replacement] of patch[1]) {
        if (!pattern.test(contents)) {
          throw new Error(`${relative(root, args.path)}: ${pattern} was not found as expected`);
        }
        contents = contents.replace(pattern, replacement);
      }
      return { contents, loader: 'js' };
    });
  },
};

try {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  await build({
    entryPoints: [join(source, 'index.js')],
    outfile: join(target, 'modeler.js'),
    bundle: true,
    minify: !process.env.MODELER_UNMINIFIED,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [bpmnlintConfig, withoutStyleAttributes],
  });
  await build({
    entryPoints: [join(root, 'app', 'static', 'js', 'publicatie', 'index.js')],
    outfile: join(target, 'publicatie.js'),
    bundle: true,
    minify: !process.env.MODELER_UNMINIFIED,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(root, 'app', 'static', 'js', 'dmn', 'index.js')],
    outfile: join(target, 'dmn.js'),
    bundle: true,
    minify: !process.env.MODELER_UNMINIFIED,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [dmnWithoutInlineStyles],
  });
  for (const [from, to] of CSS) {
    const destination = join(target, to);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(root, 'node_modules', from), destination, { recursive: true });
  }
} catch (error) {
  console.error(`build-modeler: ${error.message}`);
  process.exit(1);
}
console.log(`build-modeler: bundled the modeler into ${relative(root, target)}/`);
