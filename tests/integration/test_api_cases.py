"""Whole Wmo and Jeugd cases through the REST API, from melding to beschikking."""
from datetime import date, timedelta

import pytest

from app import db
from app.domain.deadlines import end_of_day
from app.models import Beschikking, ProcessInstance, ProcessingRecord, Zaak
from app.services.timers import fire_due_timers
from case_data import form_data

PRODUCT = {"wmo": "01A03", "jeugd": "45A03"}


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _melding(api, bsn, domein="wmo", ontvangen_op=None):
    body = {"bsn": bsn, "domein": domein, "omschrijving": "Hulp bij het huishouden nodig.", "kanaal": "telefoon"}
    if ontvangen_op:
        body["ontvangen_op"] = ontvangen_op.isoformat()
    response = api.post("/api/v1/meldingen", json=body)
    assert response.status_code == 201, response.json
    return response.json


def _open_task(api, zaak_id, rol=None):
    response = api.get("/api/v1/taken" + (f"?rol={rol}" if rol else ""))
    assert response.status_code == 200
    tasks = [t for t in response.json["results"] if t["zaak_id"] == zaak_id]
    assert tasks, f"no open task for zaak {zaak_id} ({rol})"
    return tasks[0]


def _complete(api, task, **options):
    data = form_data(task["formulier"], **options)
    if task["taak"] == "aanvraag_registreren":
        data["productcode"] = PRODUCT[db.session.get(Zaak, task["zaak_id"]).domein]
    return api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})


def _to_besluit(api, zaak_id, onderzoek=("triage", "onderzoek_gesprek", "onderzoek_verslag"), **options):
    for expected in (*onderzoek, "aanvraag_registreren", "besluit_voorbereiden"):
        task = _open_task(api, zaak_id, "consulent")
        assert task["taak"] == expected
        response = _complete(api, task, **options)
        assert response.status_code == 200, response.json


def test_a_wmo_toekenning_below_the_threshold_needs_no_second_check(consulent, person):
    zaak = _melding(consulent, person.bsn)
    assert {t["soort"] for t in zaak["termijnen"]} == {"onderzoek", "persoonlijk_plan"}  # art. 2.3.2 lid 1 and 2
    _to_besluit(consulent, zaak["id"], besluit="toekennen", kosten=2400)
    result = consulent.get(f"/api/v1/zaken/{zaak['id']}").json
    assert result["status"] == "afgesloten" and result["huidige_stappen"] == []
    [besluit] = result["besluiten"]
    assert besluit["besluit"] == "toekennen" and besluit["productcode"] == "01A03"
    assert {t["soort"] for t in result["termijnen"]} == {"onderzoek", "persoonlijk_plan", "beschikking"}
    assert all(t["afgerond_op"] for t in result["termijnen"])
    beschikking_termijn = next(t for t in result["termijnen"] if t["soort"] == "beschikking")
    assert date.fromisoformat(beschikking_termijn["uiterlijk"]) >= date.today() + timedelta(days=14)
    assert "2.3.5" in beschikking_termijn["artikel"]
    kinds = [e["soort"] for e in result["geschiedenis"]]
    assert kinds[0] == "melding_ontvangen" and "beschikking_vastgesteld" in kinds


def test_an_afwijzing_goes_to_a_beoordelaar_before_it_is_final(consulent, api_as, person):
    zaak = _melding(consulent, person.bsn)
    _to_besluit(consulent, zaak["id"], besluit="afwijzen")
    beoordelaar = api_as("beoordelaar")
    task = _open_task(beoordelaar, zaak["id"], "beoordelaar")
    assert task["taak"] == "vier_ogen_toets"
    assert consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {"toets": "akkoord"}}
                          ).status_code == 403
    assert _complete(beoordelaar, task).status_code == 200
    [besluit] = consulent.get(f"/api/v1/zaken/{zaak['id']}").json["besluiten"]
    assert besluit["besluit"] == "afwijzen"


def test_the_one_who_prepared_the_besluit_cannot_approve_it(api_as, person, users):
    senior = api_as("senior")  # consulent and beoordelaar at once
    zaak = _melding(senior, person.bsn)
    _to_besluit(senior, zaak["id"], besluit="toekennen", kosten=25000)  # above the vier-ogen threshold
    task = _open_task(senior, zaak["id"], "beoordelaar")
    refused = _complete(senior, task)
    assert refused.status_code == 403 and "Vier-ogen" in refused.json["detail"]
    assert senior.post(f"/api/v1/taken/{task['id']}/claim").status_code == 403
    assert _complete(api_as("beoordelaar"), task).status_code == 200
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak["id"]).one()
    assert beschikking.voorbereid_door_id == users["senior"].id
    assert beschikking.getoetst_door_id == users["beoordelaar"].id


def test_a_besluit_sent_back_is_checked_again_even_when_it_no_longer_needs_it(consulent, api_as, person):
    zaak = _melding(consulent, person.bsn)
    _to_besluit(consulent, zaak["id"], besluit="afwijzen")
    beoordelaar = api_as("beoordelaar")
    assert _complete(beoordelaar, _open_task(beoordelaar, zaak["id"]), toets="niet_akkoord").status_code == 200
    again = _open_task(consulent, zaak["id"], "consulent")
    assert again["taak"] == "besluit_voorbereiden"
    assert _complete(consulent, again, besluit="toekennen", kosten=100).status_code == 200
    assert _open_task(beoordelaar, zaak["id"])["taak"] == "vier_ogen_toets"


def test_a_jeugd_case_runs_to_a_beschikking_within_the_8_week_term(consulent, api_as, person):
    zaak = _melding(consulent, person.bsn, domein="jeugd")
    [termijn] = zaak["termijnen"]
    assert termijn["soort"] == "beslis" and date.fromisoformat(termijn["uiterlijk"]) >= date.today() + timedelta(weeks=8)
    _to_besluit(consulent, zaak["id"], onderzoek=("triage", "onderzoek_gesprek_jeugd"), besluit="toekennen",
                kosten=50000)
    beoordelaar = api_as("beoordelaar")
    assert _complete(beoordelaar, _open_task(beoordelaar, zaak["id"])).status_code == 200
    result = consulent.get(f"/api/v1/zaken/{zaak['id']}").json
    assert result["status"] == "afgesloten" and result["besluiten"][0]["productcode"] == "45A03"


def test_a_melding_received_long_ago_escalates_the_missed_onderzoek_term_to_a_beoordelaar(consulent, api_as, person):
    zaak = _melding(consulent, person.bsn, ontvangen_op=date.today() - timedelta(weeks=7))
    fire_due_timers()
    beoordelaar = api_as("beoordelaar")
    escalation = _open_task(beoordelaar, zaak["id"], "beoordelaar")
    assert escalation["taak"] == "termijn_onderzoek_overschreden"
    assert date.fromisoformat(escalation["uiterlijk"][:10]) > date.today()
    assert _open_task(consulent, zaak["id"], "consulent")["taak"] == "triage"  # the case itself goes on
    assert _complete(beoordelaar, escalation).status_code == 200


def test_a_term_ending_today_does_not_escalate_before_the_day_is_over(consulent, api_as, person):
    zaak = _melding(consulent, person.bsn, ontvangen_op=date.today() - timedelta(weeks=6))
    assert fire_due_timers() == 0
    beoordelaar_tasks = api_as("beoordelaar").get("/api/v1/taken?rol=beoordelaar").json["results"]
    assert not [t for t in beoordelaar_tasks if t["zaak_id"] == zaak["id"]]
    [termijn] = [t for t in db.session.get(Zaak, zaak["id"]).termijnen if t.soort == "onderzoek"]
    assert termijn.due >= date.today()  # today, or the next working day under the Atw
    instance = db.session.query(ProcessInstance).filter_by(zaak_id=zaak["id"]).one()
    assert instance.next_timer_at == end_of_day(termijn.due)


def test_every_read_and_change_of_the_case_is_in_the_processing_log(consulent, person, users):
    zaak = _melding(consulent, person.bsn)
    consulent.get(f"/api/v1/zaken/{zaak['id']}")
    records = db.session.query(ProcessingRecord).filter_by(subject_person_id=person.id).all()
    assert [(r.action, r.actor_user_id, r.activity.code) for r in records] == [
        ("aanmaken", users["consulent"].id, "wmo-melding"), ("lezen", users["consulent"].id, "wmo-behandeling")]
    assert all(len(r.trace_id) == 32 and r.subject_pseudonym != person.bsn for r in records)
