// The server's lint findings (the authority) as markers on the elements and as a list whose buttons select
// the element; the same list markup as the concept page, so it reads the same with or without JavaScript.
const MARKERS = { error: 'cumulus-lint--error', warning: 'cumulus-lint--warning' };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

export function summary(findings) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (!findings.length) {
    return 'De controle van de server vond niets: dit concept kan worden gepubliceerd.';
  }
  const parts = [errors ? `${errors} fout${errors === 1 ? '' : 'en'}: zolang er een fout is, kan dit concept niet `
    + 'worden gepubliceerd.' : 'Geen fouten: dit concept kan worden gepubliceerd.'];
  if (warnings) {
    parts.push(`${warnings} waarschuwing${warnings === 1 ? '' : 'en'}: bekijk ze, publiceren mag wel.`);
  }
  return parts.join(' ');
}

export function showFindings(modeler, findings, list, summaryNode) {
  const registry = modeler.get('elementRegistry');
  const canvas = modeler.get('canvas');
  registry.getAll().forEach((shape) => {
    Object.values(MARKERS).forEach((marker) => canvas.removeMarker(shape, marker));
  });
  findings.forEach((finding) => {
    if (finding.element_id && registry.get(finding.element_id)) {
      canvas.addMarker(finding.element_id, MARKERS[finding.severity] || MARKERS.warning);
    }
  });
  summaryNode.textContent = summary(findings);
  list.replaceChildren(...findings.map((finding) => {
    const item = element('li', `cumulus-lint__item cumulus-lint__item--${finding.severity}`);
    item.append(element('span', 'cumulus-lint__severity', finding.severity === 'error' ? 'Fout' : 'Waarschuwing'), ' ');
    if (finding.element_id) {
      const button = element('button', 'cumulus-lint__element', finding.element_name || finding.element_id);
      button.type = 'button';
      button.dataset.elementId = finding.element_id;
      button.append(element('span', 'cumulus-muted', ` (${finding.element_id})`));
      item.append(button);
    } else {
      item.append(element('span', 'cumulus-lint__element', 'Het model'));
    }
    if (finding.line) {
      item.append(' ', element('span', 'cumulus-muted', `regel ${finding.line}`));
    }
    item.append(element('p', 'cumulus-lint__message', finding.message));
    return item;
  }));
  list.hidden = !findings.length;
}

// A click on a finding selects its element: the diagram scrolls to it and the panel shows it.
export function selectOnClick(modeler, list, canvasNode) {
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-element-id]');
    if (!button) {
      return;
    }
    const shape = modeler.get('elementRegistry').get(button.dataset.elementId);
    if (shape) {
      modeler.get('selection').select(shape);
      modeler.get('canvas').scrollToElement(shape);
      canvasNode.scrollIntoView({ block: 'nearest' });
    }
  });
}
