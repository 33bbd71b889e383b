"""Small builders for engine tests: a zaak to hang instances on, fixture BPMN from tests/data."""
from datetime import date
from pathlib import Path

from app import db
from app.models import Person, Zaak

DATA = Path(__file__).resolve().parents[2] / "data" / "bpmn"


def bpmn(name: str) -> bytes:
    return (DATA / name).read_bytes()


def new_zaak(domein: str = "wmo") -> Zaak:
    session = db.session()
    person = session.query(Person).order_by(Person.id).first()
    zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-{Zaak.__table__.name}-{session.query(Zaak).count() + 1}", domein=domein,
                person_id=person.id, omschrijving="test", kanaal="telefoon", ontvangen_op=date.today())
    session.add(zaak)
    session.flush()
    return zaak
