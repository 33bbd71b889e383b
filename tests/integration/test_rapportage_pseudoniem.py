"""The rapportage summaries keep a person as a keyed pseudonym (app/services/rapportage/pseudoniem.py), never a BSN
or person id: an incremental refresh gives exactly the rows a full one gives, another or a lost key makes the next
refresh a full one (no person counted twice), and two processes that make the key at once end with the same key."""
import re
import secrets
import threading
import time
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app import db
from app.models import (Person, Prestatie, RapportageMaand, RapportagePersoon, RapportageSleutel,
                        RapportageStand, RapportageVenster, RapportageVerdeling, Toewijzing, Zaak)
from app.services.demo_data import WOERDEN
from app.services.rapportage import pseudoniem, samenvatting
from app.services.uow import unit_of_work
from rapportage_data import AANBIEDER_X, History, make_history

SUMMARIES = (RapportagePersoon, RapportageVenster, RapportageMaand, RapportageVerdeling)


def _rows(model) -> list[tuple]:
    """Every row of a summary table without its id, in a fixed order."""
    columns = [c for c in model.__table__.columns if c.name != "id"]
    return sorted(db.session.execute(select(*columns)).all(), key=repr)


def _snapshot() -> dict:
    db.session.expire_all()
    return {model.__tablename__: _rows(model) for model in SUMMARIES}


def _a_change(made: dict) -> Person:
    """A new judged declaratieregel and a finished task for the person of z1, through the ORM (so with marks)."""
    h = History()
    zaak = db.session.get(Zaak, made["z1"])
    toewijzing = db.session.scalar(select(Toewijzing).where(Toewijzing.zaak_id == zaak.id))
    person = db.session.get(Person, zaak.person_id)
    h.declaratie(WOERDEN, AANBIEDER_X, [(toewijzing, person, date(2026, 5, 1), 12345, "goedgekeurd")])
    h.task(zaak, "besluit_voorbereiden", "consulent", date(2026, 4, 1), date(2026, 4, 9))
    db.session.commit()
    return person


def _replace_key() -> None:
    with unit_of_work() as session:
        session.execute(update(RapportageSleutel).values(sleutel=secrets.token_bytes(32)))


def test_the_rows_hold_pseudonyms_and_an_incremental_refresh_gives_the_rows_of_a_full_one(app):
    made = make_history()
    assert samenvatting.refresh()["volledig"]
    person = _a_change(made)
    assert not samenvatting.refresh()["volledig"]
    incremental = _snapshot()
    assert samenvatting.refresh(full=True)["volledig"]
    assert _snapshot() == incremental

    kept = {p for (p,) in db.session.execute(select(RapportagePersoon.persoon))}
    assert kept and all(re.fullmatch(r"[0-9a-f]{20}", p) for p in kept)
    bsns = set(db.session.scalars(select(Prestatie.bsn))) | set(db.session.scalars(select(Person.bsn)))
    ids = {str(i) for i in db.session.scalars(select(Person.id))}
    assert not kept & (bsns | ids)  # no BSN and no person id, only pseudonyms
    pseudonym = pseudoniem.Pseudonyms(pseudoniem.key(db.session))
    assert pseudonym("declaratie", person.bsn) in kept and pseudonym("stap", str(person.id)) in kept
    assert pseudonym("declaratie", person.bsn) != pseudonym("stap", person.bsn)  # the source is in the HMAC


def test_another_key_makes_the_next_refresh_a_full_one_and_counts_no_one_twice(app):
    made = make_history()
    samenvatting.refresh()
    before = {p for (p,) in db.session.execute(select(RapportagePersoon.persoon))}
    _replace_key()  # e.g. a restored database with another key
    _a_change(made)
    assert samenvatting.refresh()["volledig"]
    after = _snapshot()
    assert not before & {row[6] for row in after["rapportage_persoon"]}  # nothing is left of the old key's rows
    samenvatting.refresh(full=True)
    assert _snapshot() == after
    stand = db.session.scalar(select(RapportageStand))
    assert stand.sleutel == pseudoniem.fingerprint(pseudoniem.key(db.session))

    with unit_of_work() as session:  # the key lost: a new one is made, and again the refresh is a full one
        session.execute(delete(RapportageSleutel))
    assert samenvatting.refresh()["volledig"]
    assert _snapshot()["rapportage_venster"] == after["rapportage_venster"]
    assert not samenvatting.refresh()["volledig"]  # and then the key is the stand's again


def test_a_destruction_under_another_key_drops_the_summaries_for_a_full_rebuild(app):
    made = make_history()
    samenvatting.refresh()
    _replace_key()
    person = db.session.get(Person, db.session.get(Zaak, made["z1"]).person_id)
    with unit_of_work() as session:
        samenvatting.redo_person(session, person.bsn, person.id)
    db.session.expire_all()
    for model in (*SUMMARIES, RapportageStand):
        assert db.session.scalar(select(model).limit(1)) is None, model.__tablename__
    assert samenvatting.refresh()["volledig"]


def test_two_processes_making_the_key_at_once_end_with_the_same_key(app):
    engine = db.session.get_bind()
    with Session(engine) as first, Session(engine) as second:
        made = pseudoniem.key(first)
        first.commit()
        # the second had found no key a moment before the first made one: its insert fails, it reads the first's
        assert pseudoniem.make_key(second) == made and len(made) == 32
        second.commit()
    assert db.session.scalars(select(RapportageSleutel.sleutel)).all() == [made]


def test_on_postgresql_the_second_process_waits_for_the_first_ones_key(app):
    engine = db.session.get_bind()
    if engine.dialect.name != "postgresql":
        return  # SQLite: a savepoint outside a write transaction commits on release, so the key is there at once
    first, found = Session(engine), {}
    made = pseudoniem.key(first)  # written, not yet committed

    def second_process():
        with Session(engine) as other:
            found["key"] = pseudoniem.key(other)
            other.commit()

    racer = threading.Thread(target=second_process)
    racer.start()
    time.sleep(0.5)
    assert racer.is_alive()  # its insert waits for the first one's
    first.commit()
    first.close()
    racer.join(timeout=10)
    assert found["key"] == made
