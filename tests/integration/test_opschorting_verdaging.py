"""#17 points 2 and 3: the beslistermijn stands still while the inwoner gathers information (Awb 4:15) and moves
with a verdaging (Awb 4:14); the Termijn, the armed BPMN timer, the werkvoorraad and Mijn zaken follow.

Hand-computed dates (services' clock set to the request day; Atw art. 1: an end on a Saturday, Sunday or holiday
moves to the next working day):
- Wmo aanvraag Fri 4 Dec 2026: beschikking within 2 weeks (art. 2.3.5 lid 2 Wmo 2015) = Fri 18 Dec 2026.
- Information asked Mon 7 Dec 2026 until Mon 21 Dec: suspended from Tue 8 Dec. While the answer is out the whole
  term counts: 8..21 Dec = 14 days → Fri 1 Jan 2027, Nieuwjaarsdag → Mon 4 Jan 2027 (Atw art. 1 lid 1, art. 3).
- It arrives early, Mon 14 Dec: suspended 8..13 Dec = 6 days → Thu 24 Dec 2026 (a working day).
- A second request Tue 15 Dec until Tue 22 Dec, answered Fri 18 Dec: 16..17 Dec = 2 more days → Sat 26 Dec,
  Tweede Kerstdag, then Sunday → Mon 28 Dec 2026.
- Verdaging on Mon 21 Dec to Fri 8 Jan 2027 (a date the gemeente names: no Atw).
"""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from app import db
from app.jobs.background import drain
from app.models import Document, HumanTask, Opschorting, PortaalBericht, ProcessInstance, Termijn, Zaak, ZaakEvent
from app.services import opschorting, verdaging
from app.services.errors import InvalidInput
from app.services.meldingen import submit_melding
from app.services.tasks import complete_task
import wall_clock
from case_data import form_data
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: letters' PDFs on the job thread

LOCAL = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 12, 7)  # the aanvraag of 4 December 2026 is past and its timer not yet fired


@pytest.fixture(autouse=True)
def _on_7_december_2026():
    with wall_clock.on(TODAY):
        yield


def _on(clock, day: date) -> None:
    clock.at = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)


def _wmo_at_besluit(users) -> Zaak:
    """A Wmo zaak whose aanvraag came in on Fri 4 Dec 2026, waiting at 'besluit voorbereiden'."""
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon", ontvangen_op=date(2026, 11, 20))
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren"):
        task = _open(zaak.id)
        assert task.spec_name == step
        data = form_data(step)
        if step == "onderzoek_verslag":
            data["verslag_verstrekt_op"] = "2026-12-03"
        if step == "aanvraag_registreren":
            data |= {"productcode": "01A03", "aanvraag_ontvangen_op": "2026-12-04",
                     "aanvraag_bewijs": "Brief van 4 december 2026, kenmerk W-77"}
        complete_task(users["consulent"], task.id, data)
    assert _open(zaak.id).spec_name == "besluit_voorbereiden"
    return db.session.get(Zaak, zaak.id)


def _open(zaak_id: int) -> HumanTask:
    return db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").filter(
        HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%")).order_by(HumanTask.id).first()


def _termijn(zaak_id: int) -> Termijn:
    db.session.expire_all()
    return db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one()


def _timer_day(zaak_id: int) -> date:
    """The Dutch day the armed timer of the zaak's main process fires (its next_timer_at)."""
    db.session.expire_all()
    instance = db.session.query(ProcessInstance).filter_by(zaak_id=zaak_id).order_by(ProcessInstance.id).first()
    return instance.next_timer_at.astimezone(LOCAL).date()


def _errors(call) -> dict:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.errors


def test_an_opschorting_moves_the_end_date_the_armed_timer_and_the_werkvoorraad_day_exact(users, clock):
    zaak = _wmo_at_besluit(users)
    assert _termijn(zaak.id).due == date(2026, 12, 18) and _timer_day(zaak.id) == date(2026, 12, 18)
    _on(clock, date(2026, 12, 7))
    made = opschorting.request_information(users["consulent"], zaak, "Een brief van uw huisarts.", "2026-12-21")
    termijn = _termijn(zaak.id)
    assert termijn.due == date(2027, 1, 4)  # 14 days to Nieuwjaarsdag, Atw → Monday
    assert termijn.wettelijk == date(2026, 12, 18)
    assert termijn.article == "art. 2.3.5 lid 2 Wmo 2015; art. 4:15 lid 1 onder a Awb; art. 1 lid 1 Atw"
    assert _timer_day(zaak.id) == date(2027, 1, 4)  # the engine re-armed the boundary timer
    assert _open(zaak.id).due_at.astimezone(LOCAL).date() == date(2027, 1, 4)  # the werkvoorraad's termijn
    letter = db.session.get(Document, db.session.get(Opschorting, made.id).document_id)
    assert letter.soort == "informatieverzoek" and letter.pdf is None  # the click did not wait for WeasyPrint
    assert drain(timeout=120)  # the job after the commit made it
    db.session.refresh(letter)
    assert letter.pdf.startswith(b"%PDF") and letter.sha256
    assert "Een brief van uw huisarts." in letter.html and "21 december 2026" in letter.html
    assert "4 januari 2027" in letter.html
    bericht = db.session.query(PortaalBericht).filter_by(zaak_id=zaak.id, soort="informatieverzoek").one()
    assert bericht.van == "gemeente" and "21 december 2026" in bericht.tekst
    history = [e.summary for e in db.session.query(ZaakEvent).filter_by(zaak_id=zaak.id, kind="opschorting")]
    assert history == ["Informatie gevraagd tot en met 21 december 2026; beslistermijn opgeschort (art. 4:15 Awb): "
                       "uiterlijk 4 januari 2027 in plaats van 18 december 2026"]


def test_information_arriving_early_and_a_second_opschorting_add_up(users, clock):
    zaak = _wmo_at_besluit(users)
    _on(clock, date(2026, 12, 7))
    opschorting.request_information(users["consulent"], zaak, "Uw medicijnlijst.", "2026-12-21")
    _on(clock, date(2026, 12, 14))
    opschorting.answer_from_portal(users["inwoner"], zaak, "Hierbij de lijst.", [])
    assert _termijn(zaak.id).due == date(2026, 12, 24)  # 6 days: 8..13 December
    assert _timer_day(zaak.id) == date(2026, 12, 24)
    _on(clock, date(2026, 12, 15))
    opschorting.request_information(users["consulent"], zaak, "De brief van de specialist.", "2026-12-22")
    _on(clock, date(2026, 12, 18))
    assert _errors(lambda: opschorting.record_received(users["consulent"], zaak, "2026-12-14")) == {
        "ontvangen_op": "De informatie kan niet eerder binnen zijn dan het verzoek (15 december 2026)."}
    opschorting.record_received(users["consulent"], zaak, "2026-12-18")
    termijn = _termijn(zaak.id)
    assert termijn.due == date(2026, 12, 28)  # + 2 days = Tweede Kerstdag, then Sunday → Monday
    assert _timer_day(zaak.id) == date(2026, 12, 28)
    via = [o.ontvangen_via for o in db.session.query(Opschorting).filter_by(zaak_id=zaak.id).order_by(Opschorting.id)]
    assert via == ["mijn_zaken", "consulent"]


def test_an_opschorting_is_refused_in_dutch_for_a_past_term_no_description_or_while_one_is_open(users, clock):
    zaak = _wmo_at_besluit(users)
    _on(clock, date(2026, 12, 7))
    errors = _errors(lambda: opschorting.request_information(users["consulent"], zaak, "", "2026-12-07"))
    assert errors == {"omschrijving": "Schrijf op welke informatie de inwoner moet sturen.",
                      "termijn_tot": "De termijn moet na vandaag eindigen: de inwoner moet tijd krijgen om de "
                                     "informatie te sturen (art. 4:5 Awb)."}
    assert db.session.query(Opschorting).filter_by(zaak_id=zaak.id).count() == 0  # nothing half-written
    opschorting.request_information(users["consulent"], zaak, "Uw medicijnlijst.", "2026-12-21")
    assert "al een verzoek om informatie open" in _errors(lambda: opschorting.request_information(
        users["consulent"], zaak, "Nog iets.", "2026-12-22"))["termijn_tot"]
    _on(clock, date(2027, 1, 5))  # after the (suspended) term of 4 January
    assert "verstreken" in _errors(lambda: opschorting.request_information(
        users["consulent"], zaak, "Nog iets.", "2027-01-20"))["termijn_tot"]


def test_a_verdaging_before_the_term_moves_it_and_tells_the_inwoner_after_it_is_refused(users, clock):
    zaak = _wmo_at_besluit(users)
    _on(clock, date(2026, 12, 17))
    errors = _errors(lambda: verdaging.extend_term(users["beoordelaar"], zaak, "2026-12-16", ""))
    assert errors == {"nieuwe_datum": "De nieuwe datum moet na de huidige einddatum (18 december 2026) liggen.",
                      "reden": "Schrijf de reden van de verdaging op; de inwoner leest die in de mededeling."}
    made = verdaging.extend_term(users["beoordelaar"], zaak, "2027-01-08", "Het advies van de ergotherapeut is "
                                                                          "nog niet binnen.")
    termijn = _termijn(zaak.id)
    assert termijn.due == date(2027, 1, 8)
    assert termijn.article == "art. 2.3.5 lid 2 Wmo 2015; art. 4:14 lid 1 Awb"
    assert _timer_day(zaak.id) == date(2027, 1, 8)
    assert drain(timeout=120)
    letter = db.session.get(Document, made.document_id)
    assert letter.soort == "verdaging" and letter.pdf.startswith(b"%PDF")
    assert "8 januari 2027" in letter.html and "ergotherapeut" in letter.html and "artikel 4:14 lid 1 van de Algemene wet bestuursrecht" in letter.html
    _on(clock, date(2027, 1, 9))
    assert _errors(lambda: verdaging.extend_term(users["consulent"], zaak, "2027-01-20", "Nog steeds geen advies."))[
        "nieuwe_datum"].startswith("De beslistermijn is op 8 januari 2027 verstreken. Verdagen kan alleen vóór het "
                                   "einde van de termijn (art. 4:14 lid 1 Awb).")



def test_the_management_figures_judge_the_beschikking_by_the_extended_term(users, clock):
    """A beschikking on Tue 5 Jan 2027, after the statutory 18 December 2026 but before the verdaagde 8 January,
    counts as on time in 'Wettelijke termijnen gehaald' (rapportage/termijnen.py)."""
    from app.services.rapportage import termijnen as figures
    from app.services.rapportage.scope import Filters, build_scope
    from app.services.termijnen import local_noon
    zaak = _wmo_at_besluit(users)
    _on(clock, date(2026, 12, 17))
    verdaging.extend_term(users["consulent"], zaak, "2027-01-08", "Advies van de ergotherapeut volgt.")
    termijn = _termijn(zaak.id)
    termijn.met_at = local_noon(date(2027, 1, 5))
    db.session.commit()
    user = users["management"]
    scope = build_scope(user, Filters(jaar=2027, per="maand"), None, today=date(2027, 1, 20))
    verdicts = [(soort, due, on_time) for domein, soort, due, on_time, _p in figures._verdicts(scope)
                if soort == "beschikking"]
    assert verdicts == [("beschikking", date(2027, 1, 8), True)]
