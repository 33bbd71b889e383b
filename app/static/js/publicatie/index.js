// The page of a request to publish (/ontwerpen/publicaties/<id>): the live version and the concept side by side in
// two bpmn-js viewers, the differences found by bpmn-js-differ marked on both (added, removed, changed, only
// moved), and the server's list of changed steps replaced by one read from the same diff, in Dutch, with each
// element's name, id, kind and what changed (old → new). Built by scripts/build-modeler.mjs into
// app/static/build/publicatie.js; the page loads it as a file (no inline script: the Content-Security-Policy).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';

import spiffworkflow from '../modeler/spiffworkflow.json';
import { changeRows } from './changes';

export const MARKERS = {
  added: 'cumulus-diff--added', removed: 'cumulus-diff--removed',
  changed: 'cumulus-diff--changed', layout: 'cumulus-diff--layout',
};

async function load(container, url) {
  const viewer = new NavigatedViewer({ container, moddleExtensions: { spiffworkflow } });
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  await viewer.importXML(await response.text());
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  return viewer;
}

function mark(viewer, ids, marker) {
  const registry = viewer.get('elementRegistry');
  const canvas = viewer.get('canvas');
  ids.forEach((id) => { if (registry.get(id)) { canvas.addMarker(id, marker); } });
}

// Moving or zooming one diagram moves the other the same way, so the same part of both stays in view.
function follow(viewers) {
  let busy = false;
  viewers.forEach((viewer) => {
    viewer.on('canvas.viewbox.changed', ({ viewbox }) => {
      if (busy) { return; }
      busy = true;
      viewers.filter((other) => other !== viewer).forEach((other) => {
        other.get('canvas').viewbox({ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height });
      });
      busy = false;
    });
  });
}

function select(viewers, id) {
  viewers.forEach((viewer) => {
    const registry = viewer.get('elementRegistry');
    const canvas = viewer.get('canvas');
    registry.getAll().forEach((element) => canvas.removeMarker(element, 'cumulus-diff--selected'));
    const element = registry.get(id);
    if (element) {
      canvas.addMarker(id, 'cumulus-diff--selected');
      canvas.scrollToElement(element);
    }
  });
  document.getElementById('vergelijking-kop').scrollIntoView({ block: 'start' });
}

function cell(row, text, className, label) {
  const td = document.createElement('td');
  td.className = `utrecht-table__cell${className ? ` ${className}` : ''}`;
  if (label) { td.dataset.label = label; }
  if (text instanceof Node) { td.append(text); } else { td.textContent = text; }
  row.append(td);
  return td;
}

function table(rows, viewers) {
  const wrapper = document.createElement('div');
  wrapper.className = 'cumulus-table-scroll';
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-labelledby', 'wijzigingen-kop');
  wrapper.tabIndex = 0;
  const element = document.createElement('table');
  element.className = 'utrecht-table cumulus-table cumulus-diff-table';
  element.innerHTML = '<thead class="utrecht-table__header"><tr class="utrecht-table__row">'
    + '<th class="utrecht-table__header-cell" scope="col">Wijziging</th>'
    + '<th class="utrecht-table__header-cell" scope="col">Element</th>'
    + '<th class="utrecht-table__header-cell" scope="col">Soort</th>'
    + '<th class="utrecht-table__header-cell" scope="col">Wat is er veranderd</th></tr></thead>';
  const body = document.createElement('tbody');
  body.className = 'utrecht-table__body';
  rows.forEach((change) => {
    const row = document.createElement('tr');
    row.className = `utrecht-table__row cumulus-diff-row cumulus-diff-row--${change.kind}`;
    row.dataset.diffId = change.id;
    cell(row, change.label, 'cumulus-diff-kind');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cumulus-lint__element';
    button.textContent = change.name;
    const id = document.createElement('span');
    id.className = 'cumulus-muted';
    id.textContent = ` (${change.id})`;
    button.append(id);
    button.addEventListener('click', () => select(viewers, change.id));
    cell(row, button, '', 'Element');
    cell(row, change.type, '', 'Soort');
    const what = document.createElement('ul');
    what.className = 'cumulus-diff-what';
    change.what.forEach((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      what.append(item);
    });
    cell(row, what, '', 'Wat');
    body.append(row);
  });
  element.append(body);
  wrapper.append(element);
  return wrapper;
}

async function show(root) {
  const oldBox = root.querySelector('[data-diff-old]');
  const newBox = root.querySelector('[data-diff-new]');
  const newViewer = await load(newBox, newBox.dataset.diffNew);
  const oldViewer = oldBox ? await load(oldBox, oldBox.dataset.diffOld) : null;
  const viewers = oldViewer ? [oldViewer, newViewer] : [newViewer];
  const list = document.getElementById('wijzigingen');
  let rows;
  if (oldViewer) {
    const result = diff(oldViewer.getDefinitions(), newViewer.getDefinitions());
    mark(oldViewer, Object.keys(result._removed), MARKERS.removed);
    mark(newViewer, Object.keys(result._added), MARKERS.added);
    mark(oldViewer, Object.keys(result._changed), MARKERS.changed);
    mark(newViewer, Object.keys(result._changed), MARKERS.changed);
    const moved = Object.keys(result._layoutChanged).filter((id) => !result._changed[id] && !result._added[id]);
    mark(newViewer, moved, MARKERS.layout);
    rows = changeRows(result, oldViewer.getDefinitions(), newViewer.getDefinitions());
    follow(viewers);
  } else {
    rows = [];
  }
  const summary = document.getElementById('wijzigingen-samenvatting');
  const count = (kind) => rows.filter((row) => row.kind === kind).length;
  summary.textContent = rows.length
    ? `${count('added')} toegevoegd, ${count('changed')} gewijzigd, ${count('removed')} verwijderd`
      + `${count('layout') ? `, ${count('layout')} alleen verplaatst in de tekening` : ''}. Kies een element om het in `
      + 'beide diagrammen te tonen.'
    : (oldViewer ? 'De diagrammen zijn gelijk.' : summary.textContent);
  if (oldViewer) {
    list.replaceChildren(rows.length ? table(rows, viewers) : '');
  }
  root.dataset.ready = 'true';
}

const root = document.querySelector('[data-diff]');
if (root) {
  show(root).catch(() => {
    const status = document.getElementById('vergelijking-status');
    status.textContent = 'De diagrammen konden niet worden geladen; de lijst van wijzigingen hieronder is volledig.';
  });
}
