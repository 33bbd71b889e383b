"""The BPMN linter (#10 point 3): one small failing model per rule (tests/data/bpmn/lint/), each found on the
element it is about, with its severity, a Dutch message and a line; the clean model and the shipped models
have no errors, and what the linter says of a file matches what the engine does with it."""
from pathlib import Path

import pytest

from app.engine import InvalidModel, parse_model
from app.engine.lint import has_errors
from app.services.process_lint import lint, lint_context

ROOT = Path(__file__).resolve().parents[3]
LINT = ROOT / "tests" / "data" / "bpmn" / "lint"
CONTEXT = lint_context(ROOT / "forms")

#: file → (rule, severity, element id, words the message must hold)
CASES = {
    "bpmn_schema": ("bpmn-schema", "error", "typefout", "voldoet niet aan het BPMN-schema"),
    "lane_missing": ("lane-missing", "error", "beoordelen", "staat in geen baan"),
    "lane_role": ("lane-role", "error", "beoordelen", "'wijkteam', maar dat is geen rol"),
    "form_missing": ("form-missing", "error", "beoordelen", "heeft geen formulier"),
    "form_unknown": ("form-unknown", "error", "beoordelen", "'bestaat_niet', maar dat formulier bestaat niet"),
    "expression_refused": ("expression", "error", "f_spoed", "__class__"),
    "expression_syntax": ("expression", "error", "rekenen", "regel 2 van de code"),
    "timer_literal": ("timer-literal", "error", "termijn", "zonder aanhalingstekens"),
    "operation_unknown": ("operation-unknown", "error", "termijn_berekenen", "'mail_versturen'"),
    "message_unknown": ("message-unknown", "error", "wacht", "'onbekend_bericht'"),
    "unreachable": ("unreachable", "error", "vergeten", "niet te bereiken"),
    "dead_end": ("dead-end", "error", "lus_a", "geen einde van het proces te bereiken"),
    "gateway_no_default": ("gateway-no-default", "warning", "gw", "geen standaardstroom"),
    "di_shape": ("di-shape", "warning", "beoordelen", "geen vorm in het diagram"),
}


def _lint(name: str):
    return lint((LINT / f"{name}.bpmn").read_bytes(), CONTEXT)


def test_the_clean_model_has_no_findings():
    assert _lint("clean") == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_finds_its_element(name):
    rule, severity, element_id, says = CASES[name]
    findings = _lint(name)
    found = [f for f in findings if f.rule == rule and f.element_id == element_id]
    assert found, [f.as_dict() for f in findings]
    assert found[0].severity == severity and says in found[0].message, found[0].message
    assert found[0].line and found[0].line > 1
    assert has_errors(findings) == (severity == "error")
    others = {f.rule for f in findings} - {rule}
    assert others <= {"implicit-end"}, f"{name} also trips {others}: the test model is not about one rule"


def test_the_line_of_a_script_error_is_the_line_in_the_file():
    text = (LINT / "expression_syntax.bpmn").read_text()
    line = next(f for f in _lint("expression_syntax") if f.rule == "expression").line
    assert text.splitlines()[line - 1].strip() == "b = (2 +"


@pytest.mark.parametrize("path", sorted((ROOT / "bpmn").glob("*.bpmn")), ids=lambda p: p.name)
def test_the_shipped_models_lint_without_errors_or_warnings(path):
    from app.services.deployment import decisions_in, decisions_of
    tables = decisions_of(path.read_bytes(), decisions_in(ROOT / "bpmn"))  # the DMN tables it calls (bpmn/*.dmn)
    assert [f.as_dict() for f in lint(path.read_bytes(), CONTEXT, tables)] == []


def test_what_the_engine_refuses_the_linter_names_as_an_error():
    """Every file parse_model refuses is an error for the linter too (the upload refuses only those)."""
    for name in ("bpmn_schema", "expression_refused", "expression_syntax"):
        xml = (LINT / f"{name}.bpmn").read_bytes()
        with pytest.raises(InvalidModel):
            parse_model(xml)
        assert has_errors(lint(xml, CONTEXT))


def test_a_file_that_is_no_xml_or_has_a_dtd_is_one_finding():
    [broken] = lint(b"<bpmn:definitions", CONTEXT)
    assert broken.rule == "xml" and "geen geldige XML" in broken.message
    [dtd] = lint(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', CONTEXT)
    assert dtd.rule == "xml" and "DTD" in dtd.message


def test_two_executable_processes_are_an_error_on_the_model():
    xml = (LINT / "clean.bpmn").read_bytes().replace(
        b"<bpmndi:BPMNDiagram", b'<bpmn:process id="tweede" isExecutable="true"/><bpmndi:BPMNDiagram')
    assert any(f.rule == "bpmn-schema" and "precies één uitvoerbaar proces" in f.message for f in lint(xml, CONTEXT))


def test_complementary_conditions_need_no_default():
    xml = (LINT / "gateway_no_default.bpmn").read_bytes().replace(b"spoed == False and leeftijd &gt; 18",
                                                                   b"spoed != True")
    assert lint(xml, CONTEXT) == []


def test_a_message_the_platform_delivers_is_known():
    xml = (LINT / "message_unknown.bpmn").read_bytes().replace(b'name="onbekend_bericht"', b'name="retour_toewijzing"')
    assert lint(xml, CONTEXT) == []
