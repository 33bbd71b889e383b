// The properties panel's own groups, in Dutch: a lane's role, a user task's form, instructions, deadline and
// vier-ogen rule, a service task's operation and its parameters, a sequence flow's condition, and help with
// timers and messages. The lists come from the server (config.cumulus), the same ones its linter checks.
import { h } from '@bpmn-io/properties-panel/preact';
import {
  SelectEntry, TextAreaEntry, TextFieldEntry, CheckboxEntry, Group,
  isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited, isCheckboxEntryEdited,
} from '@bpmn-io/properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

import {
  getDecision, setDecision, getOperation, getParameter, getProperty, getOperator, setOperation, setParameter, setProperty, setResultVariable,
} from './extensions';

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
const DROP_GROUPS = new Set(['signal', 'escalation', 'error', 'compensation', 'link', 'adHocCompletion']);

function Help(props) {
  return h('div', { class: 'bio-properties-panel-entry cumulus-panel-help' },
    h('p', { class: 'bio-properties-panel-description' }, props.text));
}

function help(id, text) {
  return { id, component: Help, text };
}

function options(list, current, empty, unknown) {
  const result = [{ value: '', label: empty }, ...list.map((item) => ({ value: item.id, label: item.naam || item.id }))];
  if (current && !list.some((item) => item.id === current)) {
    result.push({ value: current, label: unknown(current) });
  }
  return result;
}

// Each entry is a named component (a new function per render would remount the field and lose its focus).
function RoleEntry({ element, injector, lists }) {
  const modeling = injector.get('modeling');
  return h(SelectEntry, {
    element, id: 'cumulus-rol', label: 'Rol van deze baan',
    getValue: () => getBusinessObject(element).name || '',
    setValue: (value) => modeling.updateProperties(element, { name: value || undefined }),
    getOptions: () => options(lists.rollen, getBusinessObject(element).name, '— kies een rol —',
      (name) => `${name} (geen rol van het platform)`),
    description: 'De taken in deze baan komen in de werkvoorraad van deze rol. Een gebruikerstaak moet in een '
      + 'baan met een rol staan.',
  });
}

function FormEntry({ element, injector, lists }) {
  const key = getProperty(element, 'formKey');
  const form = lists.formulieren.find((f) => f.id === key);
  return h(SelectEntry, {
    element, id: 'cumulus-formulier', label: 'Formulier',
    getValue: () => getProperty(element, 'formKey'),
    setValue: (value) => setProperty(injector, element, 'formKey', value),
    getOptions: () => options(lists.formulieren, key, '— kies een formulier —', (name) => `${name} (bestaat niet)`),
    description: form
      ? h('span', null, 'Het formulier dat de medewerker invult. ',
        h('a', { href: form.voorbeeld, target: '_blank', rel: 'noopener', class: 'cumulus-form-preview' },
          `Formulier '${form.naam}' bekijken (nieuw tabblad)`))
      : 'Het formulier dat de medewerker invult; verplicht voor elke gebruikerstaak.',
  });
}

function InstructionsEntry({ element, injector }) {
  const bo = getBusinessObject(element);
  return h(TextAreaEntry, {
    element, id: 'cumulus-instructies', label: 'Instructies', rows: 4, debounce: injector.get('debounceInput'),
    getValue: () => ((bo.get('documentation') || [])[0] || {}).text || '',
    setValue: (value) => {
      const docs = (value || '').trim() ? [injector.get('moddle').create('bpmn:Documentation', { text: value })] : [];
      injector.get('modeling').updateModdleProperties(element, bo, { documentation: docs });
    },
    description: 'Een of twee zinnen die de medewerker boven het formulier leest: wat moet er gebeuren?',
  });
}

function DeadlineEntry({ element, injector, lists }) {
  return h(SelectEntry, {
    element, id: 'cumulus-deadline', label: 'Wettelijke termijn',
    getValue: () => getProperty(element, 'deadline'),
    setValue: (value) => setProperty(injector, element, 'deadline', value),
    getOptions: () => options(lists.termijnen.map((id) => ({ id })), getProperty(element, 'deadline'),
      '— geen —', (name) => name),
    description: 'De variabele van de zaak met de einddatum (Awb, Wmo, Jeugdwet; met feestdagen). Gaat voor de '
      + 'behandelduur.',
  });
}

function DueEntry({ element, injector }) {
  return h(TextFieldEntry, {
    element, id: 'cumulus-due', label: 'Behandelduur (werknorm)', debounce: injector.get('debounceInput'),
    getValue: () => getProperty(element, 'due'),
    setValue: (value) => setProperty(injector, element, 'due', (value || '').toUpperCase()),
    validate: (value) => (value && !DURATION.test(value.trim().toUpperCase())
      ? 'Schrijf een duur als P5D (5 dagen), P2W (2 weken) of PT4H (4 uur).' : null),
    description: 'Hoe lang de taak mag duren vanaf het moment dat ze klaarstaat, bijvoorbeeld P5D. Geen wettelijke '
      + 'termijn: daarvoor is het veld hierboven.',
  });
}

function SeparateEntry({ element, injector }) {
  const registry = injector.get('elementRegistry');
  return h(SelectEntry, {
    element, id: 'cumulus-vier-ogen', label: 'Vier ogen: niet door wie deed',
    getValue: () => getProperty(element, 'separateFrom'),
    setValue: (value) => setProperty(injector, element, 'separateFrom', value),
    getOptions: () => options(registry.filter((e) => is(e, 'bpmn:UserTask') && e.id !== element.id)
      .map((e) => ({ id: e.id, naam: `${e.businessObject.name || e.id} (${e.id})` })),
    getProperty(element, 'separateFrom'), '— geen —', (name) => `${name} (bestaat niet)`),
    description: 'Wie die taak afrondde, mag deze niet doen (scheiding van functies).',
  });
}

function OperationEntry({ element, injector, lists }) {
  const current = lists.operaties.find((o) => o.id === getOperation(element));
  return h(SelectEntry, {
    element, id: 'cumulus-operatie', label: 'Operatie',
    getValue: () => getOperation(element),
    setValue: (value) => {
      const op = lists.operaties.find((o) => o.id === value);
      setOperation(injector, element, value, op ? op.parameters.map((p) => p.id) : []);
    },
    getOptions: () => options(lists.operaties, getOperation(element), '— kies een operatie —',
      (name) => `${name} (bestaat niet)`),
    description: current ? current.uitleg : 'Wat het platform op deze plek doet. Alleen deze operaties bestaan.',
  });
}

function DecisionEntry({ element, injector, lists }) {
  const tables = lists.beslistabellen || [];
  const current = tables.find((t) => t.id === getDecision(element));
  return h(SelectEntry, {
    element, id: 'cumulus-beslistabel', label: 'Beslistabel',
    getValue: () => getDecision(element),
    setValue: (value) => setDecision(injector, element, value),
    getOptions: () => options(tables, getDecision(element), '— kies een beslistabel —',
      (name) => `${name} (hoort niet bij dit concept)`),
    description: current
      ? h('span', null, 'De tabel die deze taak uitvoert; de uitkomst komt in de gegevens van de zaak. ',
        h('a', { href: current.bewerken, class: 'cumulus-decision-edit' }, `Beslistabel '${current.naam}' bewerken`))
      : 'De beslistabel (DMN) die deze taak uitvoert. Alleen de tabellen van dit concept kunnen.',
  });
}

function ParameterEntry({ element, injector, id, param }) {
  return h(TextFieldEntry, {
    element, id, label: `Parameter ${param.id}${param.verplicht ? '' : ' (mag leeg)'}`,
    debounce: injector.get('debounceInput'),
    getValue: () => getParameter(element, param.id),
    setValue: (value) => setParameter(injector, element, param.id, value || ''),
    description: 'Een Python-expressie: tekst tussen aanhalingstekens (\'beschikking_wmo\') of de naam van een '
      + 'variabele (aanvraag_ontvangen_op).',
  });
}

function ResultEntry({ element, injector }) {
  return h(TextFieldEntry, {
    element, id: 'cumulus-resultaat', label: 'Resultaat in variabele', debounce: injector.get('debounceInput'),
    getValue: () => (getOperator(element) ? getOperator(element).get('resultVariable') || '' : ''),
    setValue: (value) => setResultVariable(injector, element, value),
    description: 'De naam van de variabele die het resultaat krijgt, bijvoorbeeld beschikking_deadline.',
  });
}

function operationEntries(injector, element, lists) {
  const current = lists.operaties.find((o) => o.id === getOperation(element));
  const common = { injector, lists };
  const entries = [{ id: 'cumulus-operatie', component: OperationEntry, isEdited: isSelectEntryEdited, ...common }];
  (current ? current.parameters : []).forEach((param) => {
    entries.push({ id: `cumulus-parameter-${param.id}`, component: ParameterEntry, param,
      isEdited: isTextFieldEntryEdited, ...common });
  });
  if (getOperator(element)) {
    entries.push({ id: 'cumulus-resultaat', component: ResultEntry, isEdited: isTextFieldEntryEdited, ...common });
  }
  return entries;
}

function isDefaultFlow(element) {
  const bo = getBusinessObject(element);
  return bo.sourceRef.get('default') === bo;
}

function DefaultEntry({ element, injector }) {
  const bo = getBusinessObject(element);
  return h(CheckboxEntry, {
    element, id: 'cumulus-standaard', label: 'Standaardpad (als geen voorwaarde waar is)',
    getValue: () => isDefaultFlow(element),
    setValue: (value) => {
      const gateway = injector.get('elementRegistry').get(bo.sourceRef.id);
      injector.get('modeling').updateProperties(gateway, { default: value ? bo : undefined });
    },
    description: 'Laat het standaardpad de veilige weg zijn (bijvoorbeeld terug naar de consulent).',
  });
}

function ConditionEntry({ element, injector }) {
  const bo = getBusinessObject(element);
  return h(TextAreaEntry, {
    element, id: 'cumulus-voorwaarde', label: 'Voorwaarde', rows: 2, debounce: injector.get('debounceInput'),
    disabled: isDefaultFlow(element),
    getValue: () => (bo.get('conditionExpression') || {}).body || '',
    setValue: (value) => {
      const expression = (value || '').trim()
        ? injector.get('moddle').create('bpmn:FormalExpression', { body: value }) : undefined;
      injector.get('modeling').updateProperties(element, { conditionExpression: expression });
    },
    description: 'Een Python-expressie over de variabelen van de zaak, bijvoorbeeld vervolg == '
      + '\'algemene_voorziening\' of kosten_per_jaar > vier_ogen_drempel. Alleen vergelijkingen, and/or/not, '
      + 'waarden en namen; geen imports. Op het standaardpad staat geen voorwaarde.',
  });
}

function conditionEntries(injector, element) {
  const source = getBusinessObject(element).sourceRef;
  if (!is(source, 'bpmn:ExclusiveGateway') && !is(source, 'bpmn:InclusiveGateway')) {
    return [];
  }
  return [{ id: 'cumulus-standaard', component: DefaultEntry, injector, isEdited: isCheckboxEntryEdited },
    { id: 'cumulus-voorwaarde', component: ConditionEntry, injector, isEdited: isTextAreaEntryEdited }];
}

// Where an element names its message: the receive task itself, or its message event definition.
function messageHolder(element) {
  const bo = getBusinessObject(element);
  if (is(bo, 'bpmn:ReceiveTask') || is(bo, 'bpmn:SendTask')) {
    return bo;
  }
  return (bo.get('eventDefinitions') || []).find((d) => is(d, 'bpmn:MessageEventDefinition'));
}

function PlatformMessageEntry({ element, injector, lists }) {
  const holder = messageHolder(element);
  const current = () => ((holder && holder.get('messageRef')) || {}).name || '';
  return h(SelectEntry, {
    element, id: 'cumulus-bericht', label: 'Bericht van het platform',
    getValue: current,
    getOptions: () => options(lists.berichten, current(), '— een eigen bericht (hieronder) —',
      (name) => `${name} (levert het platform niet)`),
    setValue: (name) => {
      if (!name) {
        return;
      }
      const moddle = injector.get('moddle');
      const definitions = injector.get('canvas').getRootElement().businessObject.$parent;
      const roots = definitions.get('rootElements');
      let message = roots.find((r) => is(r, 'bpmn:Message') && r.name === name);
      const commands = [];
      if (!message) {
        message = moddle.create('bpmn:Message', { id: `Message_${name}`, name });
        message.$parent = definitions;
        commands.push({ cmd: 'element.updateModdleProperties',
          context: { element, moddleElement: definitions, properties: { rootElements: [...roots, message] } } });
      }
      commands.push({ cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: holder, properties: { messageRef: message } } });
      injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
    },
    description: 'Een bericht waarop het proces wacht, moet een bericht zijn dat het platform aflevert.',
  });
}

function hasDefinition(element, type) {
  const bo = getBusinessObject(element);
  return (bo.get('eventDefinitions') || []).some((d) => is(d, type));
}

function group(id, label, entries) {
  return entries.length ? { id, label, entries, component: Group } : null;
}

export default function CumulusPropertiesProvider(propertiesPanel, injector, config) {
  const lists = config || {
    rollen: [], formulieren: [], operaties: [], berichten: [], termijnen: [], beslistabellen: [],
  };
  this.getGroups = function (element) {
    return function (groups) {
      let result = groups.filter((g) => !DROP_GROUPS.has(g.id));
      const own = [];
      if (is(element, 'bpmn:Lane')) {
        own.push(group('cumulus-baan', 'Rol', [
          { id: 'cumulus-rol', component: RoleEntry, injector, lists, isEdited: isSelectEntryEdited }]));
      }
      if (is(element, 'bpmn:UserTask')) {
        result = result.filter((g) => g.id !== 'documentation');
        const common = { injector, lists };
        own.push(group('cumulus-taak', 'Taak voor de medewerker', [
          { id: 'cumulus-formulier', component: FormEntry, isEdited: isSelectEntryEdited, ...common },
          { id: 'cumulus-instructies', component: InstructionsEntry, isEdited: isTextAreaEntryEdited, ...common },
          { id: 'cumulus-deadline', component: DeadlineEntry, isEdited: isSelectEntryEdited, ...common },
          { id: 'cumulus-due', component: DueEntry, isEdited: isTextFieldEntryEdited, ...common },
          { id: 'cumulus-vier-ogen', component: SeparateEntry, isEdited: isSelectEntryEdited, ...common }]));
      }
      if (is(element, 'bpmn:ServiceTask')) {
        own.push(group('cumulus-operatie', 'Operatie van het platform', operationEntries(injector, element, lists)));
      }
      if (is(element, 'bpmn:BusinessRuleTask')) {
        own.push(group('cumulus-beslissing', 'Beslistabel', [
          { id: 'cumulus-beslistabel', component: DecisionEntry, injector, lists, isEdited: isSelectEntryEdited }]));
      }
      if (is(element, 'bpmn:SequenceFlow')) {
        own.push(group('cumulus-voorwaarde', 'Voorwaarde', conditionEntries(injector, element)));
      }
      result.forEach((g) => {
        if (g.id === 'timer') {
          g.entries.unshift(help('cumulus-timer-hulp', 'Een timer is een Python-expressie die een ISO 8601-tijd '
            + 'geeft. Een vaste duur staat tussen aanhalingstekens: "P5D". Gebruik voor een wettelijke termijn '
            + 'het type Datum met de naam van de termijnvariabele (onderzoek_deadline), nooit een duur: een duur '
            + 'begint opnieuw als een zaak naar een nieuwe versie gaat.'));
        }
        if (g.id === 'message' && messageHolder(element)) {
          g.entries.unshift({ id: 'cumulus-bericht', component: PlatformMessageEntry, injector, lists,
            isEdited: isSelectEntryEdited });
        }
        if (g.id === 'message') {
          const names = lists.berichten.map((b) => b.id).join(', ') || 'geen';
          g.entries.unshift(help('cumulus-bericht-hulp', `Een bericht waarop het proces wacht, moet een bericht zijn `
            + `dat het platform aflevert: ${names}. De naam moet daar precies gelijk aan zijn. Een bericht dat het `
            + 'model zelf verstuurt, mag een eigen naam hebben.'));
        }
      });
      if (is(element, 'bpmn:Event') && !hasDefinition(element, 'bpmn:TimerEventDefinition')
          && !hasDefinition(element, 'bpmn:MessageEventDefinition') && is(element, 'bpmn:IntermediateCatchEvent')) {
        own.push(group('cumulus-gebeurtenis', 'Uitleg', [help('cumulus-gebeurtenis-hulp', 'Kies met de moersleutel '
          + '(Wijzig element) of dit een timer of een bericht is.')]));
      }
      const at = result.findIndex((g) => g.id === 'general') + 1;
      result.splice(at, 0, ...own.filter(Boolean));
      return result;
    };
  };
  propertiesPanel.registerProvider(400, this);
}
CumulusPropertiesProvider.$inject = ['propertiesPanel', 'injector', 'config.cumulus'];
