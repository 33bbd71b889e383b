"""Test data for retention: a person of one's own (the suite keeps people; destruction removes this one), a
granted zaak whose care ended, closed, with a declaratie (its 323 stored raw) on the person and on another
inwoner, paid out through a released betaalbatch — everything destruction must reach."""
from datetime import date, timedelta
from itertools import count

from sqlalchemy import select
from stdnum.nl import bsn as bsn_check

from app import db
from app.domain.declaratie_check import Toewijzingsfeiten
from app.models import Aanbieder, Bericht, Betaalbatch, Gemeente, Person, Toewijzing, Zaak
from app.models.base import utcnow
from app.services.betaalbatches import close_betaalbatch, release_betaalbatch
from app.services.declaraties import handle_declaratie
from app.services.uow import unit_of_work
from app.simulator.berichten import Levering, declaratie
from exchange_flow import AANBIEDER, beschikking, first_of_last_month
from iwmo_messages import ToewijzingInfo, parse

_serial = count(1)


def free_bsn() -> str:
    """A BSN that passes the elfproef and no person has."""
    taken = set(db.session.scalars(select(Person.bsn)))
    for n in range(123456780, 999999999, 7919):
        candidate = f"{n:09d}"
        if bsn_check.is_valid(candidate) and candidate not in taken:
            return candidate
    raise AssertionError("no free BSN")


def new_person(code: str, achternaam: str = "Vergeetmenietje") -> Person:
    n = next(_serial)
    gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == code))
    person = Person(bsn=free_bsn(), gemeente_id=gemeente.id, voornamen=f"Retentia{n}", achternaam=f"{achternaam}{n}",
                    geboortedatum=date(1940, 1, 2), straat=f"Archiefsteeg{n}", huisnummer="7", postcode="3441XK",
                    woonplaats="Woerden", wijk="Centrum", email=f"retentia{n}@example.org")
    db.session.add(person)
    db.session.commit()
    return person


def ended_zaak(api, person: Person, domein: str = "wmo") -> int:
    """A granted zaak whose toewijzing ended last month and that is closed now; its id."""
    zaak_id = beschikking(api, person.bsn, domein)
    end = date.today().replace(day=1) - timedelta(days=1)
    with unit_of_work() as session:
        for toewijzing in session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == zaak_id)):
            toewijzing.einddatum = end
        close(session.get(Zaak, zaak_id))
    return zaak_id


def close(zaak: Zaak) -> None:
    zaak.status, zaak.closed_at = "afgesloten", utcnow()


def declared(zaak_id: int, other_bsn: str, paid_by: tuple | None = None, ours_refused: bool = False) -> int:
    """A 323 with last month's care on the zaak's toewijzing and on another inwoner's, stored raw, approved, and —
    with `paid_by` (closer, releaser) — paid out; the betaalbatch id. `ours_refused`: the zaak's line is declared
    at a tarief above the contract's, so it is refused and the 325 names the inwoner."""
    toewijzing = db.session.scalar(select(Toewijzing).where(Toewijzing.zaak_id == zaak_id))
    zaak = db.session.get(Zaak, zaak_id)
    code = zaak.gemeente.code
    month = first_of_last_month()
    ours = Levering("iwmo", code, zaak.person.bsn, toewijzing.toewijzingnummer, "01", "01A03", month,
                    toewijzing.einddatum, "04", 500, "4", None)
    theirs = Levering("iwmo", code, other_bsn, 900000 + zaak_id, "01", "01A03", month, None, "04", 500, "4", None)
    feiten = {lev.toewijzing_nummer: Toewijzingsfeiten(ToewijzingInfo(
        lev.toewijzing_nummer, lev.bsn, lev.categorie, lev.code, lev.ingangsdatum, lev.einddatum, lev.eenheid,
        lev.volume, lev.frequentie), 3250, None, toewijzing.id if lev is ours else None) for lev in (ours, theirs)}
    nummer = f"RT{zaak_id}"
    xml = declaratie(AANBIEDER["wmo"], [(ours, 3, 9999 if ours_refused else 3250), (theirs, 4, 3250)], month, nummer,
                     f"I{nummer}", date.today())
    with unit_of_work() as session:
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == AANBIEDER["wmo"]))
        raw = Bericht(richting="in", aanbieder_id=aanbieder.id, gemeente_id=zaak.gemeente_id, kanaal="api",
                      inhoud=xml, standaard="iwmo", nummer="323", status="verwerkt")
        session.add(raw)
        session.flush()
        handle_declaratie(session, parse(xml), aanbieder, feiten, bericht_id=raw.id, today=date.today(),
                          gemeente_id=zaak.gemeente_id)
        batch_id = session.scalar(select(Betaalbatch.id).where(Betaalbatch.open_slot == 1,
                                                               Betaalbatch.gemeente_id == zaak.gemeente_id))
    if paid_by:
        close_betaalbatch(paid_by[0], None, batch_id=batch_id)
        release_betaalbatch(paid_by[1], batch_id)
    return batch_id


def concept_list_with(zaak: Zaak) -> dict:
    """A concept vernietigingslijst of the zaak's gemeente with the zaak on it, as the route walks' ids."""
    from app.models import Vernietigingslijst, VernietigingslijstRegel
    lijst = Vernietigingslijst(gemeente_id=zaak.gemeente_id, status="concept")
    db.session.add(lijst)
    db.session.flush()
    regel = VernietigingslijstRegel(lijst_id=lijst.id, zaak_id=zaak.id, domein=zaak.domein, resultaat="toegekend",
                                    categorie="8.1.1", jaren=15, einddatum=date.today(), eindjaar=date.today().year)
    db.session.add(regel)
    db.session.commit()
    return {"lijst_id": lijst.id, "lijstregel_id": regel.id}

