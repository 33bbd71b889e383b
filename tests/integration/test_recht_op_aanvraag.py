"""Decisions the inwoner is entitled to (#17 point 6, Wmo 2015 art. 2.3.2 lid 9 and 2.3.5): a melding that ends in an
algemene voorziening (triage) or in "geen maatwerkvoorziening" (onderzoek) gets a letter saying the inwoner may still
make an aanvraag; signing it in Mijn zaken takes the zaak on to the besluit within two weeks — a beschikking with the
bezwaar clause, also when it is an afwijzing; without an aanvraag the zaak closes after the letter's date."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app import db
from app.engine import RunContext, move_deadline_timers
from app.models import Beschikking, Document, HumanTask, Person, ProcessInstance, Termijn, Zaak
from app.services.recht_op_aanvraag import SOORT, waiting
from app.services.timers import fire_due_timers
from app.services.uow import unit_of_work
from case_data import form_data
from case_flow import PRODUCT, complete_steps, open_task_of, start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture

REFERRED = {"spoed": False, "samenvatting": "Boodschappen lukken niet.", "vervolg": "algemene_voorziening",
            "vervolg_toelichting": "De boodschappendienst van de buurt volstaat.",
            "persoonlijk_plan": "ziet_af"}  # on the melding day: she said she hands in no plan
GEEN_MAATWERK = {"verslag": "Mevrouw redt het met de hulp van haar dochter.", "advies": "geen_maatwerkvoorziening",
                 "verslag_verstrekt_op": date.today().isoformat(), "persoonlijk_plan": "ziet_af"}


@pytest.fixture
def inwoner(users) -> Person:
    return db.session.get(Person, users["inwoner"].person_id)


def _complete(api, zaak_id: int, expected: str, data: dict) -> None:
    task = open_task_of(api, zaak_id)
    assert task["taak"] == expected
    response = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
    assert response.status_code == 200, response.json


def _letter(zaak_id: int) -> Document:
    return db.session.scalar(select(Document).where(Document.zaak_id == zaak_id, Document.soort == SOORT))


def _decide(api_as, zaak_id: int, besluit: str) -> Beschikking:
    """The consulent registers the aanvraag and prepares the besluit; a beoordelaar checks an afwijzing."""
    complete_steps(api_as("consulent"), zaak_id, ("aanvraag_registreren", "besluit_voorbereiden"), besluit=besluit)
    if besluit == "afwijzen":
        beoordelaar = api_as("beoordelaar")
        tasks = [t for t in beoordelaar.get("/api/v1/taken?rol=beoordelaar").json["results"] if t["zaak_id"] == zaak_id]
        done = beoordelaar.post(f"/api/v1/taken/{tasks[0]['id']}/voltooien", json={"gegevens": form_data("vier_ogen_toets")})
        assert done.status_code == 200, done.json
    db.session.remove()
    return db.session.scalars(select(Beschikking).where(Beschikking.zaak_id == zaak_id)).one()


def test_an_algemene_voorziening_tells_the_inwoner_she_may_still_apply_and_her_aanvraag_ends_in_an_afwijzing_she_can_object_to(
        api_as, client_as, inwoner):
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn)["id"]
    _complete(consulent, zaak_id, "triage", REFERRED)
    db.session.remove()
    zaak = db.session.get(Zaak, zaak_id)
    assert zaak.status == "lopend"  # the process waits for her aanvraag instead of ending
    tot = waiting([zaak_id])[zaak_id]
    assert tot >= date.today() + timedelta(weeks=6)
    letter = _letter(zaak_id).html
    for words in ("U mag toch een aanvraag doen", "algemene voorziening", "De boodschappendienst van de buurt volstaat.",
                  "artikel 2.3.2 lid 9 en artikel 2.3.5", "binnen twee weken", "bezwaar", "Aanvraag doen"):
        assert words in letter, words

    onderzoek = db.session.scalar(select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.soort == "onderzoek"))
    assert onderzoek.met_at is not None  # the letter is the written outcome of the melding (art. 2.3.2 lid 8)
    staff = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "toch een aanvraag doen" in staff

    inwoner_client = client_as("inwoner")
    zaak_page = inwoner_client.get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert "U mag toch een aanvraag doen" in zaak_page and f"/mijn/zaken/{zaak_id}/aanvraag" in zaak_page
    assert "Aanvraag doen" in inwoner_client.get("/mijn/").get_data(as_text=True)
    page = inwoner_client.get(f"/mijn/zaken/{zaak_id}/aanvraag").get_data(as_text=True)
    assert "De boodschappendienst van de buurt volstaat." in page and "Aanvraag doen" in page
    empty = inwoner_client.post(f"/mijn/zaken/{zaak_id}/aanvraag", data={"akkoord": "opmerkingen", "opmerkingen": ""})
    assert empty.status_code == 400 and "Schrijf waarom u de hulp toch nodig heeft." in empty.get_data(as_text=True)
    signed = inwoner_client.post(f"/mijn/zaken/{zaak_id}/aanvraag",
                                 data={"akkoord": "opmerkingen", "opmerkingen": "Ik kan niet naar buiten, ook niet met hulp."})
    assert signed.status_code == 302
    db.session.remove()
    assert waiting([zaak_id]) == {}
    assert open_task_of(consulent, zaak_id)["taak"] == "aanvraag_registreren"

    beschikking = _decide(api_as, zaak_id, "afwijzen")
    assert beschikking.besluit == "afwijzen" and not beschikking.tijdelijk
    termijn = db.session.scalar(select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.soort == "beschikking"))
    assert termijn.due >= date.today() + timedelta(weeks=2) and "2.3.5" in termijn.article  # two weeks from the aanvraag
    document = db.session.scalar(select(Document).where(Document.zaak_id == zaak_id, Document.soort == "beschikking"))
    assert "wijst uw aanvraag" in document.html and "bezwaar" in document.html and "binnen zes weken" in document.html
    assert db.session.get(Zaak, zaak_id).status == "afgesloten"


def test_no_maatwerk_after_the_onderzoek_gives_the_letter_and_a_signed_aanvraag_can_still_be_granted(
        api_as, client_as, inwoner):
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn)["id"]
    complete_steps(consulent, zaak_id, ("triage", "onderzoek_gesprek"))
    _complete(consulent, zaak_id, "onderzoek_verslag", GEEN_MAATWERK)
    db.session.remove()
    assert not [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    letter = _letter(zaak_id).html
    assert "geen maatwerkvoorziening" in letter and "Mevrouw redt het met de hulp van haar dochter." in letter
    inwoner_client = client_as("inwoner")
    assert "Aanvraag doen" in inwoner_client.get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert inwoner_client.post(f"/mijn/zaken/{zaak_id}/aanvraag", data={"akkoord": "ja"}).status_code == 302
    beschikking = _decide(api_as, zaak_id, "toekennen")
    assert beschikking.besluit == "toekennen" and beschikking.productcode == PRODUCT["wmo"]


def let_the_aanvraag_term_pass(zaak_id: int) -> int:
    """The date in the letter has passed (as a timer test does it: the deadline in the past) and the tick ran;
    how many timers were moved."""
    with unit_of_work() as session:
        instance = session.scalar(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak_id))
        moved = move_deadline_timers(RunContext(session=session, zaak_id=zaak_id), instance, "aanvraag_mogelijk_tot",
                                     datetime.now(timezone.utc) - timedelta(minutes=1))
    fire_due_timers()
    db.session.remove()
    return moved


def test_without_an_aanvraag_the_zaak_closes_after_the_date_in_the_letter(api_as, client_as, inwoner):
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn)["id"]
    _complete(consulent, zaak_id, "triage", REFERRED)
    db.session.remove()
    assert db.session.get(Zaak, zaak_id).status == "lopend"
    assert fire_due_timers() == 0  # six weeks to go
    assert let_the_aanvraag_term_pass(zaak_id) == 1
    zaak = db.session.get(Zaak, zaak_id)
    assert zaak.status == "afgesloten" and waiting([zaak_id]) == {}
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert "Aanvraag doen" not in page and "Deze zaak is afgerond." in page


def test_a_normal_verslag_signature_hands_nothing_to_the_process(api_as, client_as, inwoner):
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn)["id"]
    complete_steps(consulent, zaak_id, ("triage", "onderzoek_gesprek", "onderzoek_verslag"))
    assert _letter(zaak_id) is None
    assert client_as("inwoner").post(f"/mijn/zaken/{zaak_id}/aanvraag", data={"akkoord": "ja"}).status_code == 302
    db.session.remove()
    tasks = db.session.scalars(select(HumanTask.spec_name).where(HumanTask.zaak_id == zaak_id,
                                                                 HumanTask.status == "open")).all()
    assert tasks == ["aanvraag_registreren"]


def test_a_jeugd_melding_referred_at_the_triage_gets_no_aanvraag_page(api_as, client_as, inwoner):
    """Only the Wmo model tells the inwoner of this right (the Jeugdwet has no melding-onderzoek-aanvraag chain)."""
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn, domein="jeugd")["id"]
    _complete(consulent, zaak_id, "triage", REFERRED)
    db.session.remove()
    assert db.session.get(Zaak, zaak_id).status == "afgesloten" and _letter(zaak_id) is None
    assert client_as("inwoner").get(f"/mijn/zaken/{zaak_id}/aanvraag").status_code == 404


def test_the_consulent_records_an_aanvraag_that_came_by_letter_and_the_aanvraag_form_starts_with_its_date(
        api_as, client_as, inwoner):
    """An inwoner of 80 writes a letter instead of signing in Mijn zaken: the consulent records it on the zaak page
    (a missing or impossible date and a missing proof are named), the zaak goes on to 'Aanvraag registreren' with
    that day and proof filled in, and the wait is over; a second record finds nothing waiting."""
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, inwoner.bsn)["id"]
    _complete(consulent, zaak_id, "triage", REFERRED)
    db.session.remove()
    web = client_as("consulent")
    page = web.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Wacht op een aanvraag van de inwoner" in page and "Aanvraag per brief of telefoon vastleggen" in page
    url = f"/werkvoorraad/zaken/{zaak_id}/aanvraag-op-papier"
    empty = web.post(url, data={"ontvangen_op": "", "bewijs": " "})
    assert empty.status_code == 400
    text = empty.get_data(as_text=True)
    assert "Vul de datum in waarop de aanvraag binnenkwam" in text and "Vul in hoe de aanvraag binnenkwam" in text
    early = web.post(url, data={"ontvangen_op": (date.today() - timedelta(days=1)).isoformat(), "bewijs": "Brief"})
    assert "kan niet eerder binnen zijn dan de brief over het recht op een aanvraag" in early.get_data(as_text=True)
    late = web.post(url, data={"ontvangen_op": (date.today() + timedelta(days=1)).isoformat(), "bewijs": "Brief"})
    assert late.status_code == 400 and "kan niet in de toekomst liggen" in late.get_data(as_text=True)
    assert waiting([zaak_id]) != {}  # nothing half-done by the refused forms
    assert client_as("beoordelaar").post(url, data={"ontvangen_op": date.today().isoformat(),
                                                    "bewijs": "Brief"}).status_code == 403

    done = web.post(url, data={"ontvangen_op": date.today().isoformat(), "bewijs": "Brief met kenmerk W-2026-88"})
    assert done.status_code == 302
    db.session.remove()
    assert waiting([zaak_id]) == {}
    task = open_task_of(consulent, zaak_id)
    assert task["taak"] == "aanvraag_registreren"
    form = web.get(f"/werkvoorraad/taken/{task['id']}").get_data(as_text=True)
    assert f'value="{date.today().isoformat()}"' in form and "Brief met kenmerk W-2026-88" in form
    history = web.get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert "Aanvraag ontvangen op" in history and "Wacht op een aanvraag van de inwoner" not in history
    again = web.post(url, data={"ontvangen_op": date.today().isoformat(), "bewijs": "Brief"}, follow_redirects=True)
    assert "Deze zaak wacht niet (meer) op een aanvraag." in again.get_data(as_text=True)
