"""What the rules share: a finding, the platform's context, and the parsed XML with its lookups."""
from dataclasses import dataclass, field

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "spiffworkflow": SPIFF}
ERROR, WARNING = "error", "warning"

#: The flow nodes a token passes (what can be reached, drawn and laned).
FLOW_NODES = frozenset({
    "task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask", "businessRuleTask",
    "callActivity", "subProcess", "transaction", "adHocSubProcess", "startEvent", "endEvent",
    "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "exclusiveGateway", "inclusiveGateway",
    "parallelGateway", "eventBasedGateway", "complexGateway"})
#: Tasks that wait for a person: SpiffWorkflow runs a plain bpmn:task as a manual task too.
HUMAN_TASKS = frozenset({"userTask", "manualTask", "task"})
SCOPES = frozenset({"process", "subProcess", "transaction", "adHocSubProcess"})


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    element_id: str | None
    element_name: str | None
    message: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "element_id": self.element_id,
                "element_name": self.element_name, "message": self.message, "line": self.line}


@dataclass(frozen=True)
class LintContext:
    """What the platform offers a model; the service fills it from forms/, the roles and the registries."""

    forms: frozenset = frozenset()
    lanes: frozenset = frozenset()
    operations: frozenset = frozenset()
    #: Message names the platform delivers to waiting cases (besides those the model throws itself).
    messages: frozenset = frozenset()


def local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Model:
    """The XML tree with the lookups the rules need, built once."""

    root: etree._Element
    by_id: dict = field(default_factory=dict)

    def __post_init__(self):
        for element in self.root.iter():
            element_id = element.get("id") if isinstance(element.tag, str) else None
            if element_id and element_id not in self.by_id:
                self.by_id[element_id] = element

    def processes(self) -> list:
        return self.root.findall("bpmn:process", NS)

    def flow_nodes(self, scope=None):
        """Every flow node in the model (or directly in `scope`)."""
        elements = scope.iterchildren() if scope is not None else self.root.iter()
        return [e for e in elements if isinstance(e.tag, str) and e.tag.startswith("{" + BPMN) and local(e) in FLOW_NODES]

    def finding(self, rule: str, severity: str, element, message: str, line: int | None = None) -> Finding:
        if element is None:
            return Finding(rule, severity, None, None, message, line)
        return Finding(rule, severity, element.get("id"), element.get("name"), message, line or element.sourceline)


def label(element) -> str:
    """How a message names an element: its name and id, or its id."""
    name, element_id = element.get("name"), element.get("id")
    if not element_id:
        tag = ("bpmn:" if element.tag.startswith("{" + BPMN) else "") + local(element)
        return f"'{name}' ({tag})" if name else tag
    return f"'{name}' ({element_id})" if name and name != element_id else f"'{element_id}'"
