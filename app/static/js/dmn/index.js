// The beslistabel page (/ontwerpen/concepten/<id>/beslistabellen/<decision>): dmn-js 17's decision table editor
// for one DMN table of a concept, and the save to the server, whose lint findings for the whole concept (model and
// tables) come back as a list. Built by scripts/build-modeler.mjs; the page loads it as a file (no inline script:
// the Content-Security-Policy).
import DmnModeler from 'dmn-js/lib/Modeler';

import { showFindingList } from './findings';
import { putXml } from '../shared/put-xml';
import translate from './translations';

const root = document.querySelector('[data-dmn-editor]');

function setStatus(text, kind) {
  const status = document.getElementById('dmn-status');
  status.textContent = text;
  status.dataset.kind = kind || '';
}

function time(iso) {
  return new Date(iso).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
}

function refusal(response, body) {
  if (body && body.fout) {
    return body.fout;
  }
  if (response.status === 403) {
    return 'U mag deze beslistabel niet opslaan.';
  }
  if (response.status === 400) {
    return 'De pagina is verlopen; er is niets opgeslagen. Laad de pagina opnieuw.';
  }
  if (response.status === 413) {
    return 'De beslistabel is groter dan 1 MB en is niet opgeslagen.';
  }
  return `Opslaan is mislukt (HTTP ${response.status}); er is niets opgeslagen. Probeer het opnieuw.`;
}

async function start() {
  const saveButton = document.getElementById('dmn-opslaan');
  const list = document.getElementById('dmn-bevindingen');
  const summaryNode = document.getElementById('dmn-samenvatting');
  const modeler = new DmnModeler({
    container: document.getElementById('dmn-canvas'),
    // each view (the table and the DRD) gets the Dutch texts; `common` cannot carry modules (a view's own list wins)
    decisionTable: { additionalModules: [{ translate: ['value', translate] }] },
    drd: { additionalModules: [{ translate: ['value', translate] }] },
  });
  let version = root.dataset.versie;
  let dirty = false;
  let saving = false;

  const response = await fetch(root.dataset.xmlUrl, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  await modeler.importXML(await response.text());
  const table = modeler.getViews().find((view) => view.type === 'decisionTable');
  if (table) {
    await modeler.open(table);
  }
  modeler.getActiveViewer().on('elements.changed', () => {
    dirty = true;
    root.dataset.dirty = 'true';
    setStatus('Er zijn wijzigingen die nog niet zijn opgeslagen.', 'dirty');
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  async function save() {
    if (saving) {
      return;
    }
    saving = true;
    saveButton.disabled = true;
    setStatus('Bezig met opslaan…', 'busy');
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const { answer, body } = await putXml(root, xml, version);
      if (!answer.ok) {
        setStatus(refusal(answer, body), 'error');
        return;
      }
      version = String(body.versie);
      dirty = false;
      root.dataset.dirty = 'false';
      showFindingList(body.bevindingen, list, summaryNode);
      document.getElementById('dmn-laatst').textContent = `${body.opgeslagen_tekst} door ${body.opgeslagen_door}`;
      setStatus(`Opgeslagen om ${time(body.opgeslagen_op)} door ${body.opgeslagen_door}. De controle van de `
        + `server vond ${body.fouten} fout${body.fouten === 1 ? '' : 'en'} en ${body.waarschuwingen} `
        + `waarschuwing${body.waarschuwingen === 1 ? '' : 'en'}.`, 'saved');
    } catch (error) {
      setStatus('Opslaan is mislukt: de server is niet bereikbaar. Er is niets opgeslagen; probeer het opnieuw.',
        'error');
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  }
  saveButton.addEventListener('click', save);
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    }
  });
  saveButton.disabled = false;
  root.dataset.ready = 'true';
  window.cumulusDmn = modeler; // for the browser tests and the console
}

if (root) {
  start().catch(() => {
    setStatus('De beslistabel kon niet worden geladen. Download de tabel en probeer het later opnieuw.', 'error');
  });
}
