// The server's lint findings for the concept as a list, the same markup as the concept page and the modeler.
import { summary } from '../modeler/findings';

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

export function showFindingList(findings, list, summaryNode) {
  summaryNode.textContent = summary(findings);
  list.replaceChildren(...findings.map((finding) => {
    const item = element('li', `cumulus-lint__item cumulus-lint__item--${finding.severity}`);
    item.append(element('span', 'cumulus-lint__severity', finding.severity === 'error' ? 'Fout' : 'Waarschuwing'), ' ');
    const where = element('span', 'cumulus-lint__element', finding.element_name || finding.element_id || 'Het model');
    if (finding.element_id) {
      where.append(element('span', 'cumulus-muted', ` (${finding.element_id})`));
    }
    item.append(where, element('p', 'cumulus-lint__message', finding.message));
    return item;
  }));
  list.hidden = !findings.length;
}
