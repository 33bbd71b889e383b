"""Rules `unreachable`, `dead-end` and `implicit-end`: within each process and subprocess, every element can
be reached from a start (by sequence flows, a boundary event on a reached activity, or a link event) and
can reach an end event — a case that arrives where no way leads to an end never finishes."""
from collections import defaultdict

from .model import BPMN, ERROR, NS, SCOPES, WARNING, Finding, Model, label, local

#: Elements that no sequence flow needs to reach: they start by an event or a compensation.
_EVENT_STARTED = ("triggeredByEvent", "isForCompensation")


def check_flow(model: Model) -> list[Finding]:
    findings: list[Finding] = []
    for process in model.processes():
        _scope(model, process, findings)
    return findings


def _scope(model: Model, scope, findings: list) -> None:
    if local(scope) == "adHocSubProcess":
        return  # its activities run in any order, by choice: no flow to check
    nodes = {n.get("id"): n for n in model.flow_nodes(scope)
             if n.get("id") and not any(n.get(a) == "true" for a in _EVENT_STARTED)}
    forward, backward = defaultdict(set), defaultdict(set)
    for flow in scope.iterfind("bpmn:sequenceFlow", NS):
        source, target = flow.get("sourceRef"), flow.get("targetRef")
        if source in nodes and target in nodes:
            forward[source].add(target)
            backward[target].add(source)
    for node in nodes.values():
        attached = node.get("attachedToRef")
        if local(node) == "boundaryEvent" and attached in nodes:
            forward[attached].add(node.get("id"))
            backward[node.get("id")].add(attached)
    _link_events(nodes, forward, backward)

    starts = [i for i, n in nodes.items() if local(n) == "startEvent"] or [i for i in nodes if not backward[i]]
    reached = _walk(starts, forward)
    compensation = {i for i, n in nodes.items() if n.find("bpmn:compensateEventDefinition", NS) is not None}
    ends = [i for i, n in nodes.items() if local(n) == "endEvent"]
    for node_id, node in nodes.items():
        if not forward[node_id] and local(node) != "endEvent" and node_id not in compensation:
            ends.append(node_id)  # an implicit end: the path stops here (said as a warning below)
            if node_id in reached:
                findings.append(model.finding("implicit-end", WARNING, node,
                                              f"Element {label(node)} heeft geen uitgaande stroom en is geen "
                                              "eindgebeurtenis; het pad stopt hier. Verbind het met een eindgebeurtenis."))
    finishing = _walk(ends, backward)
    for node_id, node in nodes.items():
        if node_id not in reached:
            findings.append(model.finding("unreachable", ERROR, node,
                                          f"Element {label(node)} is vanaf het begin van het proces niet te bereiken; "
                                          "geen stroom leidt ernaartoe."))
        elif node_id not in finishing:
            findings.append(model.finding("dead-end", ERROR, node,
                                          f"Vanaf element {label(node)} is geen einde van het proces te bereiken; "
                                          "een zaak die hier komt, wordt nooit afgerond."))
    for child in scope.iterchildren():
        if isinstance(child.tag, str) and child.tag.startswith("{" + BPMN) and local(child) in SCOPES:
            if child.get("id") in reached or child.get("triggeredByEvent") == "true":
                _scope(model, child, findings)


def _link_events(nodes: dict, forward, backward) -> None:
    """A throwing link event goes on at the catching link event of the same name."""
    catches = defaultdict(list)
    for node_id, node in nodes.items():
        link = node.find("bpmn:linkEventDefinition", NS)
        if link is not None and local(node) == "intermediateCatchEvent":
            catches[link.get("name")].append(node_id)
    for node_id, node in nodes.items():
        link = node.find("bpmn:linkEventDefinition", NS)
        if link is not None and local(node) == "intermediateThrowEvent":
            for target in catches.get(link.get("name"), []):
                forward[node_id].add(target)
                backward[target].add(node_id)


def _walk(starts, edges) -> set:
    seen, stack = set(starts), list(starts)
    while stack:
        for nxt in edges[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
