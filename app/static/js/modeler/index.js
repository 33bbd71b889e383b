// The modeler page (/ontwerpen/concepten/<id>/bewerken): bpmn-js 18 with the properties panel, our
// spiffworkflow moddle extension, a palette of what the engine runs, bpmnlint's recommended rules as advice,
// and the save to the server, whose lint findings come back as markers and a list. Built by
// scripts/build-modeler.mjs; the page loads it as a file (no inline script: the Content-Security-Policy).
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import bpmnlintConfig from 'cumulus-bpmnlint-config';

import spiffworkflow from './spiffworkflow.json';
import paletteModule from './palette';
import CumulusPropertiesProvider from './provider';
import translate from './translations';
import { selectOnClick, showFindings } from './findings';
import { putXml } from '../shared/put-xml';

const root = document.querySelector('[data-modeler]');

function setStatus(text, kind) {
  const status = document.getElementById('modeler-status');
  status.textContent = text;
  status.dataset.kind = kind || '';
}

function time(iso) {
  return new Date(iso).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
}

const KEEP_YOURS = ' Bewaar uw werk eerst met "Mijn versie downloaden"; u kunt het daarna uploaden als concept.';

function refusal(response, body) {
  if (body && body.fout) {
    return body.fout + (response.status === 409 ? KEEP_YOURS : '');
  }
  if (response.status === 403) {
    return 'U mag dit concept niet opslaan.';
  }
  if (response.status === 400) {
    return `De pagina is verlopen; er is niets opgeslagen.${KEEP_YOURS}`;
  }
  if (response.status === 413) {
    return 'Het model is groter dan 5 MB en is niet opgeslagen.';
  }
  return `Opslaan is mislukt (HTTP ${response.status}); er is niets opgeslagen. Probeer het opnieuw.`;
}

async function start() {
  const canvasNode = document.getElementById('modeler-canvas');
  const list = document.getElementById('modeler-bevindingen');
  const summaryNode = document.getElementById('modeler-samenvatting');
  const saveButton = document.getElementById('modeler-opslaan');
  const modeler = new BpmnModeler({
    container: canvasNode,
    propertiesPanel: {
      parent: '#modeler-panel',
      // the groups the procesontwerper works in are open from the start
      layout: { groups: Object.fromEntries(['general', 'cumulus-baan', 'cumulus-taak', 'cumulus-operatie',
        'cumulus-voorwaarde', 'cumulus-beslissing', 'timer', 'message'].map((id) => [id, { open: true }])) },
    },
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, paletteModule, lintModule,
      { translate: ['value', translate] },
      { __init__: ['cumulusPropertiesProvider'], cumulusPropertiesProvider: ['type', CumulusPropertiesProvider] },
    ],
    moddleExtensions: { spiffworkflow },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    cumulus: JSON.parse(root.dataset.lijsten),
  });
  let version = root.dataset.versie;
  let savedAt = 0;
  let saving = false;
  const commandStack = modeler.get('commandStack');
  const isDirty = () => commandStack._stackIdx !== savedAt;

  const response = await fetch(root.dataset.xmlUrl, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  await modeler.importXML(await response.text());
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport');
  canvas.scroll({ dx: 70, dy: 0 }); // clear of the palette on the left
  savedAt = commandStack._stackIdx;
  showFindings(modeler, JSON.parse(root.dataset.bevindingen), list, summaryNode);
  selectOnClick(modeler, list, canvasNode);

  modeler.on('commandStack.changed', () => {
    root.dataset.dirty = String(isDirty());
    if (isDirty()) {
      setStatus('Er zijn wijzigingen die nog niet zijn opgeslagen.', 'dirty');
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (isDirty()) {
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
    const savingAt = commandStack._stackIdx;
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const { answer, body } = await putXml(root, xml, version);
      if (!answer.ok) {
        setStatus(refusal(answer, body), 'error');
        return;
      }
      version = String(body.versie);
      savedAt = savingAt;
      root.dataset.dirty = String(isDirty());
      showFindings(modeler, body.bevindingen, list, summaryNode);
      document.getElementById('modeler-laatst').textContent = `${body.opgeslagen_tekst} door ${body.opgeslagen_door}`;
      setStatus(`Opgeslagen om ${time(body.opgeslagen_op)} door ${body.opgeslagen_door}. De controle van de `
        + `server vond ${body.fouten} fout${body.fouten === 1 ? '' : 'en'} en ${body.waarschuwingen} `
        + `waarschuwing${body.waarschuwingen === 1 ? '' : 'en'}.${body.aanvraag_ingetrokken
          ? ` Aanvraag ${body.aanvraag_ingetrokken} om te publiceren is ingetrokken; vraag opnieuw aan op de pagina van het concept.`
          : ''}`, 'saved');
    } catch (error) {
      setStatus('Opslaan is mislukt: de server is niet bereikbaar. Er is niets opgeslagen; probeer het opnieuw.',
        'error');
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  }
  saveButton.addEventListener('click', save);
  const downloadButton = document.getElementById('modeler-mijn-versie');
  downloadButton.addEventListener('click', async () => {
    const { xml } = await modeler.saveXML({ format: true });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    link.download = root.dataset.bestandsnaam;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  downloadButton.hidden = false;
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    }
  });
  saveButton.disabled = false;
  root.dataset.ready = 'true';
  window.cumulusModeler = modeler; // for the browser tests and the console
}

if (root) {
  start().catch(() => {
    setStatus('De modeler kon het model niet laden. Download het concept en probeer het later opnieuw.', 'error');
  });
}
