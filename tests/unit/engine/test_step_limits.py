"""The limits of one engine step hold for whole models, not only single expressions: a multi-instance
activity of a billion instances and a model that loops without a human task are stopped in Dutch before
they can hang or exhaust the worker (without the limits these tests would hit pytest-timeout or run the
machine out of memory)."""
import pytest

from app import db
from app.engine import RunContext, ScriptError, deploy_model, start_instance
from app.engine.limits import Limits
from app.models import ProcessInstance

from engine_helpers import bpmn, new_zaak

SMALL = Limits(time=1.0, tasks=60, instances=20, size=10_000)


def _start(name: str, data: dict, limits: Limits = SMALL) -> ProcessInstance:
    session = db.session()
    definition, _ = deploy_model(session, bpmn(name))
    zaak = new_zaak()
    return start_instance(RunContext(session=session, zaak_id=zaak.id, limits=limits), definition, zaak.id, data)


def test_small_loops_and_multi_instances_run_to_the_end():
    instance = _start("limieten.bpmn", {"aantal": 5, "rondes": 0, "doorgaan": True, "altijd": False})
    assert instance.status == "completed" and '"rondes": 3' in instance.state
    instance = _start("limieten_lijst.bpmn", {"regels": [1, 2, 3]})
    assert instance.status == "completed" and '"uitkomsten": [2, 4, 6]' in instance.state


@pytest.mark.parametrize("aantal", [10**9, 21])
def test_a_loop_cardinality_beyond_the_limit_is_refused_before_any_instance_is_made(aantal):
    with pytest.raises(ScriptError, match=f"'Herhalen' zou {aantal} keer worden uitgevoerd; .* ten hoogste 20 keer"):
        _start("limieten.bpmn", {"aantal": aantal, "rondes": 0, "doorgaan": True, "altijd": False})


@pytest.mark.parametrize("aantal", [-1, "10", 2.5])
def test_a_loop_cardinality_that_is_no_count_is_refused(aantal):
    with pytest.raises(ScriptError, match="geen geheel getal"):
        _start("limieten.bpmn", {"aantal": aantal, "rondes": 0, "doorgaan": True, "altijd": False})


def test_an_input_collection_beyond_the_limit_is_refused():
    with pytest.raises(ScriptError, match="'Per regel' zou 21 keer worden uitgevoerd"):
        _start("limieten_lijst.bpmn", {"regels": list(range(21))})


def test_a_model_that_loops_without_a_human_task_is_stopped_by_the_task_limit_of_the_step():
    with pytest.raises(ScriptError, match="meer dan 60 taken .*lus zonder uitgang"):
        _start("limieten.bpmn", {"aantal": 1, "rondes": 0, "doorgaan": True, "altijd": True})


def test_the_default_limits_also_stop_a_runaway_model():
    with pytest.raises(ScriptError, match="meer dan 500 taken"):
        _start("limieten.bpmn", {"aantal": 1, "rondes": 0, "doorgaan": True, "altijd": True}, Limits())
