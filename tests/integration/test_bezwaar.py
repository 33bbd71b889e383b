"""Bezwaar (#17 point 5, Awb 6:4–7:12): the inwoner lodges bezwaar in Mijn zaken within the term or after it (a late
one is flagged, Awb 6:11, not refused); the jurist handles it in the bezwaar process — beoordeling, hoorzitting
(7:2), the commissie's advice (7:13), the beslissing op bezwaar (7:11) and its letter with the beroep clause; the term
for it is 6 or 12 weeks (7:10 lid 1) with the Atw, verdaagd by 6 (lid 3); the zaak is under bezwaar meanwhile."""
import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import db
from app.domain.deadlines import end_of_day
from app.engine import RunContext, move_deadline_timers
from app.jobs.tasks import tick
from app.models.base import utcnow
from app.services.uow import unit_of_work
from app.models import (Beschikking, Bezwaar, BezwaarBijlage, Bijlage, Document, Gemeente, HumanTask, Person,
                        ProcessInstance, ProcessingRecord, Zaak)
from app.services.demo_data import WOERDEN
from case_flow import beschikking_with
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from portal_data import PDF
from test_upload_scanning import clamd  # noqa: F401 — fixture: the real ClamAV daemon

TZ = ZoneInfo("Europe/Amsterdam")
GRONDEN = "Ik krijg te weinig uren. Mijn rug is sinds de zomer slechter geworden."


def _travel_to(clock, day) -> None:
    clock.at = datetime.combine(day, time(10), tzinfo=TZ)


def _beschikking(api_as, users) -> Beschikking:
    beschikking = beschikking_with(api_as("consulent"), db.session.get(Person, users["inwoner"].person_id))
    db.session.refresh(beschikking)
    assert beschikking.bezwaar_tot is not None  # made known: the letter is in Mijn zaken (inline job)
    return beschikking


def _lodge(client, beschikking, gronden=GRONDEN, files=()):
    return client.post(f"/mijn/zaken/{beschikking.zaak_id}/bezwaar", content_type="multipart/form-data",
                       data={"beschikking": str(beschikking.id), "gronden": gronden,
                             "bijlagen": [(io.BytesIO(data), name) for data, name in files]})


def _open_tasks(zaak_id: int) -> list[HumanTask]:
    db.session.expire_all()
    return list(db.session.scalars(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open",
                                                           HumanTask.lane == "jurist").order_by(HumanTask.id)))


def _complete(client, task: HumanTask, data: dict):
    answer = client.post(f"/werkvoorraad/taken/{task.id}", data=data)
    assert answer.status_code in (302, 303), answer.get_data(as_text=True)[:3000]
    return answer


def test_a_bezwaar_within_the_term_is_lodged_in_mijn_zaken_with_a_document_and_confirmed(app, client_as, api_as,
                                                                                          users, clock):
    beschikking = _beschikking(api_as, users)
    _travel_to(clock, beschikking.bezwaar_tot)  # the last day still counts (Awb 6:7, 6:9)
    inwoner = client_as("inwoner")
    page = inwoner.get(f"/mijn/zaken/{beschikking.zaak_id}").get_data(as_text=True)
    assert "Bezwaar maken" in page
    sent = _lodge(inwoner, beschikking, files=[(PDF, "brief-huisarts.pdf")])
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
    db.session.expire_all()
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    assert (bezwaar.kanaal, bezwaar.ontvangen_op, bezwaar.termijnoverschrijding) == ("mijn_zaken",
                                                                                      beschikking.bezwaar_tot, False)
    assert [b.bestandsnaam for b in bezwaar.bijlagen] == ["brief-huisarts.pdf"]
    zaak = db.session.get(Zaak, beschikking.zaak_id)
    assert zaak.bezwaar_sinds is not None  # retention never proposes it while this runs
    letter = db.session.get(Document, bezwaar.ontvangst_document_id)
    assert letter.soort == "bezwaar_ontvangst" and letter.pdf.startswith(b"%PDF")
    assert "Wij hebben uw bezwaar ontvangen" in letter.html and "na de termijn" not in letter.html
    [task] = _open_tasks(zaak.id)
    assert task.spec_name == "bezwaar_beoordelen" and task.title == "Bezwaar beoordelen"
    assert task.due_at.astimezone(TZ).date() == bezwaar.beslistermijn
    assert db.session.scalar(select(ProcessingRecord).where(ProcessingRecord.object_type == "bezwaar",
                                                            ProcessingRecord.action == "aanmaken")) is not None
    page = inwoner.get(f"/mijn/zaken/{zaak.id}").get_data(as_text=True)
    assert "Uw bezwaar van" in page and 'aria-label="Voortgang van uw bezwaar"' in page
    assert "Ontvangstbevestiging bezwaar" in page


def test_a_bezwaar_after_the_term_is_flagged_not_refused_and_its_decision_term_runs_from_its_receipt(
        app, client_as, api_as, users, clock):
    beschikking = _beschikking(api_as, users)
    late = beschikking.bezwaar_tot + timedelta(days=3)
    _travel_to(clock, late)
    assert _lodge(client_as("inwoner"), beschikking).status_code == 302
    db.session.expire_all()
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    assert bezwaar.termijnoverschrijding and bezwaar.verschoonbaar is None
    assert bezwaar.beslistermijn >= late + timedelta(weeks=12)  # Woerden has a commissie; from receipt, not before
    letter = db.session.get(Document, bezwaar.ontvangst_document_id)
    assert "Uw bezwaar kwam na de termijn binnen" in letter.html and "6:11" in letter.html
    [task] = _open_tasks(bezwaar.zaak_id)
    assert "Let op: ontvangen na de bezwaartermijn" in task.instructions
    staff = client_as("jurist").get(f"/werkvoorraad/zaken/{bezwaar.zaak_id}").get_data(as_text=True)
    assert "Termijnoverschrijding" in staff


def test_bad_input_is_refused_beside_the_field_and_nothing_is_written(app, client_as, api_as, users, clock):
    beschikking = _beschikking(api_as, users)
    inwoner = client_as("inwoner")
    empty = _lodge(inwoner, beschikking, gronden="   ")
    assert empty.status_code == 400 and 'id="field-gronden-error"' in empty.get_data(as_text=True)
    too_big = _lodge(inwoner, beschikking, files=[(PDF + b"0" * (10 * 1024 * 1024), "groot.pdf")])
    assert too_big.status_code == 400 and 'id="field-bijlagen-error"' in too_big.get_data(as_text=True)
    # someone else's beschikking is no choice in one's own zaak
    other = db.session.scalars(select(Person).where(Person.gemeente_id == beschikking.gemeente_id,
                                                    Person.id != users["inwoner"].person_id)
                               .order_by(Person.id)).first()
    theirs = beschikking_with(api_as("consulent"), other)
    forged = inwoner.post(f"/mijn/zaken/{beschikking.zaak_id}/bezwaar",
                          data={"beschikking": str(theirs.id), "gronden": GRONDEN})
    assert forged.status_code == 400 and 'id="field-beschikking-error"' in forged.get_data(as_text=True)
    assert inwoner.post(f"/mijn/zaken/{theirs.zaak_id}/bezwaar",
                        data={"beschikking": str(theirs.id), "gronden": GRONDEN}).status_code == 404
    assert db.session.query(Bezwaar).count() == 0 and db.session.query(Bijlage).count() == 0
    assert db.session.get(Zaak, beschikking.zaak_id).bezwaar_sinds is None
    assert _lodge(inwoner, beschikking).status_code == 302
    second = _lodge(inwoner, beschikking)
    assert second.status_code == 400 and "Tegen dit besluit loopt al een bezwaar" in second.get_data(as_text=True)
    assert db.session.query(Bezwaar).count() == 1


@pytest.mark.parametrize("scope, allowed", [("namens_handelen", True), ("inzien", False)])
def test_a_gemachtigde_who_may_act_lodges_bezwaar_and_one_who_may_only_look_does_not(app, client_as, api_as, users,
                                                                                      scope, allowed):
    from app.services import machtigingen
    from portal_data import SON_BSN, link_to
    beschikking = _beschikking(api_as, users)
    owner = users["inwoner"]
    machtiging = machtigingen.grant(owner, db.session.get(Person, owner.person_id), bsn=SON_BSN, naam="Kees Bakker",
                                    scope=scope, geldig_vanaf=None, geldig_tot=None)
    link_to(users["gemachtigde"])
    son = client_as("gemachtigde")
    assert son.post("/mijn/namens", data={"machtiging": str(machtiging.id)}).status_code == 302
    answer = _lodge(son, beschikking)
    assert answer.status_code == (302 if allowed else 403)
    db.session.expire_all()
    bezwaar = db.session.scalar(select(Bezwaar))
    assert (bezwaar is not None) is allowed
    logged = db.session.scalar(select(ProcessingRecord).where(ProcessingRecord.object_type == "bezwaar"))
    if not allowed:  # nothing written: no bezwaar, no process, no record of one
        assert "mag u meekijken, maar niet namens deze persoon handelen" in answer.get_data(as_text=True)
        assert logged is None and not _open_tasks(beschikking.zaak_id)
        return
    assert "ontvangen" in son.get(answer.headers["Location"]).get_data(as_text=True)
    assert (bezwaar.beschikking_id, bezwaar.kanaal, bezwaar.ingediend_door_id) == (
        beschikking.id, "mijn_zaken", users["gemachtigde"].id)
    assert (logged.actor_user_id, logged.actor_role, logged.on_behalf_of_user_id) == (
        users["gemachtigde"].id, "gemachtigde", owner.id)  # lodged on behalf of the inwoner, and recorded so


def test_only_a_jurist_registers_a_paper_bezwaar_and_a_consulent_cannot_verdagen(app, client_as, api_as, users):
    beschikking = _beschikking(api_as, users)
    registreren = f"/werkvoorraad/bezwaren/zaken/{beschikking.zaak_id}/registreren"
    assert client_as("consulent").get(registreren).status_code == 403
    assert client_as("jurist").get(registreren).status_code == 200
    assert _lodge(client_as("inwoner"), beschikking).status_code == 302
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    refused = client_as("consulent").post(
        f"/werkvoorraad/bezwaren/{bezwaar.id}/verdaging", data={"reden": "Drukte."})
    assert refused.status_code == 403


def test_staff_register_a_paper_bezwaar_with_its_day_of_receipt(app, client_as, api_as, users, clock):
    beschikking = _beschikking(api_as, users)
    jurist = client_as("jurist")
    url = f"/werkvoorraad/bezwaren/zaken/{beschikking.zaak_id}/registreren"
    future = jurist.post(url, data={"beschikking": beschikking.id, "gronden": GRONDEN,
                                    "ontvangen_op": (clock.at.date() + timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and "kan niet in de toekomst liggen" in future.get_data(as_text=True)
    assert db.session.query(Bezwaar).count() == 0
    day = clock.at.astimezone(TZ).date()
    assert jurist.post(url, data={"beschikking": beschikking.id, "gronden": GRONDEN,
                                  "ontvangen_op": day.isoformat()}).status_code == 302
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    assert (bezwaar.kanaal, bezwaar.ontvangen_op, bezwaar.ingediend_door_id) == ("brief", day, users["jurist"].id)


@pytest.mark.parametrize("commissie, weken", [(False, 6), (True, 12)])
def test_the_decision_term_is_6_or_12_weeks_after_the_bezwaartermijn_with_the_atw(app, client_as, api_as, users,
                                                                                  clock, commissie, weken):
    from app.domain.deadlines import is_working_day
    gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    was, gemeente.bezwaarcommissie = gemeente.bezwaarcommissie, commissie
    db.session.commit()
    try:
        beschikking = _beschikking(api_as, users)
        assert _lodge(client_as("inwoner"), beschikking).status_code == 302
        bezwaar = db.session.scalars(select(Bezwaar)).one()
        statutory = beschikking.bezwaar_tot + timedelta(weeks=weken)
        assert bezwaar.commissie is commissie
        assert statutory <= bezwaar.beslistermijn < statutory + timedelta(days=5)
        assert is_working_day(bezwaar.beslistermijn)
        assert all(not is_working_day(statutory + timedelta(days=d))
                   for d in range((bezwaar.beslistermijn - statutory).days))
    finally:
        gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
        gemeente.bezwaarcommissie = was
        db.session.commit()


def test_the_jurist_handles_the_bezwaar_through_the_engine_to_the_letter_with_the_beroep_clause(
        app, client_as, api_as, users, clock):
    beschikking = _beschikking(api_as, users)
    inwoner, jurist = client_as("inwoner"), client_as("jurist")
    assert _lodge(inwoner, beschikking).status_code == 302
    zaak_id = beschikking.zaak_id
    [task] = _open_tasks(zaak_id)
    hoorzitting = (clock.at.astimezone(TZ).date() + timedelta(days=14)).isoformat()
    page = jurist.get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert "Bezwaar beoordelen" in page and GRONDEN[:30] in page
    _complete(jurist, task, {"bezwaar_termijn": "op_tijd", "bezwaar_horen": "horen", "hoorzitting_op": hoorzitting})
    [task] = _open_tasks(zaak_id)
    assert task.spec_name == "hoorzitting_verslag"
    assert "Hoorzitting" in inwoner.get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    verslag = {"hoorzitting_gehouden_op": hoorzitting,
               "hoorzitting_verslag": "De inwoner lichtte toe dat traplopen niet meer lukt."}
    refused = jurist.post(f"/werkvoorraad/taken/{task.id}", data=verslag)  # held in two weeks: not yet
    assert refused.status_code == 400 and "kan niet in de toekomst liggen" in refused.get_data(as_text=True)
    _complete(jurist, task, verslag | {"hoorzitting_gehouden_op": date.today().isoformat()})
    [task] = _open_tasks(zaak_id)
    assert task.spec_name == "commissie_advies"  # Woerden has a bezwaarcommissie
    _complete(jurist, task, {"advies_uitkomst": "gegrond", "advies_tekst": "Het onderzoek is verouderd.",
                             "advies_op": date.today().isoformat()})
    [task] = _open_tasks(zaak_id)
    assert task.spec_name == "beslissing_op_bezwaar"
    _complete(jurist, task, {"beslissing_uitkomst": "gegrond",
                             "beslissing_motivering": "Wij doen een nieuw onderzoek en nemen een nieuw besluit."})
    db.session.expire_all()
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    assert (bezwaar.uitkomst, bezwaar.beslist_door_id) == ("gegrond", users["jurist"].id)
    assert bezwaar.beroep_tot >= bezwaar.bekendgemaakt_op + timedelta(weeks=6)  # Awb 6:7, 8:1; later only by the Atw
    assert db.session.get(ProcessInstance, bezwaar.instance_id).status == "completed"
    assert db.session.get(Zaak, zaak_id).bezwaar_sinds is None  # made known: retention may judge it again
    letter = db.session.get(Document, bezwaar.beslissing_document_id)
    assert letter.pdf.startswith(b"%PDF") and "Wij verklaren uw bezwaar <strong>gegrond</strong>" in letter.html
    for words in ("beroep", "binnen zes weken", "8:1", "traplopen", "commissie bezwaarschriften",
                  db.session.get(Gemeente, bezwaar.gemeente_id).naam):
        assert words in letter.html
    page = inwoner.get(f"/mijn/zaken/{zaak_id}").get_data(as_text=True)
    assert "Beslissing op bezwaar" in page and "gegrond" in page and "beroep instellen" in page


def test_without_a_hoorzitting_and_without_a_commissie_the_jurist_decides_at_once(app, client_as, api_as, users):
    gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    was, gemeente.bezwaarcommissie = gemeente.bezwaarcommissie, False
    db.session.commit()
    try:
        beschikking = _beschikking(api_as, users)
        assert _lodge(client_as("inwoner"), beschikking).status_code == 302
        jurist = client_as("jurist")
        [task] = _open_tasks(beschikking.zaak_id)
        _complete(jurist, task, {"bezwaar_termijn": "op_tijd", "bezwaar_horen": "afgezien"})
        [task] = _open_tasks(beschikking.zaak_id)
        assert task.spec_name == "beslissing_op_bezwaar"
        _complete(jurist, task, {"beslissing_uitkomst": "ongegrond", "beslissing_motivering": "Het besluit klopt."})
        bezwaar = db.session.scalars(select(Bezwaar)).one()
        letter = db.session.get(Document, bezwaar.beslissing_document_id)
        assert "geen gebruik te willen maken van het recht te worden gehoord" in letter.html
        assert "ons besluit blijft staan" in letter.html
    finally:
        gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
        gemeente.bezwaarcommissie = was
        db.session.commit()


def test_the_jurist_verdaagt_by_six_weeks_once_the_timer_and_the_werkvoorraad_follow(app, client_as, api_as, users,
                                                                                      clock):
    beschikking = _beschikking(api_as, users)
    assert _lodge(client_as("inwoner"), beschikking).status_code == 302
    bezwaar = db.session.scalars(select(Bezwaar)).one()
    jurist = client_as("jurist")
    url = f"/werkvoorraad/bezwaren/{bezwaar.id}/verdaging"
    empty = jurist.post(url, data={"reden": ""})
    assert empty.status_code == 400 and 'id="field-bezwaar-' in empty.get_data(as_text=True)
    assert jurist.post(url, data={"reden": "Wij wachten op advies van de GGD."}).status_code == 302
    db.session.expire_all()
    bezwaar = db.session.get(Bezwaar, bezwaar.id)
    assert bezwaar.verdaagd_tot >= bezwaar.beslistermijn + timedelta(weeks=6)
    [task] = _open_tasks(bezwaar.zaak_id)
    assert task.due_at.astimezone(TZ).date() == bezwaar.verdaagd_tot
    mededeling = db.session.get(Document, bezwaar.verdaging_document_id)
    assert "GGD" in mededeling.html and "7:10 lid 3" in mededeling.html
    again = jurist.post(url, data={"reden": "Nog steeds drukte."})
    assert again.status_code == 400 and "al een keer verdaagd" in again.get_data(as_text=True)
    instance = db.session.get(ProcessInstance, bezwaar.instance_id)
    assert instance.next_timer_at.astimezone(TZ).date() == bezwaar.verdaagd_tot  # the armed timer moved
    # once the (new) date has passed, the tick gives the jurist the overschrijding task beside the open one
    with unit_of_work() as session:
        ctx = RunContext(session=session, zaak_id=bezwaar.zaak_id)
        move_deadline_timers(ctx, session.get(ProcessInstance, bezwaar.instance_id), "bezwaar_deadline",
                             end_of_day(date.today() - timedelta(days=1)))
    clock.at = utcnow()
    tick()
    assert [t.spec_name for t in _open_tasks(bezwaar.zaak_id)] == ["bezwaar_beoordelen", "bezwaar_termijn_overschreden"]


def test_destruction_takes_the_bezwaar_and_its_documents_with_the_zaak(app, client_as, api_as, users):
    from app.services.vernietiging import Ids, ZAAK_TABLES, _delete
    beschikking = _beschikking(api_as, users)
    assert _lodge(client_as("inwoner"), beschikking, files=[(PDF, "scan.pdf")]).status_code == 302
    zaak = db.session.get(Zaak, beschikking.zaak_id)
    _delete(db.session, ZAAK_TABLES, Ids(db.session, zaak))
    db.session.commit()
    assert db.session.query(Bezwaar).count() == 0 and db.session.query(BezwaarBijlage).count() == 0


def test_an_infected_document_is_refused_beside_the_field_and_nothing_is_written(app, client_as, api_as, users,
                                                                                   clamd):
    from test_upload_scanning import INFECTED_PDF
    beschikking = _beschikking(api_as, users)
    refused = _lodge(client_as("inwoner"), beschikking, files=[(INFECTED_PDF, "brief.pdf")])
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'id="field-bijlagen-error"' in html and "bevat een virus" in html
    assert GRONDEN in html  # what was typed stays
    assert db.session.query(Bezwaar).count() == 0 and db.session.query(Bijlage).count() == 0


def test_a_gemeente_added_with_a_bezwaarcommissie_decides_in_twelve_weeks(app):
    runner = app.test_cli_runner()
    try:
        answer = runner.invoke(args=["gemeente-toevoegen", "0384", "--naam", "Gemeente Diemen", "--iban",
                                     "NL91ABNA0417164300", "--bezwaarcommissie"])
        assert answer.exit_code == 0, answer.output
        assert db.session.scalar(select(Gemeente.bezwaarcommissie).where(Gemeente.code == "0384")) is True
    finally:
        db.session.execute(Gemeente.__table__.delete().where(Gemeente.code == "0384"))
        db.session.commit()
