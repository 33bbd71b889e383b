"""Rules `di-missing` and `di-shape`: the model has BPMN DI, with a shape for every flow node and an edge for
every sequence flow — the case view and the modeler draw the diagram with bpmn-js and show nothing for an
element without one. A warning: the process runs without a drawing, but nobody can follow it on screen."""
from .model import NS, WARNING, Finding, Model, label


def check_diagram(model: Model) -> list[Finding]:
    planes = model.root.findall("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    if not planes:
        process = next(iter(model.processes()), None)
        return [model.finding("di-missing", WARNING, process,
                              "Het model heeft geen diagram (BPMN DI); de zaakweergave kan het proces niet tekenen. "
                              "Sla het model op met een modeler zodat de vormen en lijnen erin staan.")]
    drawn = {shape.get("bpmnElement") for plane in planes
             for shape in plane.iter("{%s}BPMNShape" % NS["bpmndi"], "{%s}BPMNEdge" % NS["bpmndi"])}
    findings = []
    for node in model.flow_nodes():
        if node.get("id") and node.get("id") not in drawn:
            findings.append(model.finding("di-shape", WARNING, node,
                                          f"Element {label(node)} heeft geen vorm in het diagram (BPMN DI); de "
                                          "zaakweergave kan het niet tekenen."))
    for flow in model.root.iterfind(".//bpmn:sequenceFlow", NS):
        if flow.get("id") and flow.get("id") not in drawn:
            findings.append(model.finding("di-shape", WARNING, flow,
                                          f"Stroom {label(flow)} heeft geen lijn in het diagram (BPMN DI)."))
    return findings
