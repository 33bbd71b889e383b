// Read and write the spiffworkflow extension elements the engine reads (bpmn/README.md §3, §8): the
// properties formKey, due, deadline and separateFrom on a user task, and the serviceTaskOperator with its
// parameters on a service task, and the calledDecisionId of a business rule task. Every change is one undoable
// command.
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

export const PROPERTIES = 'spiffworkflow:Properties';
export const OPERATOR = 'spiffworkflow:ServiceTaskOperator';
export const DECISION = 'spiffworkflow:CalledDecisionId';

function extension(bo, type) {
  const ext = bo.get('extensionElements');
  return ext ? ext.get('values').find((value) => is(value, type)) : undefined;
}

function update(element, moddleElement, properties) {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

function run(injector, commands) {
  if (commands.length) {
    injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
  }
}

// The extension of `type` on `element`, made (with the commands that attach it) when it is not there.
function ensure(injector, element, type, attrs, commands) {
  const bo = getBusinessObject(element);
  const moddle = injector.get('moddle');
  let ext = bo.get('extensionElements');
  if (!ext) {
    ext = moddle.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push(update(element, bo, { extensionElements: ext }));
  }
  let found = ext.get('values').find((value) => is(value, type));
  if (!found) {
    found = moddle.create(type, attrs);
    found.$parent = ext;
    commands.push(update(element, ext, { values: [...ext.get('values'), found] }));
  }
  return found;
}

export function getProperty(element, name) {
  const props = extension(getBusinessObject(element), PROPERTIES);
  const property = props && props.get('properties').find((p) => p.name === name);
  return property ? property.value || '' : '';
}

export function setProperty(injector, element, name, value) {
  const commands = [];
  const trimmed = (value || '').trim();
  const existing = extension(getBusinessObject(element), PROPERTIES);
  if (!trimmed && !existing) {
    return;
  }
  const props = existing || ensure(injector, element, PROPERTIES, { properties: [] }, commands);
  const list = props.get('properties');
  const property = list.find((p) => p.name === name);
  if (!trimmed) {
    if (property) {
      commands.push(update(element, props, { properties: list.filter((p) => p !== property) }));
    }
  } else if (property) {
    commands.push(update(element, property, { value: trimmed }));
  } else {
    const made = injector.get('moddle').create('spiffworkflow:Property', { name, value: trimmed });
    made.$parent = props;
    commands.push(update(element, props, { properties: [...list, made] }));
  }
  run(injector, commands);
}

export function getOperator(element) {
  return extension(getBusinessObject(element), OPERATOR);
}

export function getOperation(element) {
  const operator = getOperator(element);
  return operator ? operator.get('id') || '' : '';
}

// Choose operation `name`: its parameters become the operation's own, keeping the values of the same names.
export function setOperation(injector, element, name, parameterIds) {
  const moddle = injector.get('moddle');
  const commands = [];
  const operator = getOperator(element) || ensure(injector, element, OPERATOR, {}, commands);
  const old = operator.get('parameterList');
  const values = {};
  (old ? old.get('parameters') : []).forEach((p) => { values[p.get('id')] = p.get('value'); });
  const list = moddle.create('spiffworkflow:Parameters', { parameters: [] });
  list.$parent = operator;
  parameterIds.forEach((id) => {
    const parameter = moddle.create('spiffworkflow:Parameter', { id, type: 'str', value: values[id] || '' });
    parameter.$parent = list;
    list.get('parameters').push(parameter);
  });
  commands.push(update(element, operator, { id: name || undefined, parameterList: list }));
  run(injector, commands);
}

export function getParameter(element, id) {
  const operator = getOperator(element);
  const list = operator && operator.get('parameterList');
  const parameter = list && list.get('parameters').find((p) => p.get('id') === id);
  return parameter ? parameter.get('value') || '' : '';
}

export function setParameter(injector, element, id, value) {
  const moddle = injector.get('moddle');
  const commands = [];
  const operator = getOperator(element) || ensure(injector, element, OPERATOR, {}, commands);
  let list = operator.get('parameterList');
  if (!list) {
    list = moddle.create('spiffworkflow:Parameters', { parameters: [] });
    list.$parent = operator;
    commands.push(update(element, operator, { parameterList: list }));
  }
  const parameter = list.get('parameters').find((p) => p.get('id') === id);
  if (parameter) {
    commands.push(update(element, parameter, { value }));
  } else {
    const made = moddle.create('spiffworkflow:Parameter', { id, type: 'str', value });
    made.$parent = list;
    commands.push(update(element, list, { parameters: [...list.get('parameters'), made] }));
  }
  run(injector, commands);
}

export function setResultVariable(injector, element, value) {
  const commands = [];
  const operator = getOperator(element) || ensure(injector, element, OPERATOR, {}, commands);
  commands.push(update(element, operator, { resultVariable: (value || '').trim() || undefined }));
  run(injector, commands);
}

export function getDecision(element) {
  const called = extension(getBusinessObject(element), DECISION);
  return called ? (called.get('value') || '').trim() : '';
}

// The business rule task calls the decision `value` (a table of the concept); an empty value removes the call.
export function setDecision(injector, element, value) {
  const commands = [];
  const trimmed = (value || '').trim();
  const bo = getBusinessObject(element);
  const existing = extension(bo, DECISION);
  if (!trimmed) {
    if (existing) {
      const ext = bo.get('extensionElements');
      commands.push(update(element, ext, { values: ext.get('values').filter((v) => v !== existing) }));
    }
  } else if (existing) {
    commands.push(update(element, existing, { value: trimmed }));
  } else {
    ensure(injector, element, DECISION, { value: trimmed }, commands);
  }
  run(injector, commands);
}
