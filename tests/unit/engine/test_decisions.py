"""Beslistabellen (#10 point 7): a business rule task runs its DMN table with SpiffWorkflow's DMN engine, every cell
in our sandbox; the vier-ogen table of wmo.bpmn decides as the condition it replaced; a runaway cell stops the step
with a Dutch error naming the rule; a workflow waiting after a business rule task saves and restores."""
from pathlib import Path

import pytest

from app import db
from app.engine import InvalidModel, RunContext, ScriptError, complete_user_task, deploy_model, start_instance
from app.engine.decisions import CumulusDMNEngine, decision_id
from app.engine.dry_run import dry_run
from app.engine.limits import Limits
from app.engine.serializer import load_state
from app.engine.specs import model_of, parse_model, sha256
from app.models import HumanTask

from engine_helpers import bpmn, new_zaak

ROOT = Path(__file__).resolve().parents[3]
VIER_OGEN = (ROOT / "bpmn" / "wmo_vier_ogen.dmn").read_text()
MODEL = bpmn("beslistaak.bpmn").decode()


def _model(decision: str = "vier_ogen") -> bytes:
    return MODEL.replace("{decision}", decision).encode()


def _table(cell: str) -> str:
    """The vier-ogen table with another threshold cell (rule 2, kosten per jaar)."""
    return VIER_OGEN.replace("&gt; vier_ogen_drempel", cell)


def _decide(data: dict, table: str = VIER_OGEN, limits: Limits | None = None):
    """Run the one-table model in memory (the proefrit's run) and return where it went and its data."""
    model = parse_model(_model(), {"vier_ogen": table})
    run = dry_run(model, RunContext(session=None, limits=limits), data, {}, {})
    return run


@pytest.mark.parametrize("data, toets", [
    ({"besluit": "afwijzen", "kosten_per_jaar": 10, "toets": None}, True),          # afwijzing
    ({"besluit": "toekennen", "kosten_per_jaar": 6000, "toets": None}, True),       # above the threshold
    ({"besluit": "toekennen", "kosten_per_jaar": 5000, "toets": None}, False),      # at the threshold: not above
    ({"besluit": "toekennen", "kosten_per_jaar": 100, "toets": None}, False),       # below
    ({"besluit": "toekennen", "kosten_per_jaar": 100, "toets": "niet_akkoord"}, True),  # sent back by the toets
    ({"besluit": "afwijzen", "toets": None}, True),  # FIRST: an afwijzing needs no cost (later rules not evaluated)
])
def test_the_vier_ogen_table_decides_as_the_condition_it_replaced(data, toets):
    run = _decide({**data, "vier_ogen_drempel": 5000})
    assert run.error is None, run.error
    assert ("toets" in {s.element_id for s in run.waiting}) is toets
    old_condition = data["besluit"] == "afwijzen" or data["kosten_per_jaar"] > 5000 or data["toets"] == "niet_akkoord"
    assert old_condition is toets


def test_the_threshold_is_the_gemeente_setting_in_the_case_data():
    data = {"besluit": "toekennen", "kosten_per_jaar": 3000, "toets": None}
    assert "toets" in {s.element_id for s in _decide({**data, "vier_ogen_drempel": 2500}).waiting}
    assert "toets" not in {s.element_id for s in _decide({**data, "vier_ogen_drempel": 3500}).waiting}


def test_every_cell_runs_in_the_sandbox_and_a_runaway_one_names_its_rule():
    run = _decide({"besluit": "toekennen", "kosten_per_jaar": 1, "toets": None, "vier_ogen_drempel": 1},
                  _table("&gt; len('a' * 10**10)"), Limits(time=1.0))
    assert run.error and "regel 2" in run.error and "Kosten per jaar" in run.error, run.error
    assert "toets" not in {s.element_id for s in run.waiting}


def test_a_cell_the_sandbox_refuses_is_refused_when_the_model_is_read():
    with pytest.raises(InvalidModel, match="niet toegestaan"):
        parse_model(_model(), {"vier_ogen": _table("&gt; __import__('os').getpid()")})
    with pytest.raises(InvalidModel, match="beslistabel 'bestaat_niet'"):
        parse_model(_model("bestaat_niet"), {"vier_ogen": VIER_OGEN})


def test_the_tables_are_part_of_the_version_and_its_hash():
    xml = _model()
    assert sha256(xml) != sha256(xml, {"vier_ogen": VIER_OGEN}) != sha256(xml, {"vier_ogen": _table("&gt; 1")})
    assert sha256(xml, {}) == sha256(xml)  # a model without tables keeps the hash it had
    session = db.session()
    first, is_new = deploy_model(session, xml, None, {"vier_ogen": VIER_OGEN})
    again, is_new_again = deploy_model(session, xml, None, {"vier_ogen": VIER_OGEN})
    changed, changed_is_new = deploy_model(session, xml, None, {"vier_ogen": _table("&gt; 1")})
    assert is_new and not is_new_again and again.id == first.id
    assert changed_is_new and changed.version == first.version + 1
    assert first.beslistabellen == {"vier_ogen": VIER_OGEN} and decision_id(changed.beslistabellen["vier_ogen"])
    assert isinstance(model_of(first).spec.task_specs["bepalen"].dmnEngine, CumulusDMNEngine)


def test_a_case_after_a_business_rule_task_saves_restores_and_runs_on():
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, _model(), None, {"vier_ogen": VIER_OGEN})
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                              {"besluit": "afwijzen", "kosten_per_jaar": 10, "toets": None, "vier_ogen_drempel": 5000})
    session.flush()
    [task] = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").all()
    assert task.spec_name == "toets"
    model = model_of(definition)
    restored = load_state(instance.state, model.spec, model.subprocess_specs)
    [done] = [t for t in restored.get_tasks() if t.task_spec.name == "bepalen"]
    assert done.data["vier_ogen_nodig"] is True
    complete_user_task(RunContext(session=session), instance, task.task_uuid, {})
    session.flush()
    assert instance.status == "completed"


def test_a_table_error_at_run_time_is_a_script_error_on_the_case():
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, _model(), None, {"vier_ogen": VIER_OGEN})
    with pytest.raises(ScriptError, match="regel 2, kolom 'Kosten per jaar'"):
        start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                       {"besluit": "toekennen", "toets": None, "vier_ogen_drempel": 5000})  # no kosten_per_jaar
