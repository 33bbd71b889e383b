"""The linter over BPMN files from other projects (tests/data/bpmn/corpus/, SpiffWorkflow's and bpmnlint's
own files; licences in its README) and every test model here: it never crashes, and each file is accepted or
refused with a message that names an element."""
from pathlib import Path

import pytest

from app.engine.lint import has_errors
from app.services.process_lint import lint, lint_context

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "tests" / "data" / "bpmn").rglob("*.bpmn"))
CONTEXT = lint_context(ROOT / "forms")


def test_the_corpus_is_there():
    assert len([f for f in FILES if f.parent.name == "corpus"]) >= 6


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_file_is_accepted_or_refused_by_element(path):
    findings = lint(path.read_bytes(), CONTEXT)
    for finding in findings:
        assert finding.severity in ("error", "warning") and finding.message
    if has_errors(findings):
        assert any(f.element_id for f in findings if f.severity == "error"), [f.as_dict() for f in findings]


def test_known_verdicts_from_the_corpus():
    def rules(name):
        return {(f.rule, f.element_id) for f in lint((ROOT / "tests/data/bpmn/corpus" / name).read_bytes(), CONTEXT)}
    assert ("unreachable", "Task_2") in rules("bpmnlint-no-disconnected-incorrect.bpmn")
    assert rules("bpmnlint-link-event-correct.bpmn") == set()  # a link event carries the flow on
    assert ("bpmn-schema", "Activity_02eu174") in rules("spiff-invalid-process-top.bpmn")  # unknown called process
    assert ("lane-role", "SubProcessTask") in rules("spiff-lanes.bpmn")  # a subprocess's task is in its lane
    assert not any(r == "unreachable" for r, _ in rules("spiff-event-subprocess.bpmn"))  # started by its event
    adhoc = {r for r, _ in rules("spiff-ad-hoc-subprocess.bpmn")}  # its tasks run in any order: no flow rules
    assert adhoc == {"form-missing", "lane-missing"}
