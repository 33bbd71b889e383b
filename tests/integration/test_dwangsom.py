"""#17 point 4 (Awb 4:17-4:18): after the beslistermijn the inwoner puts the gemeente in default in Mijn zaken (or a
consulent records a letter); two weeks later, still without a beschikking, the dwangsom runs day by day to its cap,
shown to the inwoner and the team; its end makes the consulent's task 'Dwangsom vaststellen', whose amount reaches
Mijn zaken. Dates are relative to today and the services' clock travels (the CLOCK setting), so this holds any day;
the exact dates around holidays are in tests/unit/domain/test_domain_dwangsom.py."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import db
from app.domain import dwangsom as rule
from app.domain.deadlines import bezwaar_deadline
from app.jobs.tasks import tick
from app.models import Beschikking, Document, HumanTask, Ingebrekestelling, PortaalBericht, Termijn, Zaak
from app.services.meldingen import submit_melding
from app.services.tasks import complete_task
from case_data import form_data
from exchange_flow import inline_jobs, jobs_in_request  # noqa: F401 — fixtures

TZ = ZoneInfo("Europe/Amsterdam")


def late_zaak(users, aanvraag_days_ago: int = 30) -> Zaak:
    """A Wmo zaak whose aanvraag came in `aanvraag_days_ago` days ago, waiting at 'besluit voorbereiden'."""
    today = date.today()
    aanvraag = today - timedelta(days=aanvraag_days_ago)
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon",
                          ontvangen_op=aanvraag - timedelta(days=10))
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren"):
        task = _open(zaak.id)
        assert task.spec_name == step
        data = form_data(step)
        if step == "onderzoek_gesprek":
            data["datum_gesprek"] = (aanvraag - timedelta(days=2)).isoformat()
        if step == "onderzoek_verslag":
            data["verslag_verstrekt_op"] = (aanvraag - timedelta(days=1)).isoformat()
        if step == "aanvraag_registreren":
            data |= {"productcode": "01A03", "aanvraag_ontvangen_op": aanvraag.isoformat(),
                     "aanvraag_bewijs": "Brief met kenmerk W-12"}
        complete_task(users["consulent"], task.id, data)
    return db.session.get(Zaak, zaak.id)


def _open(zaak_id: int, spec: str | None = None) -> HumanTask:
    query = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").filter(
        HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%"))
    if spec:
        query = query.filter_by(spec_name=spec)
    return query.order_by(HumanTask.id).first()


def _term(zaak: Zaak) -> date:
    return db.session.scalar(select(Termijn.due).where(Termijn.zaak_id == zaak.id, Termijn.soort == "beschikking"))


def _travel(clock, day: date) -> None:
    clock.at = datetime.combine(day, time(10), tzinfo=TZ)


def _decide(users, zaak: Zaak) -> None:
    """The beschikking on the aanvraag, through the four-eyes check; its letter makes it known today."""
    complete_task(users["consulent"], _open(zaak.id, "besluit_voorbereiden").id, form_data("besluit_voorbereiden"))
    toets = _open(zaak.id, "vier_ogen_toets")  # only above the threshold (vier_ogen_drempel)
    if toets is not None:
        complete_task(users["beoordelaar"], toets.id, form_data("vier_ogen_toets"))
    assert db.session.scalar(select(Beschikking.bekendgemaakt_op).where(Beschikking.zaak_id == zaak.id)) == date.today()


def test_before_the_term_has_passed_mijn_zaken_says_why_it_cannot_yet(app, users, client_as):
    zaak = late_zaak(users, aanvraag_days_ago=2)
    due = _term(zaak)
    assert due > date.today()
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "Wij hebben nog tot en met" in page and rule_date(due) in page
    assert "Eerder kan nog niet: een ingebrekestelling die te vroeg komt, telt niet mee." in page
    assert "De gemeente in gebreke stellen</a>" not in page
    form = inwoner.get(f"/mijn/zaken/{zaak.id}/ingebrekestelling").get_data(as_text=True)
    assert "Dit kan nog niet." in form and 'name="toelichting"' not in form
    refused = inwoner.post(f"/mijn/zaken/{zaak.id}/ingebrekestelling", data={"toelichting": ""})
    assert refused.status_code == 400 and "te vroeg en telt niet" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Ingebrekestelling)) is None


def rule_date(day: date) -> str:
    from app.domain.deadlines import format_date_nl
    return format_date_nl(day)


def test_the_inwoner_sends_it_and_follows_the_dwangsom_to_its_beschikking(app, users, client_as, api_as, clock):
    zaak = late_zaak(users)
    today = date.today()
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert f"Wij moesten uiterlijk op <strong>{rule_date(_term(zaak))}</strong> beslissen" in page
    sent = inwoner.post(f"/mijn/zaken/{zaak.id}/ingebrekestelling", data={"toelichting": "Ik wacht al lang."})
    assert sent.status_code == 302, sent.get_data(as_text=True)
    row = db.session.scalar(select(Ingebrekestelling))
    first = rule.eerste_dag(today)
    assert (row.ontvangen_op, row.ontvangen_via, row.eerste_dag) == (today, "mijn_zaken", first)
    assert row.hersteltermijn_tot == first - timedelta(days=1) >= today + timedelta(weeks=2)
    again = inwoner.post(f"/mijn/zaken/{zaak.id}/ingebrekestelling", data={"toelichting": ""})
    assert again.status_code == 400 and "al een ingebrekestelling ontvangen" in again.get_data(as_text=True)
    assert db.session.query(Ingebrekestelling).count() == 1
    bericht = db.session.scalar(select(PortaalBericht).where(PortaalBericht.soort == "ingebrekestelling"))
    assert bericht.van == "inwoner" and "Ik wacht al lang." in bericht.tekst

    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert f"Wij hebben uw ingebrekestelling ontvangen op <strong>{rule_date(today)}</strong>" in page
    assert f"Beslissen wij niet op tijd, dan krijgt u vanaf {rule_date(first)} € 23 per dag." in page

    _travel(clock, first + timedelta(days=2))  # the third day of the dwangsom (sessions end with the journey)
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert '<strong class="cumulus-dwangsom-bedrag">€ 69</strong>' in page and "(3 dagen)" in page
    staff = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)
    assert "De dwangsom loopt:" in staff and "€ 69</strong> na 3 dagen" in staff

    _travel(clock, first + timedelta(days=20))  # 14 × 23 + 7 × 35
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "€ 567</strong>" in page and "Morgen komt er € 35 bij." in page
    tick()
    assert _open(zaak.id, "dwangsom_vaststellen") is None  # still running: no beschikking on it yet

    _travel(clock, first + timedelta(days=45))  # past the 42nd day: the cap
    tick()
    tick()  # a second tick starts nothing more
    task = _open(zaak.id, "dwangsom_vaststellen")
    assert task is not None and task.lane == "consulent"
    assert db.session.query(HumanTask).filter_by(spec_name="dwangsom_vaststellen").count() == 1
    last = first + timedelta(days=41)
    db.session.refresh(row)
    assert row.laatste_dag == last and row.vaststellen_uiterlijk == rule.vaststellen_uiterlijk(last).due
    assert task.due_at.astimezone(TZ).date() == row.vaststellen_uiterlijk
    assert "berekend € 1.442" in task.instructions
    waiting = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "De gemeente stelt vast hoeveel dwangsom u krijgt" in waiting

    consulent = api_as("consulent")
    wrong = consulent.post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": {"dwangsom_bedrag": 1000}})
    assert wrong.status_code in (400, 422) and "Schrijf waarom" in str(wrong.json)
    done = consulent.post(f"/api/v1/taken/{task.id}/voltooien", json={"gegevens": {"dwangsom_bedrag": 1442}})
    assert done.status_code == 200, done.json
    db.session.refresh(row)
    assert (row.vastgesteld_bedrag, row.vastgesteld_op) == (1442, first + timedelta(days=45))
    assert db.session.get(Zaak, zaak.id).status == "lopend"  # the dwangsom's process leaves the zaak open
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert '<strong class="cumulus-dwangsom-bedrag">€ 1.442</strong>' in page
    letter = db.session.scalar(select(Document).where(Document.zaak_id == zaak.id,
                                                      Document.soort == "dwangsom_beschikking"))
    assert letter is not None and letter.pdf.startswith(b"%PDF")  # the 4:18 beschikking is a letter, not a chat line
    text = " ".join(letter.html.split())
    for words in ("Wij stellen de dwangsom vast op <strong>€ 1.442</strong>", "Dag 1 tot en met 14: 14 × € 23",
                  "Dag 15 tot en met 28: 14 × € 35", "Dag 29 tot en met 42: 14 × € 45", "42 dagen",
                  f"tot en met {rule_date(last)}", "binnen zes weken na de datum van deze brief",
                  "artikel 4:87", "artikel 4:19", "bezwaar", rule_date(bezwaar_deadline(first + timedelta(days=45)).due)):
        assert words in text, words
    assert "Besluit over de dwangsom" in page and f"/mijn/zaken/{zaak.id}/documenten/{letter.id}" in page


def test_a_letter_is_recorded_with_its_day_of_receipt_and_bad_dates_are_refused(app, users, client_as):
    zaak = late_zaak(users)
    due, today = _term(zaak), date.today()
    consulent = client_as("consulent")
    url = f"/werkvoorraad/zaken/{zaak.id}/ingebrekestelling"
    for day, message in ((today + timedelta(days=1), "De datum van ontvangst kan niet in de toekomst liggen."),
                         (due, "te vroeg en telt niet"), ("31-02-2026", "Vul een geldige datum in")):
        refused = consulent.post(url, data={"ontvangen_op": str(day), "toelichting": ""})
        body = refused.get_data(as_text=True)
        assert refused.status_code == 400 and message in body
        assert 'id="ontvangen_op-error"' in body or "ontvangen_op" in body
    assert db.session.scalar(select(Ingebrekestelling)) is None  # nothing half-written
    received = due + timedelta(days=1)
    done = consulent.post(url, data={"ontvangen_op": received.isoformat(), "toelichting": "Brief kenmerk 2026-88"})
    assert done.status_code == 302
    row = db.session.scalar(select(Ingebrekestelling))
    assert (row.ontvangen_op, row.ontvangen_via, row.eerste_dag) == (received, "brief", rule.eerste_dag(received))
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert f"ontvangen op <strong>{rule_date(received)}</strong>" in page
    assert "per brief ontvangen" in db.session.scalar(select(PortaalBericht.tekst).where(
        PortaalBericht.soort == "ingebrekestelling"))


def test_an_exception_of_lid_6_is_recorded_with_its_reason(app, users, client_as):
    zaak = late_zaak(users)
    consulent = client_as("consulent")
    consulent.post(f"/werkvoorraad/zaken/{zaak.id}/ingebrekestelling",
                   data={"ontvangen_op": date.today().isoformat()})
    url = f"/werkvoorraad/zaken/{zaak.id}/dwangsom-uitzondering"
    refused = consulent.post(url, data={"grond": "kennelijk_ongegrond", "reden": ""})
    assert refused.status_code == 400 and "Schrijf de reden op" in refused.get_data(as_text=True)
    done = consulent.post(url, data={"grond": "kennelijk_ongegrond",
                                     "reden": "U vroeg om een voorziening die er niet is."})
    assert done.status_code == 302
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "Wij vinden dat u geen dwangsom krijgt: de aanvraag is kennelijk ongegrond" in page


def test_a_beschikking_within_the_two_weeks_means_no_dwangsom(app, users, client_as, clock, jobs_in_request):
    zaak = late_zaak(users)
    received = _term(zaak) + timedelta(days=1)
    client_as("consulent").post(f"/werkvoorraad/zaken/{zaak.id}/ingebrekestelling",
                                data={"ontvangen_op": received.isoformat()})
    _decide(users, zaak)  # made known today, within the two weeks of a letter received after the term
    row = db.session.scalar(select(Ingebrekestelling))
    if date.today() >= row.eerste_dag:
        pytest.skip("the term passed so long ago that today is past the two weeks")
    _travel(clock, row.eerste_dag + timedelta(days=50))
    tick()
    assert db.session.query(HumanTask).filter_by(spec_name="dwangsom_vaststellen").count() == 0
    page = client_as("inwoner").get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "Wij hebben binnen de twee weken beslist. Daarom krijgt u geen dwangsom." in page


def test_a_late_beschikking_ends_the_dwangsom_the_day_before_it_was_made_known(app, users, client_as,
                                                                               jobs_in_request):
    zaak = late_zaak(users, aanvraag_days_ago=70)
    received = _term(zaak) + timedelta(days=1)  # some 55 days ago: the dwangsom ran up to today
    client_as("consulent").post(f"/werkvoorraad/zaken/{zaak.id}/ingebrekestelling",
                                data={"ontvangen_op": received.isoformat()})
    _decide(users, zaak)
    row = db.session.scalar(select(Ingebrekestelling))
    days = min(42, (date.today() - row.eerste_dag).days)
    tick()
    db.session.refresh(row)
    assert row.laatste_dag == row.eerste_dag + timedelta(days=days - 1)
    task = _open(zaak.id, "dwangsom_vaststellen")
    assert task is not None and f"berekend {rule.euro(rule.bedrag(days))}" in task.instructions


@pytest.mark.parametrize("scope, allowed", [("namens_handelen", True), ("inzien", False)])
def test_a_gemachtigde_who_may_act_sends_it_one_who_may_only_look_cannot(app, users, client_as, scope, allowed):
    from app.models import Person
    from app.services import machtigingen
    from portal_data import SON_BSN, link_to
    zaak = late_zaak(users)
    owner = users["inwoner"]
    machtiging = machtigingen.grant(owner, db.session.get(Person, owner.person_id), bsn=SON_BSN, naam="Kees Bakker",
                                    scope=scope, geldig_vanaf=None, geldig_tot=None)
    link_to(users["gemachtigde"])
    son = client_as("gemachtigde")
    son.post("/mijn/namens", data={"machtiging": str(machtiging.id)})
    page = son.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert ("De gemeente in gebreke stellen</a>" in page) is allowed
    sent = son.post(f"/mijn/zaken/{zaak.id}/ingebrekestelling", data={"toelichting": ""})
    assert sent.status_code == (302 if allowed else 403)
    row = db.session.scalar(select(Ingebrekestelling))
    assert (row is not None) is allowed
    if allowed:
        assert row.ingediend_door_id == users["gemachtigde"].id
