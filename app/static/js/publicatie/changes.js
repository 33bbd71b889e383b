// The rows of the list of changes from a bpmn-js-differ result: one per element, in Dutch, with its name, id, kind
// and what changed. Old and new values are read from the two models themselves (the differ's own old/new pair is
// only used to know which property changed).

const KINDS = {
  removed: 'Verwijderd', changed: 'Gewijzigd', added: 'Toegevoegd', layout: 'Alleen verplaatst',
};
const ORDER = { removed: 0, changed: 1, added: 2, layout: 3 };
const TYPES = {
  'bpmn:UserTask': 'Taak voor een medewerker', 'bpmn:ManualTask': 'Handmatige taak', 'bpmn:Task': 'Taak',
  'bpmn:ServiceTask': 'Automatische taak', 'bpmn:ScriptTask': 'Script', 'bpmn:BusinessRuleTask': 'Beslistabel',
  'bpmn:SendTask': 'Verzendtaak', 'bpmn:ReceiveTask': 'Ontvangsttaak', 'bpmn:CallActivity': 'Deelproces (aanroep)',
  'bpmn:SubProcess': 'Deelproces', 'bpmn:StartEvent': 'Start', 'bpmn:EndEvent': 'Einde',
  'bpmn:BoundaryEvent': 'Gebeurtenis aan een stap', 'bpmn:IntermediateCatchEvent': 'Wachten op een gebeurtenis',
  'bpmn:IntermediateThrowEvent': 'Gebeurtenis', 'bpmn:ExclusiveGateway': 'Keuze (één route)',
  'bpmn:ParallelGateway': 'Splitsing (alle routes)', 'bpmn:InclusiveGateway': 'Keuze (één of meer routes)',
  'bpmn:EventBasedGateway': 'Keuze op gebeurtenis', 'bpmn:SequenceFlow': 'Pijl', 'bpmn:Lane': 'Rol (lane)',
  'bpmn:Participant': 'Deelnemer', 'bpmn:Process': 'Proces', 'bpmn:TextAnnotation': 'Opmerking',
  'bpmn:Association': 'Verbinding met een opmerking', 'bpmn:DataObjectReference': 'Gegevens',
  'bpmn:Message': 'Bericht', 'bpmn:Collaboration': 'Samenwerking',
};
const PROPERTIES = {
  formKey: 'het formulier', deadline: 'de termijn', due: 'de doorlooptijd', instructions: 'de instructie',
};
// Not shown: what a procesontwerper does not see as an element of the process.
const HIDDEN = new Set(['bpmn:Definitions', 'bpmn:LaneSet', 'bpmndi:BPMNDiagram', 'bpmndi:BPMNPlane']);

function index(definitions) {
  const byId = new Map();
  const seen = new Set();
  (function walk(element) {
    if (!element || typeof element !== 'object' || seen.has(element)) { return; }
    seen.add(element);
    if (element.$type && element.id && !element.$type.startsWith('bpmndi:')) { byId.set(element.id, element); }
    Object.keys(element).filter((key) => !key.startsWith('$') && key !== 'di').forEach((key) => {
      const value = element[key];
      if (Array.isArray(value)) { value.forEach(walk); } else if (value && value.$type) { walk(value); }
    });
  }(definitions));
  return byId;
}

function quote(value) {
  if (value === undefined || value === null || value === '') { return '(leeg)'; }
  const text = String(value).replace(/\s+/g, ' ').trim();
  return `'${text.length > 120 ? `${text.slice(0, 117)}...` : text}'`;
}

function documentation(element) {
  return (element.documentation || []).map((doc) => doc.text || '').join(' ');
}

function properties(element) {
  const found = {};
  ((element.extensionElements && element.extensionElements.values) || []).forEach((value) => {
    if (value.$type === 'spiffworkflow:Properties') {
      (value.properties || []).forEach((property) => { found[property.name] = property.value; });
    } else if (value.$type === 'spiffworkflow:ServiceTaskOperator') {
      found['de operatie'] = value.id;
    } else {
      found[value.$type] = JSON.stringify(value.$attrs || {});
    }
  });
  return found;
}

function condition(element) {
  return element.conditionExpression ? element.conditionExpression.body : undefined;
}

function refName(element) {
  return element ? (element.name || element.id) : '(niets)';
}

// What changed between `before` and `after`, in Dutch lines; `keys` are the differ's changed properties.
export function describe(before, after, keys) {
  const lines = [];
  const compare = (label, a, b) => { if ((a || '') !== (b || '')) { lines.push(`${label}: ${quote(a)} → ${quote(b)}`); } };
  compare('Naam', before.name, after.name);
  compare('Instructie', documentation(before), documentation(after));
  compare('Voorwaarde', condition(before), condition(after));
  if (before.$type === 'bpmn:SequenceFlow') {
    compare('Van', refName(before.sourceRef), refName(after.sourceRef));
    compare('Naar', refName(before.targetRef), refName(after.targetRef));
  }
  const oldProps = properties(before);
  const newProps = properties(after);
  new Set([...Object.keys(oldProps), ...Object.keys(newProps)]).forEach((key) => {
    compare(PROPERTIES[key] ? PROPERTIES[key][0].toUpperCase() + PROPERTIES[key].slice(1) : key,
      oldProps[key], newProps[key]);
  });
  if (before.$type !== after.$type) {
    lines.push(`Soort: ${TYPES[before.$type] || before.$type} → ${TYPES[after.$type] || after.$type}`);
  }
  if (!lines.length) {
    const rest = keys.filter((key) => !/^(name|documentation|conditionExpression|extensionElements|incoming|outgoing)/.test(key));
    if (keys.some((key) => /^(incoming|outgoing)/.test(key))) { lines.push('De pijlen ernaartoe of eruit'); }
    if (before.$type === 'bpmn:Lane') { lines.push('Welke stappen in deze rol staan'); }
    lines.push(...rest.filter((key) => !/^flowNodeRef/.test(key)).map((key) => `Eigenschap ${key.replace(/\[\d+\]/g, '')}`));
    if (!lines.length) { lines.push('Een onderliggende eigenschap (bijvoorbeeld een timer, bericht of script)'); }
  }
  return [...new Set(lines)];
}

export function changeRows(result, oldDefinitions, newDefinitions) {
  const oldIds = index(oldDefinitions);
  const newIds = index(newDefinitions);
  const rows = [];
  const add = (kind, id, element, what) => {
    if (!element || HIDDEN.has(element.$type)) { return; }
    let name = element.name;
    if (!name && element.$type === 'bpmn:SequenceFlow') {
      name = `Pijl van ${refName(element.sourceRef)} naar ${refName(element.targetRef)}`;
    }
    rows.push({ kind, label: KINDS[kind], id, name: name || id, type: TYPES[element.$type] || element.$type, what });
  };
  Object.keys(result._removed).forEach((id) => add('removed', id, oldIds.get(id) || result._removed[id],
    ['Staat niet meer in het concept']));
  Object.keys(result._changed).forEach((id) => {
    const before = oldIds.get(id);
    const after = newIds.get(id);
    if (before && after) { add('changed', id, after, describe(before, after, Object.keys(result._changed[id].attrs))); }
  });
  Object.keys(result._added).forEach((id) => add('added', id, newIds.get(id) || result._added[id], ['Nieuw in het concept']));
  Object.keys(result._layoutChanged)
    .filter((id) => !result._changed[id] && !result._added[id] && !result._removed[id])
    .forEach((id) => add('layout', id, newIds.get(id), ['Alleen de plaats in de tekening; de werking is gelijk']));
  return rows.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
}
