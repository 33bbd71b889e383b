"""Helpers for the rating tests: a toewijzing of a demo person (a zaak of their own, no process: a row as the
exchange leaves it after a 305), and approved ratings of an aanbieder by as many different demo inwoners."""
from datetime import date, datetime, timedelta, timezone
from itertools import count

from sqlalchemy import func, select

from app import db
from app.models import Aanbieder, Beoordeling, Gemeente, Person, Product, Toewijzing, Zaak
from app.services.demo_data import WOERDEN

_nummers = count(880001)


def aanbieder(agb: str = "42420001") -> Aanbieder:
    return db.session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb))


def woerden() -> Gemeente:
    return db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))


def toewijzing_for(person: Person, agb: str = "42420001", start: date | None = date(2026, 1, 5),
                   productcode: str = "01A03") -> Toewijzing:
    """A toewijzing of `person` (care started on `start`; None: not yet) in a zaak of their own."""
    highest = db.session.scalar(select(func.max(Toewijzing.toewijzingnummer))) or 0
    nummer = max(next(_nummers), highest + 1)
    zaak = Zaak(zaaknummer=f"T-{nummer}", domein="wmo", gemeente_id=person.gemeente_id, person_id=person.id,
                omschrijving="Hulp bij het huishouden", kanaal="portaal", ontvangen_op=date(2025, 12, 1))
    db.session.add(zaak)
    db.session.flush()
    product = db.session.scalar(select(Product).where(Product.productcode == productcode))
    toewijzing = Toewijzing(toewijzingnummer=nummer, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id,
                            aanbieder_id=aanbieder(agb).id, product_id=product.id, ingangsdatum=date(2026, 1, 1),
                            status="gestart" if start else "geaccepteerd", start_zorg=start)
    db.session.add(toewijzing)
    db.session.commit()
    return toewijzing


def ratings(n: int, agb: str = "42420001", status: str = "goedgekeurd", stars: int = 4,
            days_ago: int = 30, skip: int = 1) -> list[Beoordeling]:
    """`n` ratings of the aanbieder by different Woerden demo inwoners (past the first `skip`), each of a
    toewijzing of their own, given `days_ago` days ago."""
    people = list(db.session.scalars(select(Person).where(Person.gemeente_id == woerden().id)
                                     .order_by(Person.id).offset(skip).limit(n)))
    assert len(people) == n, "not enough demo inwoners"
    made, given = [], datetime.now(timezone.utc) - timedelta(days=days_ago)
    for person in people:
        t = toewijzing_for(person, agb)
        b = Beoordeling(gemeente_id=t.gemeente_id, toewijzing_id=t.id, aanbieder_id=t.aanbieder_id, person_id=person.id,
                        bejegening=stars, deskundigheid=stars, afspraken=max(1, stars - 1), tekst="Goede hulp.",
                        ingediend_op=given, status=status,
                        beoordeeld_op=given + timedelta(days=1) if status != "te_beoordelen" else None)
        db.session.add(b)
        made.append(b)
    db.session.commit()
    return made


def beoordeling_ids(person: Person, toewijzing_id: int) -> dict:
    """For the route walks: an approved rating of the person's toewijzing `toewijzing_id` (the aanbieder's page
    lists it) and a waiting one of a second toewijzing of theirs (the moderation list shows it)."""
    t = db.session.get(Toewijzing, toewijzing_id)
    second = toewijzing_for(person, db.session.get(Aanbieder, t.aanbieder_id).agb_code)
    made = []
    for toewijzing, status in ((t, "goedgekeurd"), (second, "te_beoordelen")):
        b = Beoordeling(gemeente_id=toewijzing.gemeente_id, toewijzing_id=toewijzing.id,
                        aanbieder_id=toewijzing.aanbieder_id, person_id=person.id, bejegening=4, deskundigheid=4,
                        afspraken=4, tekst="Prima hulp.", status=status)
        db.session.add(b)
        made.append(b)
    db.session.commit()
    return {"beoordeling_id": made[0].id}
