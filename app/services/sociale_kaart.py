"""Reading the public sociale kaart of a gemeente: search its entries by need (in plain words, mapped to
product categories), wijk, Wmo/Jeugd and kind; one entry with its organisation and location; the wijken
it can be filtered on. Public data about services, never about a person: no login, no processing log."""
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain.input import is_digits
from ..domain.sociale_kaart import BEHOEFTEN, DOMEINEN, SOORTEN, categories_for_need
from ..models import (Aanbieder, Gemeente, KaartDienst, KaartDienstCategorie, KaartDienstWijk, KaartLocatie,
                      KaartOrganisatie, Person)

PAGE_SIZE = 20


@dataclass
class Filters:
    """What the inwoner chose; an unknown value counts as not chosen (and the page says so)."""
    behoefte: str = ""
    wijk: str = ""
    domein: str = ""
    soort: str = ""

    def cleaned(self, wijken: list[str]) -> tuple["Filters", list[str]]:
        """The filters with unknown values left out, and a Dutch note for each one left out."""
        notes, kept = [], Filters()
        for name, allowed, label in (("behoefte", BEHOEFTEN, "Waar zoekt u hulp bij"), ("wijk", wijken, "Wijk"),
                                     ("domein", DOMEINEN, "Voor wie"), ("soort", SOORTEN, "Soort hulp")):
            value = (getattr(self, name) or "").strip()[:100]
            if value and value not in allowed:
                notes.append(f"'{label}': deze keuze kennen we niet. We tonen alles.")
            elif value:
                setattr(kept, name, value)
        return kept, notes


@dataclass
class Results:
    entries: list[KaartDienst]
    total: int
    page: int
    pages: int


def gemeente_by_code(code: str) -> Gemeente | None:
    if not (isinstance(code, str) and is_digits(code) and len(code) == 4):
        return None
    return db.session.scalar(select(Gemeente).where(Gemeente.code == code))


def wijken_of(gemeente: Gemeente) -> list[str]:
    """The wijken of the gemeente: those its inwoners live in and those the kaart's entries name."""
    names = set(db.session.scalars(select(Person.wijk).where(Person.gemeente_id == gemeente.id,
                                                             Person.wijk.is_not(None)).distinct()))
    names |= set(db.session.scalars(select(KaartDienstWijk.wijk).join(KaartDienst).where(
        KaartDienst.gemeente_id == gemeente.id, KaartDienst.gepubliceerd.is_(True)).distinct()))
    return sorted(names)


def search(gemeente: Gemeente, filters: Filters, page: int = 1) -> Results:
    """The entries of the gemeente that match, maatwerk last (an algemene voorziening needs no beschikking)."""
    query = select(KaartDienst.id).where(KaartDienst.gemeente_id == gemeente.id, KaartDienst.gepubliceerd.is_(True))
    if filters.behoefte:
        query = query.where(exists().where(KaartDienstCategorie.dienst_id == KaartDienst.id,
                                           KaartDienstCategorie.categorie.in_(categories_for_need(filters.behoefte))))
    if filters.wijk:
        # Serves the wijk, or the whole gemeente (no wijken given), or is located there.
        query = query.where(or_(
            exists().where(KaartDienstWijk.dienst_id == KaartDienst.id, KaartDienstWijk.wijk == filters.wijk),
            ~exists().where(KaartDienstWijk.dienst_id == KaartDienst.id),
            KaartDienst.locatie_id.in_(select(KaartLocatie.id).where(KaartLocatie.wijk == filters.wijk))))
    if filters.domein:
        query = query.where(KaartDienst.domein.in_((filters.domein, "beide")))
    if filters.soort:
        query = query.where(KaartDienst.soort == filters.soort)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    order = (KaartDienst.beschikking_nodig, KaartDienst.naam, KaartDienst.id)
    ids = list(db.session.scalars(query.order_by(*order).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    entries = list(db.session.scalars(select(KaartDienst).where(KaartDienst.id.in_(ids)).order_by(*order).options(
        selectinload(KaartDienst.organisatie), selectinload(KaartDienst.locatie),
        selectinload(KaartDienst.categorieen), selectinload(KaartDienst.wijken)))) if ids else []
    return Results(entries, total, page, pages)


def get_entry(gemeente: Gemeente, dienst_id: int) -> KaartDienst | None:
    """One published entry of this gemeente (None for another gemeente's, a hidden one or none at all)."""
    entry = db.session.get(KaartDienst, dienst_id)
    return entry if entry is not None and entry.gemeente_id == gemeente.id and entry.gepubliceerd else None


def export_rows(gemeente: Gemeente) -> tuple[list, dict[int, list[str]], dict[int, list[str]]]:
    """Every entry of the gemeente as flat rows (service, organisation, location; by id) with its categories
    and wijken by entry id: three queries and no ORM objects, as the open data of thousands of entries needs."""
    d, o, loc = KaartDienst, KaartOrganisatie, KaartLocatie
    rows = list(db.session.execute(
        select(d.id, d.naam, d.beschrijving, d.doelgroep, d.aanmelden, d.website, d.email, d.telefoon, d.kosten,
               d.gecontroleerd_op, d.bijgewerkt_op, d.soort, d.domein, d.beschikking_nodig,
               o.id.label("org_id"), o.naam.label("org_naam"), o.website.label("org_website"), o.aanbieder_id,
               Aanbieder.agb_code, loc.id.label("loc_id"), loc.straat, loc.huisnummer, loc.postcode, loc.plaats,
               loc.wijk.label("loc_wijk"))
        .join(o, o.id == d.organisatie_id).outerjoin(Aanbieder, Aanbieder.id == o.aanbieder_id)
        .outerjoin(loc, loc.id == d.locatie_id).where(d.gemeente_id == gemeente.id, d.gepubliceerd.is_(True))
        .order_by(d.id)))
    mine = select(d.id).where(d.gemeente_id == gemeente.id, d.gepubliceerd.is_(True))
    categories, wijken = {}, {}
    for dienst_id, code in db.session.execute(select(KaartDienstCategorie.dienst_id, KaartDienstCategorie.categorie)
                                              .where(KaartDienstCategorie.dienst_id.in_(mine))
                                              .order_by(KaartDienstCategorie.categorie)):
        categories.setdefault(dienst_id, []).append(code)
    for dienst_id, wijk in db.session.execute(select(KaartDienstWijk.dienst_id, KaartDienstWijk.wijk)
                                              .where(KaartDienstWijk.dienst_id.in_(mine)).order_by(KaartDienstWijk.wijk)):
        wijken.setdefault(dienst_id, []).append(wijk)
    return rows, categories, wijken
