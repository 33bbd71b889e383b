"""The linter's rules for beslistabellen (#10 point 7), one failing model (or table) per rule, each an error on
the element it is about (the business rule task, the decision or the DMN cell) with a Dutch message; the shipped
vier-ogen table and the test model with it are clean apart from the diagram."""
from pathlib import Path

import pytest

from app.engine.lint import has_errors
from app.services.process_lint import lint, lint_context

ROOT = Path(__file__).resolve().parents[3]
CONTEXT = lint_context(ROOT / "forms")
MODEL = (ROOT / "tests" / "data" / "bpmn" / "beslistaak.bpmn").read_text()
VIER_OGEN = (ROOT / "bpmn" / "wmo_vier_ogen.dmn").read_text()
WITHOUT_CALL = MODEL.replace("<spiffworkflow:calledDecisionId>{decision}</spiffworkflow:calledDecisionId>", "")

#: name → (model, tables, rule, element id, words the message must hold)
CASES = {
    "decision_missing": (WITHOUT_CALL, {"vier_ogen": VIER_OGEN}, "decision-missing", "bepalen",
                         "roept geen beslistabel aan"),
    "decision_unknown": (MODEL.replace("{decision}", "bestaat_niet"), {"vier_ogen": VIER_OGEN}, "decision-unknown",
                         "bepalen", "'bestaat_niet' aan, maar die hoort niet bij dit model"),
    "dmn_invalid": (MODEL.replace("{decision}", "vier_ogen"), {"vier_ogen": "<definitions/>"}, "dmn-invalid",
                    "vier_ogen", "geen DMN-beslistabel"),
    "dmn_wrong_id": (MODEL.replace("{decision}", "vier_ogen"),
                     {"vier_ogen": VIER_OGEN.replace('decision id="vier_ogen"', 'decision id="ander"')},
                     "dmn-invalid", "vier_ogen", "heet 'ander', niet 'vier_ogen'"),
    "dmn_hit_policy": (MODEL.replace("{decision}", "vier_ogen"),
                       {"vier_ogen": VIER_OGEN.replace('hitPolicy="FIRST"', 'hitPolicy="PRIORITY"')},
                       "dmn-hit-policy", "vier_ogen_tabel", "kent alleen UNIQUE, FIRST, COLLECT"),
    "dmn_cell_syntax": (MODEL.replace("{decision}", "vier_ogen"),
                        {"vier_ogen": VIER_OGEN.replace("&gt; vier_ogen_drempel", "&gt; (")},
                        "dmn-cell", "regel_kosten_kosten", "regel 2, kolom 'Kosten per jaar'"),
    "dmn_cell_refused": (MODEL.replace("{decision}", "vier_ogen"),
                         {"vier_ogen": VIER_OGEN.replace("<text>True</text>", "<text>().__class__</text>", 1)},
                         "dmn-cell", "regel_afwijzing_uit", "niet toegestaan"),
}


def _lint(model: str, tables: dict):
    return lint(model.encode("utf-8"), CONTEXT, tables)


def test_the_model_with_its_table_has_no_errors():
    findings = _lint(MODEL.replace("{decision}", "vier_ogen"), {"vier_ogen": VIER_OGEN})
    assert not has_errors(findings), [f.as_dict() for f in findings]
    assert {f.rule for f in findings} <= {"di-shape", "di-missing"}  # the test model has no diagram


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_decision_rule_finds_its_element(name):
    model, tables, rule, element_id, says = CASES[name]
    findings = _lint(model, tables)
    found = [f for f in findings if f.rule == rule and f.element_id == element_id]
    assert found, [f.as_dict() for f in findings]
    assert found[0].severity == "error" and says in found[0].message, found[0].message
    errors = {f.rule for f in findings if f.severity == "error"} - {rule}
    assert errors <= ({"decision-unknown"} if rule == "dmn-invalid" else set()), errors


def test_a_missing_table_is_named_once_by_the_decision_rule_not_as_an_english_parser_error():
    findings = _lint(MODEL.replace("{decision}", "vier_ogen"), {})
    assert [(f.rule, f.element_id) for f in findings if f.severity == "error"] == [("decision-unknown", "bepalen")]
    assert "Dit model heeft: geen" in findings[0].message
