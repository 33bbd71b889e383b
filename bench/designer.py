"""Benchmark: the server's BPMN linter (app/engine/lint) on a generated model with N elements — user tasks in
the consulent and beoordelaar lanes with forms and due dates, exclusive gateways with conditions and a default,
service tasks with parameters, non-interrupting boundary timers, full BPMN DI — and the publish check (the
engine's parse_model plus the linter, what `flask deploy` runs per file). Target: lint < 1 s. Then the preview
and the migration of N running cases to a newer version (bench/designer_migration.py). Prints JSON.

Usage: python bench/designer.py [--elements N] [--repeat R] [--cases N (0: no migration part)]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from app.engine import parse_model  # noqa: E402
from app.engine.lint import has_errors  # noqa: E402
from app.services.process_lint import lint, lint_context  # noqa: E402
import designer_migration as migration  # noqa: E402

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="defs_bench" '
        'targetNamespace="https://cumulus.example/bench">\n')


def generate(elements: int) -> tuple[bytes, int]:
    """A valid model of about `elements` flow nodes and flows; returns (xml, number of flow nodes + flows)."""
    nodes, flows, lanes = ['<bpmn:startEvent id="start" name="Start"/>'], [], {"consulent": ["start"], "beoordelaar": []}
    shapes, previous, i, count = [("start", 0, 0)], "start", 0, 1
    while count < elements:
        i += 1
        task, gw, svc, timer, esc = f"taak_{i}", f"gw_{i}", f"dienst_{i}", f"termijn_{i}", f"escalatie_{i}"
        lane = "consulent" if i % 2 else "beoordelaar"
        nodes.append(f'<bpmn:userTask id="{task}" name="Taak {i}"><bpmn:extensionElements><spiffworkflow:properties>'
                     f'<spiffworkflow:property name="formKey" value="triage"/><spiffworkflow:property name="due" value="P5D"/>'
                     '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>')
        nodes.append(f'<bpmn:boundaryEvent id="{timer}" name="Termijn {i}" cancelActivity="false" attachedToRef="{task}">'
                     f'<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">onderzoek_deadline'
                     '</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>')
        nodes.append(f'<bpmn:userTask id="{esc}" name="Termijn {i} overschreden"><bpmn:extensionElements>'
                     '<spiffworkflow:properties><spiffworkflow:property name="formKey" value="termijn_overschreden"/>'
                     '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>')
        nodes.append(f'<bpmn:endEvent id="einde_{esc}" name="Escalatie {i} klaar"/>')
        nodes.append(f'<bpmn:exclusiveGateway id="{gw}" name="Verder {i}?" default="f_{gw}_door"/>')
        nodes.append(f'<bpmn:serviceTask id="{svc}" name="Termijn berekenen {i}"><bpmn:extensionElements>'
                     '<spiffworkflow:serviceTaskOperator id="bereken_termijn" resultVariable="beschikking_deadline">'
                     '<spiffworkflow:parameters><spiffworkflow:parameter id="soort" type="str" value="\'beschikking_wmo\'"/>'
                     '<spiffworkflow:parameter id="vanaf" type="str" value="ontvangen_op"/></spiffworkflow:parameters>'
                     '</spiffworkflow:serviceTaskOperator></bpmn:extensionElements></bpmn:serviceTask>')
        nodes.append(f'<bpmn:endEvent id="einde_{gw}" name="Afgesloten {i}"/>')
        flows += [(f"f_in_{task}", previous, task, None), (f"f_{task}_{gw}", task, gw, None),
                  (f"f_{gw}_stop", gw, f"einde_{gw}", f"vervolg == 'stop_{i}'"), (f"f_{gw}_door", gw, svc, None),
                  (f"f_{timer}", timer, esc, None), (f"f_{esc}", esc, f"einde_{esc}", None)]
        lanes[lane] += [task, timer, gw, f"einde_{gw}"]
        lanes["beoordelaar"] += [esc, f"einde_{esc}"]
        lanes["backoffice"] = lanes.get("backoffice", []) + [svc]
        for j, node in enumerate((task, timer, esc, f"einde_{esc}", gw, svc, f"einde_{gw}")):
            shapes.append((node, i, j))
        previous, count = svc, count + 7 + 6
    nodes.append('<bpmn:endEvent id="einde" name="Einde"/>')
    flows.append(("f_einde", previous, "einde", None))
    shapes.append(("einde", i + 1, 0))
    lane_xml = "".join(f'<bpmn:lane id="lane_{name}" name="{name}">' + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>"
                       for n in refs) + "</bpmn:lane>" for name, refs in lanes.items())
    flow_xml = "".join(f'<bpmn:sequenceFlow id="{f}" sourceRef="{s}" targetRef="{t}">'
                       + (f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{c}</bpmn:conditionExpression>' if c else "")
                       + "</bpmn:sequenceFlow>" for f, s, t, c in flows)
    di = "".join(f'<bpmndi:BPMNShape id="{n}_di" bpmnElement="{n}"><dc:Bounds x="{150 * x}" y="{120 * y}" width="100" '
                 'height="80"/></bpmndi:BPMNShape>' for n, x, y in shapes)
    di += "".join(f'<bpmndi:BPMNEdge id="{f}_di" bpmnElement="{f}"><di:waypoint x="0" y="0"/><di:waypoint x="1" y="1"/>'
                  "</bpmndi:BPMNEdge>" for f, *_ in flows)
    xml = (HEAD + '<bpmn:collaboration id="c"><bpmn:participant id="p" name="Gemeente" processRef="bench"/></bpmn:collaboration>'
           f'<bpmn:process id="bench" name="Bench" isExecutable="true"><bpmn:laneSet id="ls">{lane_xml}</bpmn:laneSet>'
           + "".join(nodes) + flow_xml + '</bpmn:process><bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="c">'
           '<bpmndi:BPMNShape id="p_di" bpmnElement="p" isHorizontal="true"><dc:Bounds x="0" y="0" width="9000" height="900"/>'
           '</bpmndi:BPMNShape>' + "".join(f'<bpmndi:BPMNShape id="lane_{n}_di" bpmnElement="lane_{n}" isHorizontal="true">'
                                           '<dc:Bounds x="30" y="0" width="8970" height="300"/></bpmndi:BPMNShape>' for n in lanes)
           + di + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>")
    return xml.encode("utf-8"), len(nodes) + len(flows)


def timed(fn, repeat: int) -> dict:
    """Wall-clock and CPU seconds of `repeat` calls (on a shared machine the first grows with the load)."""
    runs, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return {"best_s": round(min(runs), 4), "median_s": round(statistics.median(runs), 4),
            "median_cpu_s": round(statistics.median(cpu), 4), "load_average_1m": round(os.getloadavg()[0], 1)}


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--elements", type=int, default=500)
    args.add_argument("--repeat", type=int, default=5)
    args.add_argument("--cases", type=int, default=1000)
    opts = args.parse_args()
    xml, elements = generate(opts.elements)
    context = lint_context(ROOT / "forms")
    findings = lint(xml, context)
    assert not findings, [f.as_dict() for f in findings[:5]]  # the generated model is clean: every rule runs fully

    def publish_check():
        parse_model(xml)
        assert not has_errors(lint(xml, context))

    lint_time = timed(lambda: lint(xml, context), opts.repeat)
    print(json.dumps({
        "elements": elements, "bytes": len(xml), "findings": len(findings),
        "lint": lint_time, "publish_check": timed(publish_check, opts.repeat),
        "target_lint_s": 1.0, "lint_within_target": lint_time["median_s"] < 1.0,
        **({"migration": migration.run(opts.cases)} if opts.cases else {}),
    }, indent=2))


if __name__ == "__main__":
    main()
