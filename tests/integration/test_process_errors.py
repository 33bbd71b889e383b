"""A model error never leaves a case stuck: through the task page, the API, the timer tick and an inbound
bericht the step rolls back, the Dutch error shows on the case and the task page, and the case goes on
after a retry."""
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from app import db
from app.engine import RunContext, ScriptError, deploy_model, operation, start_instance
from app.models import HumanTask, Person, ProcessInstance, Product, Zaak, ZaakEvent
from app.services.timers import fire_due_timers
from app.services.uow import unit_of_work

BPMN = Path(__file__).resolve().parents[1] / "data" / "bpmn" / "nascript.bpmn"
WITHOUT_COLON = {"spoed": False, "samenvatting": "Zwaar huishoudelijk werk lukt niet meer", "vervolg": "onderzoek"}
WITH_COLON = {"spoed": False, "samenvatting": "Huishouden: zwaar werk lukt niet meer", "vervolg": "onderzoek"}


@operation("test_product_opzoeken")
def _product_opzoeken(ctx, data, code):
    """Needs the catalogue: fails until the product is there (a cause removed outside the case)."""
    product = ctx.session.scalar(select(Product).where(Product.productcode == code))
    if product is None:
        raise ScriptError(f"Product {code} staat niet in de productcatalogus.")
    return {"code": product.productcode, "tarief": 25.0}  # the catalogue has no price since 0021 (contracts do)


def _case(**data) -> tuple[int, int]:
    """A committed Wmo zaak running nascript.bpmn; returns (zaak id, instance id)."""
    data = {"termijn": (datetime.now(timezone.utc) + timedelta(days=1)).isoformat(), "productcode": "01A03",
            "grens": 10, **data}
    with unit_of_work() as session:
        definition, _ = deploy_model(session, BPMN.read_bytes())
        person = session.query(Person).order_by(Person.id).first()
        zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-FOUT-{session.query(Zaak).count() + 1}", domein="wmo", person_id=person.id,
                    omschrijving="test", kanaal="telefoon", ontvangen_op=date.today())
        session.add(zaak)
        session.flush()
        instance = start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, data)
        ids = zaak.id, instance.id
    db.session.remove()
    return ids


def _open_tasks(zaak_id: int) -> dict[str, int]:
    db.session.remove()
    return {t.spec_name: t.id for t in db.session.scalars(
        select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open"))}


def _instance(instance_id: int) -> ProcessInstance:
    db.session.remove()
    return db.session.get(ProcessInstance, instance_id)


def _incidents(zaak_id: int) -> list[str]:
    return list(db.session.scalars(select(ZaakEvent.summary).where(ZaakEvent.zaak_id == zaak_id,
                                                                   ZaakEvent.kind == "procesfout")))


def test_a_post_script_error_on_the_task_page_keeps_the_task_open_and_the_corrected_answer_goes_on(client_as):
    zaak_id, instance_id = _case()
    state = _instance(instance_id).state
    triage = _open_tasks(zaak_id)["triage"]
    consulent = client_as("consulent")

    response = consulent.post(f"/werkvoorraad/taken/{triage}", data=WITHOUT_COLON)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Het proces kon niet verder." in page and "Het script van taak &#39;Triage&#39; liep vast" in page
    assert "Zwaar huishoudelijk werk lukt niet meer" in page  # what was typed is still in the form
    instance = _instance(instance_id)
    assert instance.state == state and instance.status == "running" and "liep vast" in instance.error
    assert _open_tasks(zaak_id) == {"triage": triage}
    assert len(_incidents(zaak_id)) == 1
    consulent.post(f"/werkvoorraad/taken/{triage}", data=WITHOUT_COLON)
    assert len(_incidents(zaak_id)) == 1  # the same error again is no new incident

    assert "liep vast" in consulent.get(f"/werkvoorraad/taken/{triage}").get_data(as_text=True)
    case_page = consulent.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "De laatste stap van dit proces lukte niet." in case_page and "Opnieuw proberen" not in case_page

    response = consulent.post(f"/werkvoorraad/taken/{triage}", data=WITH_COLON)
    assert response.status_code == 302
    assert set(_open_tasks(zaak_id)) == {"controleren"}
    assert _instance(instance_id).error is None
    assert "lukte niet" not in consulent.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)


def test_a_post_script_error_through_the_api_is_a_documented_problem_and_the_retry_works(api_as):
    zaak_id, instance_id = _case()
    state = _instance(instance_id).state
    triage = _open_tasks(zaak_id)["triage"]
    consulent = api_as("consulent")

    response = consulent.post(f"/api/v1/taken/{triage}/voltooien", json={"gegevens": WITHOUT_COLON})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.json["title"] == "Procesfout", response.json
    assert response.json["detail"].startswith("Het script van taak 'Triage' liep vast (regel 1): ")
    assert _instance(instance_id).state == state and _open_tasks(zaak_id) == {"triage": triage}
    assert consulent.get(f"/api/v1/taken/{triage}").json["status"] == "open"

    response = consulent.post(f"/api/v1/taken/{triage}/voltooien", json={"gegevens": WITH_COLON})
    assert response.status_code == 200, response.json
    assert set(_open_tasks(zaak_id)) == {"controleren"}


def test_a_timer_step_that_fails_parks_the_case_until_a_colleague_retries_it_after_the_cause_is_removed(client_as):
    zaak_id, instance_id = _case(productcode="99Z98",
                                 termijn=(datetime.now(timezone.utc) + timedelta(seconds=0.5)).isoformat())
    state = _instance(instance_id).state
    time.sleep(0.6)
    assert fire_due_timers() == 0
    instance = _instance(instance_id)
    assert instance.status == "error" and "Product 99Z98 staat niet in de productcatalogus" in instance.error
    assert instance.state == state and set(_open_tasks(zaak_id)) == {"triage"}
    assert fire_due_timers() == 0 and len(_incidents(zaak_id)) == 1  # parked: the tick leaves it alone

    consulent = client_as("consulent")
    page = consulent.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Dit proces staat stil." in page and "Opnieuw proberen" in page
    retry = f"/werkvoorraad/zaken/{zaak_id}/processen/{instance_id}/opnieuw"
    page = consulent.post(retry, follow_redirects=True).get_data(as_text=True)
    assert "Product 99Z98 staat niet in de productcatalogus" in page and _instance(instance_id).status == "error"

    with unit_of_work() as session:
        session.add(Product(domein="wmo", productcategorie="01", productcode="99Z98", omschrijving="Test",
                            eenheid="04"))
    try:
        page = consulent.post(retry, follow_redirects=True).get_data(as_text=True)
        assert "Het proces is opnieuw geprobeerd en gaat weer verder." in page
        instance = _instance(instance_id)
        assert (instance.status, instance.error) == ("running", None)
        assert set(_open_tasks(zaak_id)) == {"triage", "escaleren"}
        assert consulent.post(retry).status_code == 302  # nothing to retry any more: said, not crashed
    finally:
        with unit_of_work() as session:
            session.execute(Product.__table__.delete().where(Product.productcode == "99Z98"))


def test_only_staff_may_retry_a_process(client_as):
    zaak_id, instance_id = _case()
    response = client_as("aanbieder").post(f"/werkvoorraad/zaken/{zaak_id}/processen/{instance_id}/opnieuw")
    assert response.status_code in (403, 404)


def test_a_bericht_whose_step_fails_waits_with_a_dutch_note_and_goes_through_once_the_cause_is_removed(app, api_as,
                                                                                                      person):
    """A 302 reaches its waiting toewijzing process, whose step then exceeds a limit (the model is fine,
    the beheerder set the limit too low): the bericht stays 'ontvangen', the case shows the incident, and
    the retry after the limit is raised handles it once."""
    from app.models import Bericht, Toewijzing
    from app.services.exchange.inbound import retry_berichten
    from app.simulator.berichten import answer_301
    from exchange_flow import toewijzing_sent

    previous_redis, app.config["REDIS_URL"] = app.config["REDIS_URL"], None  # handle inline, as inline_jobs does
    previous_limit = app.config["ENGINE_STEP_TASK_LIMIT"]
    try:
        zaak_id, aanbieder, xml_301 = toewijzing_sent(app, api_as("consulent"), person)
        [waiting] = [i for i in db.session.scalars(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak_id))
                     if i.definition.key == "toewijzing"]
        state = waiting.state
        app.config["ENGINE_STEP_TASK_LIMIT"] = 0
        sent = aanbieder.send(answer_301(xml_301, "R302-1", date.today()))
        assert sent.status_code == 202
        db.session.remove()
        bericht = db.session.get(Bericht, sent.json["id"])
        assert bericht.status == "ontvangen"
        assert bericht.fouten == ["Verwerking mislukt door een fout in het procesmodel van de gemeente; het bericht "
                                  "wordt opnieuw verwerkt zodra die is hersteld."]
        instance = _instance(waiting.id)
        assert instance.state == state and "meer dan 0 taken" in instance.error
        assert len(_incidents(zaak_id)) == 1

        app.config["ENGINE_STEP_TASK_LIMIT"] = previous_limit
        assert retry_berichten() == {sent.json["id"]: "verwerkt"}
        instance = _instance(waiting.id)
        assert (instance.status, instance.error) == ("completed", None)
        assert db.session.query(Toewijzing).one().status == "geaccepteerd"
    finally:
        app.config["ENGINE_STEP_TASK_LIMIT"] = previous_limit
        app.config["REDIS_URL"] = previous_redis
