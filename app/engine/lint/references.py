"""Rules `operation-missing`, `operation-unknown`, `message-undefined`, `message-unknown` and `message-uncaught`:
a service task calls an operation of the engine's registry; a message an element waits for or sends is defined
in the file, and a waited-for message is one the platform delivers (or the model throws itself)."""
from .model import ERROR, NS, WARNING, Finding, Model, label, local

_CATCHING = {"startEvent", "intermediateCatchEvent", "boundaryEvent", "receiveTask"}
_THROWING = {"intermediateThrowEvent", "endEvent", "sendTask"}


def check_operations(model: Model, operations: frozenset) -> list[Finding]:
    findings = []
    known = ", ".join(sorted(operations)) or "geen"
    for task in model.root.iterfind(".//bpmn:serviceTask", NS):
        operator = task.find("bpmn:extensionElements/spiffworkflow:serviceTaskOperator", NS)
        name = (operator.get("id") or "").strip() if operator is not None else ""
        if not name:
            findings.append(model.finding("operation-missing", ERROR, task,
                                          f"Servicetaak {label(task)} roept geen operatie aan. Kies een operatie van "
                                          f"het platform: {known}."))
        elif name not in operations:
            findings.append(model.finding("operation-unknown", ERROR, task,
                                          f"Servicetaak {label(task)} roept operatie '{name}' aan, maar die bestaat "
                                          f"niet. Het platform kent: {known}."))
    return findings


def check_messages(model: Model, delivered: frozenset) -> list[Finding]:
    messages = {m.get("id"): (m.get("name") or m.get("id")) for m in model.root.iterfind("bpmn:message", NS)}
    uses = list(_message_uses(model))
    thrown = {messages.get(ref) for element, ref in uses if local(element) in _THROWING}
    caught = {messages.get(ref) for element, ref in uses if local(element) in _CATCHING}
    findings = []
    for element, ref in uses:
        if not ref:
            continue  # an event without messageRef is a none-event to SpiffWorkflow; the schema rule says more
        if ref not in messages:
            findings.append(model.finding("message-undefined", ERROR, element,
                                          f"Element {label(element)} verwijst naar bericht '{ref}', maar dat bericht "
                                          "staat niet in het model (bpmn:message)."))
            continue
        name = messages[ref]
        if local(element) in _CATCHING and name not in delivered and name not in thrown:
            known = ", ".join(sorted(delivered)) or "geen"
            findings.append(model.finding("message-unknown", ERROR, element,
                                          f"Element {label(element)} wacht op bericht '{name}', maar het platform "
                                          f"levert dat bericht nooit af en het model verstuurt het ook niet; de zaak "
                                          f"zou blijven wachten. Het platform levert: {known}."))
        elif local(element) in _THROWING and name not in caught:
            findings.append(model.finding("message-uncaught", WARNING, element,
                                          f"Element {label(element)} verstuurt bericht '{name}', maar niets in het "
                                          "model wacht erop; het bericht gaat verloren."))
    return findings


def _message_uses(model: Model):
    """(element, messageRef) for every element that waits for or sends a message."""
    for element in model.flow_nodes():
        kind = local(element)
        if kind in ("receiveTask", "sendTask"):
            yield element, element.get("messageRef")
        elif kind in _CATCHING | _THROWING:
            for definition in element.iterfind("bpmn:messageEventDefinition", NS):
                yield element, definition.get("messageRef")
