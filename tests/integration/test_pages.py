"""The pages without a browser: melding in the portal, the werkvoorraad, a task form with errors."""
import re

from app import db
from app.models import HumanTask, Person, ProcessingRecord, Zaak


def _submit_melding(client, text="Ik kan niet meer zelf stofzuigen."):
    return client.post("/mijn/melding", data={"domein": "wmo", "omschrijving": text})


def test_an_inwoner_submits_a_melding_and_gets_a_receipt_with_the_zaaknummer(client_as):
    inwoner = client_as("inwoner")
    response = _submit_melding(inwoner)
    assert response.status_code == 302
    page = inwoner.get(response.location).get_data(as_text=True)
    assert "Wij hebben uw melding ontvangen" in page and re.search(r"Z-\d{4}-\d{6}", page)
    assert "onderzoek na de melding afronden" in page.lower()


def test_an_empty_melding_gets_a_dutch_error_beside_the_field_and_nothing_is_stored(client_as):
    response = client_as("inwoner").post("/mijn/melding", data={"domein": "", "omschrijving": "  "})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Beschrijf waar u hulp bij nodig heeft." in page and 'href="#field-omschrijving"' in page
    assert db.session.query(Zaak).count() == 0


def test_an_inwoner_cannot_open_someone_elses_zaak(client_as, users, api_as):
    other = db.session.query(Person).filter(Person.id != users["inwoner"].person_id).first()
    zaak = api_as("consulent").post("/api/v1/meldingen", json={"bsn": other.bsn, "domein": "wmo",
                                                                "omschrijving": "x"}).json
    assert client_as("inwoner").get(f"/mijn/zaken/{zaak['id']}").status_code == 404
    assert client_as("inwoner").get("/werkvoorraad/").status_code == 403


def test_the_consulent_sees_the_task_fills_the_form_wrongly_then_rightly(client_as):
    _submit_melding(client_as("inwoner"))
    consulent = client_as("consulent")
    inbox = consulent.get("/werkvoorraad/").get_data(as_text=True)
    task = db.session.query(HumanTask).filter_by(status="open").one()
    assert f"/werkvoorraad/taken/{task.id}" in inbox and "Bakker" in inbox
    wrong = consulent.post(f"/werkvoorraad/taken/{task.id}", data={"vervolg": "onderzoek"})
    assert wrong.status_code == 400 and "field-samenvatting-error" in wrong.get_data(as_text=True)
    right = consulent.post(f"/werkvoorraad/taken/{task.id}", data={
        "vervolg": "onderzoek", "samenvatting": "Huishouden lukt niet meer."})
    assert right.status_code == 302
    db.session.expire_all()
    assert {t.spec_name for t in db.session.query(HumanTask).filter_by(status="open")} == {"onderzoek_gesprek"}


def test_claiming_and_releasing_a_task_in_the_pages(client_as, users):
    _submit_melding(client_as("inwoner"))
    task = db.session.query(HumanTask).filter_by(status="open").one()
    consulent = client_as("consulent")
    consulent.post(f"/werkvoorraad/taken/{task.id}/oppakken")
    db.session.refresh(task)
    assert task.assignee_id == users["consulent"].id
    colleague = client_as("senior")
    page = colleague.get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert "Opgepakt door" in page and "Taak afronden" not in page
    consulent.post(f"/werkvoorraad/taken/{task.id}/teruggeven")
    db.session.refresh(task)
    assert task.assignee_id is None


def test_who_looked_at_a_dossier_is_complete(client_as, users):
    inwoner = client_as("inwoner")
    _submit_melding(inwoner)
    zaak = db.session.query(Zaak).one()
    consulent = client_as("consulent")
    consulent.get("/werkvoorraad/")
    task = db.session.query(HumanTask).filter_by(status="open").one()
    consulent.get(f"/werkvoorraad/taken/{task.id}")
    consulent.get(f"/werkvoorraad/zaken/{zaak.id}")
    inwoner.get(f"/mijn/zaken/{zaak.id}")
    records = db.session.query(ProcessingRecord).filter_by(subject_person_id=zaak.person_id).order_by(
        ProcessingRecord.id).all()
    assert [(r.actor.username, r.actor_role, r.action, r.object_type) for r in records] == [
        ("inwoner", "inwoner", "aanmaken", "zaak"),
        ("consulent", "consulent", "lezen", "lijst"),
        ("consulent", "consulent", "lezen", "taak"),
        ("consulent", "consulent", "lezen", "zaak"),
        ("inwoner", "inwoner", "lezen", "zaak"),
    ]


def test_the_beoordelaar_sees_the_proposed_besluit_beside_the_vier_ogen_form(client_as, api_as, person):
    from case_data import form_data
    consulent = api_as("consulent")
    zaak = consulent.post("/api/v1/meldingen", json={"bsn": person.bsn, "domein": "wmo", "omschrijving": "x"}).json
    for _ in range(5):
        [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak["id"]]
        data = form_data(task["formulier"], besluit="afwijzen")
        if task["formulier"] == "aanvraag_registreren":
            data["productcode"] = "01A03"
        assert consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data}).status_code == 200
    toets = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
    page = client_as("beoordelaar").get(f"/werkvoorraad/taken/{toets.id}").get_data(as_text=True)
    assert "Eerder vastgelegd in deze zaak" in page
    assert "de voorziening niet nodig is." in page and "Afwijzen" in page
    assert "01A03 — Hulp bij het huishouden, basis" in page
