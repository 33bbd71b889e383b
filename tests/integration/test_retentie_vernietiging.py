"""Destruction (#13 point 7): after a vier-ogen approval every trace of a zaak — and, when nothing is left, of its
person — is gone from every table (searched over every text and binary column for the BSN, name, address, e-mail,
zaaknummer and the documents' contents), the processing log's chain still verifies, the vernietigingsverklaring
stays without personal data, each zaak goes in a transaction of its own so a crash halfway leaves no half-destroyed
zaak, and a new table that refers to a zaak or a person is caught until destruction names it."""
import re
from datetime import date

import pytest
from sqlalchemy import LargeBinary, select, text

from app import db
from app.models import (Base, Bericht, Document, Machtiging, Person, Prestatie, ProcessingRecord, RapportagePersoon,
                        Toewijzing, User, Zaak)
from app.services import bijlagen, portaal_berichten, vernietiging
from app.services.accounts import hash_password
from app.services.demo_data import WOERDEN
from app.services.processing_log_chain import verify_chain
from app.services.rapportage import pseudoniem, samenvatting
from app.services.retentie import propose_due
from app.services.uow import unit_of_work
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from retentie_data import declared, ended_zaak, new_person
from test_avg_export import tables_about_a_person
from test_retentie import _lijst, _proposed

MARKER = b"%PDF-1.4\n% brief van de huisarts over Retentia\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _csrf(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/auth/profiel").get_data(as_text=True)).group(1)


def _approve(client_as, lijst_id: int) -> None:
    beheerder, privacy = client_as("beheerder"), client_as("privacy")
    beheerder.post(f"/beheer/vernietigingslijsten/{lijst_id}/indienen", data={"csrf_token": _csrf(beheerder)})
    assert privacy.post(f"/beheer/vernietigingslijsten/{lijst_id}/goedkeuren",
                        data={"csrf_token": _csrf(privacy)}).status_code == 302


def _everywhere(needles: list[str]) -> list[str]:
    """Every table, every column with text or bytes: where any needle still occurs."""
    found, session = [], db.session()
    session.expire_all()
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)).mappings():
            for column, value in row.items():
                if value is None:
                    continue
                content = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                found += [f"{table.name}.{column} holds {n!r}" for n in needles if n in content]
    return found


def _summarised() -> set[str]:
    return set(db.session.scalars(select(RapportagePersoon.persoon)))


def _bsns_in_the_summaries() -> set[str]:
    bsns = set(db.session.scalars(select(Person.bsn))) | set(db.session.scalars(select(Prestatie.bsn)))
    return _summarised() & bsns


def _pseudonyms_of(person: Person) -> set[str]:
    pseudonym = pseudoniem.Pseudonyms(pseudoniem.key(db.session))
    return {pseudonym("declaratie", person.bsn), pseudonym("stap", str(person.id))}


def _dossier(api_as, users) -> dict:
    """A granted Wmo zaak of a person of our own with an account, the letter, an upload, portal messages both ways,
    a machtiging to the demo gemachtigde, the 301 and a paid 323 that also names another inwoner."""
    person = new_person(WOERDEN)
    account = User(username=f"inwoner-{person.id}", display_name=person.naam, roles="inwoner", person_id=person.id,
                   email=person.email, password_hash=hash_password("demo"))
    db.session.add(account)
    db.session.flush()
    db.session.add(Machtiging(person_id=person.id, gemachtigde_id=users["gemachtigde"].id, scope="inzien",
                              geldig_vanaf=date.today(), verleend_door_id=account.id))
    db.session.commit()
    zaak_id = ended_zaak(api_as("consulent"), person)
    zaak = db.session.get(Zaak, zaak_id)
    bijlagen.add_bijlagen(account, zaak, [bijlagen.Upload("brief.pdf", MARKER, "Brief huisarts Retentia")])
    portaal_berichten.send(account, zaak, f"Vraag van {person.voornamen} over de trap", van="inwoner")
    portaal_berichten.send(users["consulent"], zaak, f"Antwoord aan {person.achternaam}", van="gemeente")
    other = new_person(WOERDEN, achternaam="Blijftbestaan")
    declared(zaak_id, other.bsn, paid_by=(users["backoffice"], users["controller"]), ours_refused=True)
    assert db.session.scalar(select(Document).where(Document.zaak_id == zaak_id)) is not None  # the letter
    return {"person": person, "person_id": person.id, "zaak_id": zaak_id, "zaaknummer": zaak.zaaknummer, "other_bsn": other.bsn,
            "needles": [person.bsn, person.voornamen, person.achternaam, person.straat, person.email,
                        zaak.zaaknummer, "brief van de huisarts over Retentia", "Brief huisarts Retentia"]}


def test_destruction_leaves_nothing_of_the_person_and_keeps_the_verklaring(app, api_as, client_as, users, clock):
    dossier = _dossier(api_as, users)
    samenvatting.refresh()  # the management summaries count the person's declared lines and tasks, by pseudonym
    before = _everywhere(dossier["needles"])
    assert any(f.startswith("document.") for f in before) and any(f.startswith("bericht.inhoud") for f in before)
    assert not any(f.startswith("rapportage_persoon.") for f in before)
    assert not _bsns_in_the_summaries()  # no one's BSN at all, only pseudonyms
    theirs = _pseudonyms_of(dossier["person"])
    assert theirs <= _summarised()  # both their declared line and their tasks are counted
    assert any(f.startswith("processing_record.") for f in before) and any(f.startswith("prestatie.") for f in before)
    assert any(f.startswith("declaratie.antwoord_xml") for f in before)  # the 325 names both inwoners
    clock.advance(days=16 * 366)
    propose_due()
    lijst = _lijst()
    assert _proposed(lijst) == {dossier["zaak_id"]}
    _approve(client_as, lijst.id)

    assert _everywhere(dossier["needles"]) == []
    assert not theirs & _summarised()  # the summaries count them no more
    assert db.session.get(Person, dossier["person_id"]) is None
    assert db.session.scalar(select(User).where(User.username == f"inwoner-{dossier['person_id']}")) is None
    report = verify_chain(db.session)
    assert report.intact, report.reason
    erased = db.session.scalars(select(ProcessingRecord).where(ProcessingRecord.vernietigd_op.is_not(None))).all()
    assert erased and all(r.subject_person_id is None and r.description is None for r in erased)
    lijst = _lijst()
    [regel] = lijst.regels
    assert (lijst.status, regel.status, regel.zaak_id, regel.einddatum) == ("vernietigd", "vernietigd", None, None)
    assert (regel.domein, regel.resultaat, regel.categorie, regel.jaren) == ("wmo", "toegekend", "8.1.1", 15)
    assert lijst.ingediend_door_naam == "Beheerder (demo)" and lijst.goedgekeurd_door_naam == "Privacyfunctionaris (demo)"
    # the other inwoner of the shared declaratie keeps their line, and the raw 323 still names them
    other_bsn = dossier["other_bsn"]
    assert db.session.scalar(select(Prestatie).where(Prestatie.bsn == other_bsn)) is not None
    assert any(other_bsn.encode() in b.inhoud for b in db.session.scalars(select(Bericht).where(Bericht.nummer == "323")))
    page = client_as("beheerder").get(f"/beheer/vernietigingslijsten/{lijst.id}").get_data(as_text=True)
    assert "Vernietigingsverklaring" in page and "8.1.1" in page and "&lt; 5" in page


def test_a_person_with_another_zaak_stays_and_keeps_that_zaak(app, api_as, client_as, clock):
    person = new_person(WOERDEN)
    old = ended_zaak(api_as("consulent"), person)
    clock.advance(days=16 * 366)
    kept = ended_zaak(api_as("consulent"), person)  # a new zaak whose care ends and that closes now: not due
    with unit_of_work() as session:
        session.get(Zaak, kept).closed_at = clock.at
        for toewijzing in session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == kept)):
            toewijzing.einddatum = clock.at.date()
    old_nummer = db.session.get(Zaak, old).zaaknummer
    propose_due()
    assert _proposed(_lijst()) == {old}
    _approve(client_as, _lijst().id)
    db.session.expire_all()
    assert db.session.get(Zaak, old) is None and db.session.get(Zaak, kept) is not None
    assert db.session.get(Person, person.id) is not None
    assert db.session.scalar(select(Document).where(Document.zaak_id == kept)) is not None
    assert not [f for f in _everywhere([old_nummer]) if not f.startswith("vernietigingslijst")]
    assert verify_chain(db.session).intact


def test_a_crash_halfway_leaves_each_zaak_whole_or_gone_and_the_next_run_finishes(app, api_as, client_as, clock,
                                                                                 monkeypatch):
    first, second = (ended_zaak(api_as("consulent"), new_person(WOERDEN)) for _ in range(2))
    clock.advance(days=16 * 366)
    propose_due()
    real, calls = vernietiging.destroy_zaak, []

    def crash_on_the_second(session, zaak):
        calls.append(zaak.id)
        real(session, zaak)
        if len(calls) == 2:
            raise RuntimeError("the worker died halfway through this zaak")

    monkeypatch.setattr(vernietiging, "destroy_zaak", crash_on_the_second)
    _approve(client_as, _lijst().id)
    db.session.expire_all()
    gone, whole = calls
    assert db.session.get(Zaak, gone) is None
    assert db.session.get(Zaak, whole) is not None and db.session.scalar(
        select(Document).where(Document.zaak_id == whole)) is not None
    lijst = _lijst()
    assert lijst.status == "goedgekeurd"
    assert {r.status for r in lijst.regels} == {"vernietigd", "voorgesteld"}
    monkeypatch.setattr(vernietiging, "destroy_zaak", real)
    from app.jobs.tasks import recover_lost_jobs
    assert recover_lost_jobs()["vernietigd"] == 1
    assert db.session.get(Zaak, whole) is None and _lijst().status == "vernietigd"
    assert {first, second} == set(calls) and verify_chain(db.session).intact


def test_a_zaak_that_got_a_bezwaar_after_approval_is_skipped(app, api_as, client_as, clock):
    zaak_id = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    clock.advance(days=16 * 366)
    propose_due()
    lijst = _lijst()
    beheerder = client_as("beheerder")
    beheerder.post(f"/beheer/vernietigingslijsten/{lijst.id}/indienen", data={"csrf_token": _csrf(beheerder)})
    with unit_of_work() as session:
        session.get(Zaak, zaak_id).bezwaar_sinds = clock.at
    privacy = client_as("privacy")
    privacy.post(f"/beheer/vernietigingslijsten/{lijst.id}/goedkeuren", data={"csrf_token": _csrf(privacy)})
    db.session.expire_all()
    assert db.session.get(Zaak, zaak_id) is not None
    [regel] = _lijst().regels
    assert regel.status == "overgeslagen" and "bezwaar" in regel.reden


def test_every_table_about_a_zaak_or_person_is_named_by_destruction():
    named = set(vernietiging.ZAAK_TABLES) | set(vernietiging.PERSON_TABLES) | set(vernietiging.KEPT)
    missing = tables_about_a_person(Base.metadata) - named
    assert not missing, f"tables with a person's data that destruction leaves alone: {sorted(missing)}"


def test_binary_columns_are_searched_too():
    """The search above reads LargeBinary columns (documents, uploads, raw messages) as text."""
    binary = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns
              if isinstance(c.type, LargeBinary)}
    assert {"document.pdf", "bijlage.inhoud", "bericht.inhoud"} <= binary


def test_postgresql_lets_through_only_the_erasure_of_personal_fields(app, users, person):
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's")
    from app.services.processing_log import log_processing
    with unit_of_work() as session:
        log_processing(session, actor=users["consulent"], person=person, activity="wmo-behandeling", action="lezen",
                       object_type="zaak", object_id=1, description="Bekeken")
    record_id = db.session.scalar(select(ProcessingRecord.id).order_by(ProcessingRecord.id.desc()))
    from sqlalchemy.exc import DBAPIError
    for statement in ("UPDATE processing_record SET description = 'x', vernietigd_op = now() WHERE id = :id",
                      "UPDATE processing_record SET subject_person_id = NULL, action = 'x', vernietigd_op = now() "
                      "WHERE id = :id"):
        db.session.execute(text("SET LOCAL cumulus.vernietiging = 'aan'"))
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement), {"id": record_id})
        db.session.rollback()
    with unit_of_work() as session:
        from app.services.processing_log_chain import erase
        assert erase(session, ProcessingRecord.id == record_id) == 1
    assert verify_chain(db.session).intact
