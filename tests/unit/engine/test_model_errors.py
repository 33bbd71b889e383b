"""A model error at any step leaves the case where it was, with a Dutch error, and can be retried."""
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app import db
from app.engine import RunContext, ScriptError, complete_user_task, deliver_message, deploy_model, fire_timers, \
    operation, start_instance
from app.models import HumanTask, MessageSubscription, Product

from engine_helpers import bpmn, new_zaak


@operation("test_product_opzoeken")
def _product_opzoeken(ctx, data, code):
    """A service-task operation that needs the catalogue: it fails until the product is there."""
    product = ctx.session.scalar(select(Product).where(Product.productcode == code))
    if product is None:
        raise ScriptError(f"Product {code} staat niet in de productcatalogus.")
    return {"code": product.productcode, "tarief": 25.0}  # the catalogue has no price since 0021 (contracts do)


def _start(name: str, data: dict):
    session = db.session()
    zaak = new_zaak()
    definition, _ = deploy_model(session, bpmn(name))
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, data)
    session.flush()
    return session, instance


def _open(session, instance) -> dict[str, HumanTask]:
    return {t.spec_name: t for t in session.query(HumanTask).filter_by(instance_id=instance.id, status="open")}


def _due_soon(name: str, data: dict):
    """An instance whose timer is due a moment after it started waiting (a timer already due at the
    start fires in the start step itself)."""
    session, instance = _start(name, {**data, "termijn": (datetime.now(timezone.utc) + timedelta(seconds=0.5))
                                      .isoformat()})
    time.sleep(0.6)
    return session, instance


def _future() -> str:
    return (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()


def test_a_failing_post_script_changes_nothing_and_the_corrected_answer_goes_through():
    session, instance = _start("nascript.bpmn", {"termijn": _future(), "productcode": "01A03", "grens": 0})
    before = instance.state
    triage = _open(session, instance)["triage"]
    with pytest.raises(ScriptError, match="Het script van taak 'Triage' liep vast \\(regel 1\\): een waarde is "
                                          "ongeldig \\(not enough values to unpack") as caught:
        complete_user_task(RunContext(session=session), instance, triage.task_uuid,
                           {"samenvatting": "geen dubbele punt", "vervolg": "onderzoek", "spoed": False})
    assert caught.value.instance_id == instance.id
    assert instance.state == before and set(_open(session, instance)) == {"triage"}

    complete_user_task(RunContext(session=session), instance, triage.task_uuid,
                       {"samenvatting": "Huishouden: zwaar werk lukt niet", "vervolg": "onderzoek", "spoed": False})
    session.flush()
    assert set(_open(session, instance)) == {"controleren"}
    assert '"regel": "Huishouden (4 woorden)"' in instance.state


def test_a_failing_condition_after_a_timer_keeps_the_timer_due_until_it_can_fire():
    session, instance = _due_soon("nascript.bpmn", {"productcode": "01A03"})  # no 'grens'
    before, due = instance.state, instance.next_timer_at
    with pytest.raises(ScriptError, match="De expressie 'product\\['tarief'\\] >= grens' van taak "
                                          "'Duur product\\?' liep vast: Onbekende naam 'grens'"):
        fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
    assert (instance.state, instance.next_timer_at) == (before, due)


def test_an_operation_failing_after_a_timer_goes_on_once_its_cause_is_removed():
    session, instance = _due_soon("nascript.bpmn", {"productcode": "99Z99", "grens": 10})
    before = instance.state
    with pytest.raises(ScriptError, match="Product 99Z99 staat niet in de productcatalogus"):
        fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
    assert instance.state == before
    product = Product(domein="wmo", productcategorie="01", productcode="99Z99", omschrijving="Test", eenheid="04")
    session.add(product)
    try:
        fire_timers(RunContext(session=session, zaak_id=instance.zaak_id), instance)
        session.flush()
        assert set(_open(session, instance)) == {"triage", "escaleren"}
    finally:
        session.rollback()  # the catalogue is kept between tests: leave it as it was


def test_a_message_whose_processing_fails_leaves_the_case_waiting_for_it():
    session, instance = _start("bericht.bpmn", {"toewijzing_nummer": "T-7"})
    before = instance.state
    ctx = RunContext(session=session)
    with pytest.raises(ScriptError, match="Het script van taak 'Verwerk startbericht' liep vast \\(regel 1\\): "
                                          "de waarde 'datum' ontbreekt") as caught:
        deliver_message(ctx, "start_zorg", {"toewijzing_nummer": "T-7"})
    assert caught.value.instance_id == instance.id
    assert instance.state == before and instance.status == "running"
    assert session.query(MessageSubscription).filter_by(instance_id=instance.id).count() == 1

    delivered = deliver_message(ctx, "start_zorg", {"toewijzing_nummer": "T-7", "datum": "2027-01-04"})
    assert delivered.id == instance.id and instance.status == "completed"


def test_an_unknown_name_is_reported_with_its_line_of_the_script():
    session = db.session()
    zaak = new_zaak()
    model = bpmn("nascript.bpmn").replace(b"len(woorden)", b"len(onbekend)").replace(
        b'id="defs_nascript"', b'id="defs_nascript_naam"')
    definition, _ = deploy_model(session, model)
    instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id,
                              {"termijn": _future(), "productcode": "01A03", "grens": 0})
    session.flush()
    triage = _open(session, instance)["triage"]
    with pytest.raises(ScriptError, match="liep vast \\(regel 3\\): Onbekende naam 'onbekend'"):
        complete_user_task(RunContext(session=session), instance, triage.task_uuid,
                           {"samenvatting": "Huishouden: zwaar", "vervolg": "onderzoek", "spoed": False})
