// The palette, the context pad and the replace menu offer only what Cumulus's engine runs and its linter
// accepts: none start and end events, timer and message events, exclusive, parallel, inclusive and
// event-based gateways, user tasks, service tasks, business rule tasks (a DMN table of the concept) and receive
// tasks, lanes and sequence flows.
const PALETTE_KEEP = new Set([
  'hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator',
  'create.start-event', 'create.intermediate-event', 'create.end-event', 'create.exclusive-gateway',
]);

const REPLACE_KEEP = new Set([
  'user-task', 'service-task', 'rule-task', 'receive-task', 'exclusive-gateway', 'parallel-gateway', 'inclusive-gateway',
  'event-based-gateway', 'none-start', 'none-intermediate-throw', 'none-end', 'terminate-end',
  'message-intermediate-catch', 'message-intermediate-throw', 'timer-intermediate-catch', 'message-boundary',
  'timer-boundary', 'non-interrupting-message-boundary', 'non-interrupting-timer-boundary', 'sequence-flow',
  'default-flow', 'conditional-flow',
].map((name) => `replace-with-${name}`));

const CONTEXT_DROP = new Set([
  'append.text-annotation', 'append.append-task', 'append.condition-intermediate-event',
  'append.signal-intermediate-event', 'append.compensation-activity',
]);

function keep(entries, allowed) {
  Object.keys(entries).forEach((key) => {
    if (!allowed(key)) {
      delete entries[key];
    }
  });
  return entries;
}

export function CumulusPalette(palette, create, elementFactory, translate) {
  function createAction(type, group, className, title) {
    function start(event) {
      create.start(event, elementFactory.createShape({ type }));
    }
    return { group, className, title, action: { dragstart: start, click: start } };
  }
  this.getPaletteEntries = function () {
    return function (entries) {
      keep(entries, (key) => PALETTE_KEEP.has(key));
      return Object.assign(entries, {
        'create.parallel-gateway': createAction('bpmn:ParallelGateway', 'gateway', 'bpmn-icon-gateway-parallel',
          translate('Create parallel gateway')),
        'create.user-task': createAction('bpmn:UserTask', 'activity', 'bpmn-icon-user-task',
          translate('Create user task')),
        'create.service-task': createAction('bpmn:ServiceTask', 'activity', 'bpmn-icon-service-task',
          translate('Create service task')),
        'create.business-rule-task': createAction('bpmn:BusinessRuleTask', 'activity',
          'bpmn-icon-business-rule-task', translate('Create business rule task')),
      });
    };
  };
  palette.registerProvider(500, this);
}
CumulusPalette.$inject = ['palette', 'create', 'elementFactory', 'translate'];

export function CumulusContextPad(contextPad, create, elementFactory, autoPlace, translate) {
  function appendAction(type, className, title) {
    function start(event, element) {
      create.start(event, elementFactory.createShape({ type }), { source: element });
    }
    function append(event, element) {
      autoPlace.append(element, elementFactory.createShape({ type }));
    }
    return { group: 'model', className, title, action: { dragstart: start, click: append } };
  }
  this.getContextPadEntries = function () {
    return function (entries) {
      const couldAppend = 'append.append-task' in entries;
      keep(entries, (key) => !CONTEXT_DROP.has(key));
      if (couldAppend) {
        entries['append.user-task'] = appendAction('bpmn:UserTask', 'bpmn-icon-user-task',
          translate('Append user task'));
        entries['append.service-task'] = appendAction('bpmn:ServiceTask', 'bpmn-icon-service-task',
          translate('Append service task'));
        entries['append.business-rule-task'] = appendAction('bpmn:BusinessRuleTask', 'bpmn-icon-business-rule-task',
          translate('Append business rule task'));
      }
      return entries;
    };
  };
  contextPad.registerProvider(500, this);
}
CumulusContextPad.$inject = ['contextPad', 'create', 'elementFactory', 'autoPlace', 'translate'];

export function CumulusReplaceMenu(popupMenu) {
  this.getPopupMenuEntries = function () {
    return function (entries) {
      return keep(entries, (key) => REPLACE_KEEP.has(key));
    };
  };
  popupMenu.registerProvider('bpmn-replace', 500, this);
}
CumulusReplaceMenu.$inject = ['popupMenu'];

export default {
  __init__: ['cumulusPalette', 'cumulusContextPad', 'cumulusReplaceMenu'],
  cumulusPalette: ['type', CumulusPalette],
  cumulusContextPad: ['type', CumulusContextPad],
  cumulusReplaceMenu: ['type', CumulusReplaceMenu],
};
