"""#17 point 1: every term runs from the date the law names, through the services and the API.

Hand-computed dates (Atw art. 1 and 3: a last day on a Saturday, Sunday or holiday moves to the next working day):
- Jeugd aanvraag Fri 6 Nov 2026 + 8 weeks = Fri 1 Jan 2027, Nieuwjaarsdag → Mon 4 Jan 2027 (Awb 4:13);
  the melding of Mon 5 Oct 2026 would have given Mon 30 Nov 2026.
- Wmo melding Fri 20 Nov 2026 + 6 weeks = Fri 1 Jan 2027 → Mon 4 Jan 2027 (onderzoek, art. 2.3.2 lid 1).
- Persoonlijk plan: melding Mon 30 Nov 2026 + 7 days = Mon 7 Dec 2026 (art. 2.3.2 lid 2).
- Bezwaar: sent Fri 13 Nov 2026 → term from Sat 14 Nov, 6 weeks end Fri 25 Dec (Eerste Kerstdag), Sat 26 (Tweede),
  Sun 27 → Mon 28 Dec 2026 (Awb 6:7, 6:8 lid 1).
"""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app import db
from app.models import Beschikking, Document, HumanTask, Termijn, Zaak
from app.services import ondertekenen
from app.services.errors import InvalidInput
from app.services.meldingen import submit_melding
from app.services.tasks import complete_task
import wall_clock
from case_data import form_data
from app.jobs.background import drain

LOCAL = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 12, 7)  # the day the dates above were computed for: every test runs on it (wall_clock)


@pytest.fixture(autouse=True)
def _on_7_december_2026():
    with wall_clock.on(TODAY):
        yield


def _melding(users, domein: str, on: date, person_id=None) -> Zaak:
    return submit_melding(users["consulent"], person_id=person_id or users["inwoner"].person_id, domein=domein,
                          omschrijving="Hulp nodig.", kanaal="telefoon", ontvangen_op=on)


def _open(zaak_id: int) -> HumanTask:
    """The open step of the main flow (a passed term's own task, e.g. after a melding weeks ago, aside)."""
    return db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").filter(
        HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%")).order_by(HumanTask.id).first()


def _do(users, zaak_id: int, step: str, **changes) -> None:
    task = _open(zaak_id)
    assert task.spec_name == step
    data = form_data("onderzoek_jeugd" if step == "onderzoek_gesprek_jeugd" else step)
    if step == "aanvraag_registreren":
        data["productcode"] = "45A03" if db.session.get(Zaak, zaak_id).domein == "jeugd" else "01A03"
    data.update(changes)
    complete_task(users["consulent"], task.id, data)


def _termijn(zaak_id: int, soort: str) -> Termijn:
    db.session.expire_all()
    return db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort=soort).one()


def _errors(call) -> dict:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.errors


def test_jeugd_beslistermijn_runs_from_the_aanvraag_not_the_melding(users, api_as):
    zaak = _melding(users, "jeugd", date(2026, 10, 5))
    assert _termijn(zaak.id, "beslis").due == date(2026, 11, 30)  # provisional, from the melding
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek_jeugd")
    _do(users, zaak.id, "aanvraag_registreren", aanvraag_ontvangen_op="2026-11-06",
        aanvraag_bewijs="Brief van 6 november 2026, kenmerk JH-1234")
    termijn = _termijn(zaak.id, "beslis")
    assert termijn.due == date(2027, 1, 4)
    assert termijn.article == "art. 4:13 lid 2 Awb; art. 1 lid 1 Atw"
    besluit = _open(zaak.id)  # the engine's deadline property and timer follow the new date
    assert besluit.spec_name == "besluit_voorbereiden"
    assert besluit.due_at.astimezone(LOCAL).date() == date(2027, 1, 4)
    api = api_as("consulent").get(f"/api/v1/zaken/{zaak.id}").json
    assert {t["soort"]: t["uiterlijk"] for t in api["termijnen"]}["beslis"] == "2027-01-04"


def test_the_aanvraag_date_is_refused_before_the_melding_in_the_future_or_earlier_without_proof(users, api_as):
    melding = TODAY - timedelta(days=20)
    zaak = _melding(users, "jeugd", melding)
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek_jeugd")
    task = _open(zaak.id)
    data = form_data("aanvraag_registreren") | {"productcode": "45A03"}
    before = _errors(lambda: complete_task(users["consulent"], task.id,
                                           data | {"aanvraag_ontvangen_op": (melding - timedelta(days=1)).isoformat()}))
    assert before["aanvraag_ontvangen_op"].startswith("De aanvraag kan niet eerder zijn ontvangen dan de melding")
    future = _errors(lambda: complete_task(users["consulent"], task.id,
                                           data | {"aanvraag_ontvangen_op": (TODAY + timedelta(days=1)).isoformat()}))
    assert future["aanvraag_ontvangen_op"] == "De datum van ontvangst van de aanvraag kan niet in de toekomst liggen."
    earlier = (TODAY - timedelta(days=3)).isoformat()
    response = api_as("consulent").post(f"/api/v1/taken/{task.id}/voltooien",
                                        json={"gegevens": data | {"aanvraag_ontvangen_op": earlier}})
    assert response.status_code in (400, 422)
    assert "bewijs" in str(response.json) and "brief of telefoon" in str(response.json)
    assert db.session.get(HumanTask, task.id).status == "open"  # nothing half-written
    response = api_as("consulent").post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": data | {
        "aanvraag_ontvangen_op": earlier, "aanvraag_bewijs": "Telefoonnotitie 12, ontvangen per telefoon"}})
    assert response.status_code == 200, response.json
    expected = (TODAY - timedelta(days=3)) + timedelta(weeks=8)
    assert _termijn(zaak.id, "beslis").due >= expected  # from the aanvraag (later only by the Atw)
    assert _termijn(zaak.id, "beslis").due - expected < timedelta(days=5)


def test_a_signature_in_mijn_zaken_is_the_date_of_receipt(users):
    zaak = _melding(users, "wmo", TODAY - timedelta(days=10))
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek")
    _do(users, zaak.id, "onderzoek_verslag")
    ondertekenen.sign(users["inwoner"], db.session.get(Zaak, zaak.id), akkoord="ja", opmerkingen="")
    task = _open(zaak.id)
    assert task.spec_name == "aanvraag_registreren"
    data = form_data("aanvraag_registreren") | {"productcode": "01A03"}
    earlier = (TODAY - timedelta(days=2)).isoformat()
    assert "aanvraag_bewijs" in _errors(lambda: complete_task(users["consulent"], task.id,
                                                              data | {"aanvraag_ontvangen_op": earlier}))
    complete_task(users["consulent"], task.id, data | {"aanvraag_ontvangen_op": TODAY.isoformat()})  # no proof needed
    assert _termijn(zaak.id, "beschikking").due >= TODAY + timedelta(weeks=2)


def test_an_aanvraag_date_after_the_signature_in_mijn_zaken_is_refused(users, client_as):
    signed = TODAY - timedelta(days=3)  # Fri 4 Dec 2026: the inwoner signs in Mijn zaken, the consulent registers later
    with wall_clock.on(signed):
        zaak = _melding(users, "wmo", signed - timedelta(days=10))
        for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag"):
            _do(users, zaak.id, step)
        assert client_as("inwoner").post(f"/mijn/zaken/{zaak.id}/aanvraag", data={"akkoord": "ja"}).status_code == 302
    task = _open(zaak.id)
    assert task.spec_name == "aanvraag_registreren"
    data = form_data("aanvraag_registreren") | {"productcode": "01A03", "aanvraag_bewijs": "Brief van 7 december"}
    for later in (signed + timedelta(days=1), TODAY):  # a proof does not make a later day possible either
        errors = _errors(lambda: complete_task(users["consulent"], task.id,
                                               data | {"aanvraag_ontvangen_op": later.isoformat()}))
        assert errors["aanvraag_ontvangen_op"] == ("De inwoner ondertekende de aanvraag op 4 december 2026 in Mijn "
                                                   "zaken; dat is de datum van ontvangst. Een latere datum kan niet.")
    assert db.session.get(HumanTask, task.id).status == "open"
    complete_task(users["consulent"], task.id, form_data("aanvraag_registreren") | {
        "productcode": "01A03", "aanvraag_ontvangen_op": signed.isoformat()})  # the day she signed: no proof asked
    assert _termijn(zaak.id, "beschikking").due == date(2026, 12, 18)  # Fri 4 Dec + 2 weeks (art. 2.3.5 lid 1)


def test_the_onderzoek_is_met_on_the_day_the_verslag_was_given(users):
    zaak = _melding(users, "wmo", date(2026, 11, 20))
    onderzoek = _termijn(zaak.id, "onderzoek")
    assert onderzoek.due == date(2027, 1, 4) and onderzoek.met_at is None
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek")
    _do(users, zaak.id, "onderzoek_verslag", verslag_verstrekt_op="2026-12-02")
    assert _termijn(zaak.id, "onderzoek").met_at.astimezone(LOCAL).date() == date(2026, 12, 2)
    _do(users, zaak.id, "aanvraag_registreren", aanvraag_ontvangen_op=TODAY.isoformat())
    assert _termijn(zaak.id, "onderzoek").met_at.astimezone(LOCAL).date() == date(2026, 12, 2)  # not moved


def test_a_verslag_date_before_the_melding_or_in_the_future_is_refused(users):
    zaak = _melding(users, "wmo", TODAY - timedelta(days=30))
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek")
    task = _open(zaak.id)
    data = form_data("onderzoek_verslag")
    for day, start in ((TODAY - timedelta(days=31), "Het verslag kan niet eerder"), (TODAY + timedelta(days=1), "De datum")):
        errors = _errors(lambda: complete_task(users["consulent"], task.id, data | {"verslag_verstrekt_op": day.isoformat()}))
        assert errors["verslag_verstrekt_op"].startswith(start)


def test_the_persoonlijk_plan_term_is_shown_and_awaited(users, client_as, api_as):
    zaak = _melding(users, "wmo", date(2026, 11, 30))
    plan = _termijn(zaak.id, "persoonlijk_plan")
    assert (plan.due, plan.article) == (date(2026, 12, 7), "art. 2.3.2 lid 2 Wmo 2015")
    portal = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "Persoonlijk plan overhandigen" in portal and "7 december 2026" in portal
    api = api_as("consulent").get(f"/api/v1/zaken/{zaak.id}").json
    assert "persoonlijk_plan" in str(api["termijnen"]) and "2026-12-07" in str(api["termijnen"])
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek")
    task = _open(zaak.id)
    data = {k: v for k, v in form_data("onderzoek_verslag").items() if k != "persoonlijk_plan"}
    errors = _errors(lambda: complete_task(users["consulent"], task.id, data))
    assert errors["persoonlijk_plan"].startswith("De inwoner mag tot en met 7 december 2026 een persoonlijk plan")
    errors = _errors(lambda: complete_task(users["consulent"], task.id, data | {"persoonlijk_plan": "niet_ontvangen"}))
    assert "persoonlijk_plan" in errors
    complete_task(users["consulent"], task.id, data | {"persoonlijk_plan": "ziet_af"})
    assert _termijn(zaak.id, "persoonlijk_plan").met_at is not None


def test_once_the_persoonlijk_plan_term_has_passed_the_onderzoek_may_conclude(users):
    zaak = _melding(users, "wmo", TODAY - timedelta(days=14))
    assert _termijn(zaak.id, "persoonlijk_plan").due < TODAY
    _do(users, zaak.id, "triage")
    _do(users, zaak.id, "onderzoek_gesprek")
    task = _open(zaak.id)
    data = {k: v for k, v in form_data("onderzoek_verslag").items() if k != "persoonlijk_plan"}
    complete_task(users["consulent"], task.id, data)
    assert _open(zaak.id).spec_name == "aanvraag_registreren"
    assert _termijn(zaak.id, "onderzoek").met_at is not None
    assert _termijn(zaak.id, "persoonlijk_plan").met_at is None  # it passed without a plan: not "afgerond"


#: A triage that ends the onderzoek with a referral (wmo.bpmn: the letter that she may still apply, then the wait).
REFERRAL = {"spoed": False, "samenvatting": "Boodschappen lukken niet.", "vervolg": "algemene_voorziening",
            "vervolg_toelichting": "De boodschappendienst van de buurt volstaat."}


def _plan_item(page: str) -> str:
    """The persoonlijk plan's line in the list of legal terms on a zaak page."""
    import re
    return next(item for item in re.findall(r'<li class="cumulus-termijnen__item">.*?</li>', page, re.S)
                if "Persoonlijk plan overhandigen" in item)


def test_a_referral_at_the_triage_waits_for_the_persoonlijk_plan_term_like_the_verslag(users, client_as):
    zaak = _melding(users, "wmo", TODAY)  # Mon 7 Dec 2026 + 7 days: the plan may come until Mon 14 Dec
    task = _open(zaak.id)
    assert task.spec_name == "triage"
    consulent = client_as("consulent")
    refused = consulent.post(f"/werkvoorraad/taken/{task.id}", data=REFERRAL)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert 'id="field-persoonlijk_plan-error"' in page  # beside the field, in Dutch
    assert ("De inwoner mag tot en met 14 december 2026 een persoonlijk plan inleveren (art. 2.3.2 lid 2 Wmo 2015). "
            "Verwijs pas daarna naar een algemene voorziening, tenzij het plan binnen is of de inwoner zegt er geen "
            "in te leveren.") in page
    assert "persoonlijk_plan" in _errors(lambda: complete_task(users["consulent"], task.id,
                                                                REFERRAL | {"persoonlijk_plan": "niet_ontvangen"}))
    db.session.expire_all()
    assert db.session.get(HumanTask, task.id).status == "open"  # nothing half-written: no letter, no term met
    assert not db.session.query(Document).filter_by(zaak_id=zaak.id).count()
    assert _termijn(zaak.id, "onderzoek").met_at is None and _termijn(zaak.id, "persoonlijk_plan").met_at is None

    done = consulent.post(f"/werkvoorraad/taken/{task.id}", data=REFERRAL | {"persoonlijk_plan": "ziet_af"})
    assert done.status_code == 302
    assert _termijn(zaak.id, "persoonlijk_plan").met_at.astimezone(LOCAL).date() == TODAY  # she declined today
    assert _termijn(zaak.id, "onderzoek").met_at is not None  # the letter is the onderzoek's outcome (lid 8)

    onderzoek = _melding(users, "wmo", TODAY)  # starting the onderzoek on the melding day is not held up
    _do(users, onderzoek.id, "triage")
    assert _open(onderzoek.id).spec_name == "onderzoek_gesprek"
    assert _termijn(onderzoek.id, "persoonlijk_plan").met_at is None


def test_a_running_case_with_an_older_triage_form_is_told_to_wait_on_a_question_it_shows(users):
    """A zaak that still runs on a triage form from before the persoonlijk plan question: the message lands on the
    question 'vervolg' the consulent sees, and says why nothing else can be answered."""
    from app.services.termijnen import task_term_errors
    zaak = _melding(users, "wmo", TODAY)
    old_form = ["spoed", "samenvatting", "vervolg", "vervolg_toelichting"]
    errors = task_term_errors(db.session, zaak, "triage", REFERRAL, fields=old_form)
    assert set(errors) == {"vervolg"}
    assert errors["vervolg"].startswith("De inwoner mag tot en met 14 december 2026 een persoonlijk plan inleveren "
                                        "(art. 2.3.2 lid 2 Wmo 2015). Verwijs pas daarna naar een algemene voorziening.")
    assert "eerdere versie van het formulier" in errors["vervolg"]
    current = task_term_errors(db.session, zaak, "triage", REFERRAL, fields=old_form + ["persoonlijk_plan"])
    assert set(current) == {"persoonlijk_plan"}
    assert task_term_errors(db.session, zaak, "triage", REFERRAL | {"vervolg": "onderzoek"}, fields=old_form) == {}
    db.session.rollback()


def test_a_referral_after_the_persoonlijk_plan_term_needs_no_answer_and_does_not_call_the_term_met(users, client_as):
    zaak = _melding(users, "wmo", date(2026, 11, 27))  # Fri 27 Nov + 7 days = Fri 4 Dec 2026: passed
    complete_task(users["consulent"], _open(zaak.id).id, REFERRAL)
    assert _termijn(zaak.id, "persoonlijk_plan").met_at is None  # no plan came and she did not decline: it passed
    assert _termijn(zaak.id, "onderzoek").met_at is not None
    staff = _plan_item(client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True))
    portal = _plan_item(client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True))
    for item in (staff, portal):
        assert "Verstreken" in item and "Afgerond" not in item


def test_the_bezwaar_term_runs_from_the_day_after_the_letter_was_sent(users, api_as, client_as):
    zaak = _melding(users, "wmo", TODAY - timedelta(days=10))
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden"):
        _do(users, zaak.id, step)
    assert drain(timeout=120)  # SQLite: the letter job ran in-process
    from app.services.beschikking_document import make_missing_documents
    make_missing_documents()  # Redis: the job waits for a worker; the tick's catch-up writes the letter here
    db.session.expire_all()
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak.id).one()
    assert beschikking.bekendgemaakt_op == TODAY
    from app.domain.deadlines import bezwaar_deadline, format_date_nl
    assert beschikking.bezwaar_tot == bezwaar_deadline(TODAY).due
    letter = db.session.query(Document).filter_by(beschikking_id=beschikking.id).one()
    assert format_date_nl(beschikking.bezwaar_tot) in letter.html
    besluit = api_as("consulent").get(f"/api/v1/zaken/{zaak.id}").json["besluiten"][0]
    assert besluit["bekendgemaakt_op"] == TODAY.isoformat()
    assert besluit["bezwaar_tot"] == beschikking.bezwaar_tot.isoformat()
    portal = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert f"tot en met <strong class=\"cumulus-bezwaar-tot\">{format_date_nl(beschikking.bezwaar_tot)}" in portal


def test_a_letter_sent_later_than_the_beschikking_was_made_counts_from_its_sending(users, app):
    from app.services.beschikking_document import made_known, render_beschikking
    zaak = _melding(users, "wmo", TODAY - timedelta(days=10))
    made = Beschikking(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, besluit="afwijzen", motivering="Niet nodig.",
                       vastgesteld_op=datetime(2026, 11, 10, 9, tzinfo=LOCAL))
    made_known(made, date(2026, 11, 13))  # the letter job ran three days later
    assert (made.bekendgemaakt_op, made.bezwaar_tot) == (date(2026, 11, 13), date(2026, 12, 28))
    made_known(made, date(2026, 11, 20))  # a second run does not move it
    assert made.bezwaar_tot == date(2026, 12, 28)
    with app.test_request_context():
        html = render_beschikking(made, db.session.get(Zaak, zaak.id), None)
    assert "13 november 2026" in html and "28 december 2026" in html
    db.session.rollback()


def _zaak_of(users, domein: str, melding: date) -> Zaak:
    """A zaak row with a melding date the API would still call future (the rules take `today` as an argument)."""
    from app.domain import deadlines
    from app.models import Person
    from app.services.meldingen import record_deadline
    person = db.session.get(Person, users["inwoner"].person_id)
    zaak = Zaak(zaaknummer=f"T-{melding.isoformat()}-{domein}", domein=domein, gemeente_id=person.gemeente_id,
                person_id=person.id, omschrijving="Hulp nodig.", kanaal="brief", ontvangen_op=melding)
    db.session.add(zaak)
    db.session.flush()
    if domein == "wmo":
        record_deadline(db.session, zaak.id, "persoonlijk_plan", deadlines.persoonlijk_plan_deadline(melding))
    return zaak


@pytest.mark.parametrize(("aanvraag", "due"), [
    (date(2027, 2, 1), date(2027, 3, 30)),   # + 8 weeks = Mon 29 Mar 2027, Tweede Paasdag → Tue 30 Mar
    (date(2027, 3, 2), date(2027, 4, 28)),   # + 8 weeks = Tue 27 Apr 2027, Koningsdag → Wed 28 Apr
    (date(2026, 11, 6), date(2027, 1, 4)),   # + 8 weeks = Fri 1 Jan 2027, Nieuwjaarsdag → Mon 4 Jan
])
def test_jeugd_beslistermijn_from_the_aanvraag_around_the_2027_holidays(users, aanvraag, due):
    from app.services import termijnen
    zaak = _zaak_of(users, "jeugd", date(2026, 10, 1))
    data = {"aanvraag_ontvangen_op": aanvraag.isoformat(), "aanvraag_bewijs": "Brief, kenmerk JH-7"}
    assert termijnen.task_term_errors(db.session, zaak, "aanvraag_registreren", data, today=aanvraag) == {}
    termijnen.apply_task_terms(db.session, zaak, "aanvraag_registreren", data)
    assert db.session.query(Termijn).filter_by(zaak_id=zaak.id, soort="beslis").one().due == due
    db.session.rollback()


def test_the_aanvraag_rules_on_given_days(users):
    from app.services import termijnen
    zaak = _zaak_of(users, "jeugd", date(2027, 3, 26))  # Goede Vrijdag
    errors = termijnen.task_term_errors
    assert "melding (26 maart 2027)" in errors(db.session, zaak, "aanvraag_registreren",
                                              {"aanvraag_ontvangen_op": "2027-03-25"}, today=date(2027, 3, 30))[
        "aanvraag_ontvangen_op"]
    assert "toekomst" in errors(db.session, zaak, "aanvraag_registreren",
                                {"aanvraag_ontvangen_op": "2027-03-31"}, today=date(2027, 3, 30))["aanvraag_ontvangen_op"]
    assert errors(db.session, zaak, "aanvraag_registreren", {"aanvraag_ontvangen_op": "2027-03-30"},
                  today=date(2027, 3, 30)) == {}  # received today: no proof asked
    assert "aanvraag_bewijs" in errors(db.session, zaak, "aanvraag_registreren",
                                       {"aanvraag_ontvangen_op": "2027-03-26"}, today=date(2027, 3, 30))
    db.session.rollback()


@pytest.mark.parametrize(("melding", "today", "must_wait"), [
    (date(2027, 4, 20), date(2027, 4, 27), True),    # + 7 days = Koningsdag → the plan may come until Wed 28 Apr
    (date(2027, 4, 20), date(2027, 4, 28), True),
    (date(2027, 4, 20), date(2027, 4, 29), False),
    (date(2027, 3, 22), date(2027, 3, 30), True),    # + 7 days = Tweede Paasdag → Tue 30 Mar
    (date(2027, 3, 22), date(2027, 3, 31), False),
    (date(2026, 12, 18), date(2026, 12, 28), True),  # + 7 days = Eerste Kerstdag, then Sat and Sun → Mon 28 Dec
    (date(2026, 12, 18), date(2026, 12, 29), False),
])
def test_the_onderzoek_waits_for_the_persoonlijk_plan_term_around_the_holidays(users, melding, today, must_wait):
    from app.services import termijnen
    zaak = _zaak_of(users, "wmo", melding)
    data = {"verslag_verstrekt_op": today.isoformat()}
    errors = termijnen.task_term_errors(db.session, zaak, "onderzoek_verslag", data, today=today)
    assert ("persoonlijk_plan" in errors) is must_wait
    assert termijnen.task_term_errors(db.session, zaak, "onderzoek_verslag", data | {"persoonlijk_plan": "ziet_af"},
                                      today=today) == {}
    db.session.rollback()


@pytest.mark.parametrize(("sent", "last_day"), [
    (date(2027, 2, 12), date(2027, 3, 30)),   # + 6 weeks = Goede Vrijdag 26 Mar, weekend, Tweede Paasdag → Tue 30 Mar
    (date(2027, 3, 16), date(2027, 4, 28)),   # + 6 weeks = Koningsdag → Wed 28 Apr
    (date(2026, 11, 20), date(2027, 1, 4)),   # + 6 weeks = Nieuwjaarsdag → Mon 4 Jan
])
def test_the_bezwaar_term_around_the_2027_holidays(app, sent, last_day):
    from app.services.beschikking_document import made_known
    beschikking = Beschikking(besluit="toekennen", motivering="Nodig.")
    made_known(beschikking, sent)
    assert beschikking.bezwaar_tot == last_day


def test_the_aanvraag_form_starts_with_the_day_the_inwoner_signed(users, client_as):
    zaak = _melding(users, "wmo", TODAY - timedelta(days=10))
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag"):
        _do(users, zaak.id, step)
    task = _open(zaak.id)
    page = client_as("consulent").get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert _input(page, "aanvraag_ontvangen_op").find(f'value="{TODAY.isoformat()}"') < 0  # not signed yet
    ondertekenen.sign(users["inwoner"], db.session.get(Zaak, zaak.id), akkoord="ja", opmerkingen="")
    page = client_as("consulent").get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert f'value="{TODAY.isoformat()}"' in _input(page, "aanvraag_ontvangen_op")


def _input(page: str, name: str) -> str:
    import re
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
