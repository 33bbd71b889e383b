"""Uploaded BPMN may not run arbitrary Python: every expression goes through RestrictedPython."""
import pytest

from app import db
from app.engine import InvalidModel, RunContext, ScriptError, deploy_model, start_instance

from engine_helpers import bpmn, new_zaak

SCRIPT_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://t">
  <bpmn:process id="script_{name}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="script"/>
    <bpmn:scriptTask id="script" name="Rekenen"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def _model(name: str, script: str) -> bytes:
    return SCRIPT_MODEL.format(name=name, script=script).encode()


@pytest.mark.parametrize("script", [
    "import os",
    "x = ().__class__.__base__.__subclasses__()",
    "x = [c for c in ().__class__.__mro__]",
    "from os import path",
    "x = eval('1')",
])
def test_a_model_that_reaches_outside_the_sandbox_cannot_be_deployed(script):
    with pytest.raises(InvalidModel, match="niet toegestaan|Rekenen"):
        deploy_model(db.session(), _model("escape", script))


def test_a_gateway_condition_reaching_for_dunders_cannot_be_deployed():
    xml = bpmn("simple.bpmn").replace(b"bedrag &gt; 1000", b"bedrag.__class__.__init__.__globals__")
    with pytest.raises(InvalidModel, match="__globals__"):
        deploy_model(db.session(), xml)


def test_builtins_that_open_files_are_not_there_at_run_time():
    session = db.session()
    definition, _ = deploy_model(session, _model("names", "f = open('/etc/passwd')"))
    zaak = new_zaak()
    with pytest.raises(ScriptError, match="Onbekende naam.*open"):
        start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, {})


def test_a_runaway_script_is_stopped_by_the_time_limit():
    session = db.session()
    definition, _ = deploy_model(session, _model("loop", "n = 0\nwhile True:\n    n += 1"))
    zaak = new_zaak()
    with pytest.raises(ScriptError, match="te lang"):
        start_instance(RunContext(session=session, zaak_id=zaak.id, time_limit=0.3), definition, zaak.id, {})


def test_ordinary_arithmetic_and_loops_still_work():
    session = db.session()
    definition, _ = deploy_model(session, _model("ok", "totaal = 0\nfor b in [1, 2, 3]:\n    totaal += b"))
    zaak = new_zaak()
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, {})
    assert instance.status == "completed" and '"totaal": 6' in instance.state
