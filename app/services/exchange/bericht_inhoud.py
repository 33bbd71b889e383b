"""What a bericht says, as an aanbieder's back office reads it on its page: a toewijzing (301) with its client,
products, omvang, period and the toewijzing's state now; a declaratie (323) or its answer (325) line by line with
amounts, verdicts and retourcodes in Dutch; and the one outcome of a bericht the aanbieder sent. Showing a
client's data is logged (one record per bericht, on its client)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from iwmo_messages import parse

from ...domain.codelijsten import EENHEDEN, euro, omvang_tekst
from ...domain.declaratie_check import AFGEKEURD, GOEDGEKEURD, NOT_ASSESSED
from ...models import Bericht, Declaratie, Person, Product, Toewijzing
from ..uow import unit_of_work
from .aanbieder import _log_read
from .codes import describe

#: A toewijzing's state as the aanbieder reads it.
TOEWIJZING_STATUS = {"verzonden": "Wacht op uw retour (302)", "geaccepteerd": "Door u geaccepteerd, zorg nog niet gestart",
                     "afgewezen": "Door u afgewezen", "gestart": "Zorg gestart", "gestopt": "Zorg gestopt"}
#: A declaratie line's verdict.
REGEL_STATUS = {GOEDGEKEURD: "Goedgekeurd", AFGEKEURD: "Afgekeurd", "handmatig": "Wordt beoordeeld door de gemeente"}
#: Retourcodes that say "nothing wrong": never a reason.
NO_REMARKS = {"0200", "8001"}


@dataclass(frozen=True)
class ToegewezenProductRegel:
    nummer: int
    toewijzing_id: int | None
    product: str
    omvang: str
    begin: date
    eind: date | None
    status: str
    start_zorg: date | None
    stop_zorg: date | None
    #: The 301 that carries the toewijzing's current version (another bericht when this one was replaced).
    actueel_bericht_id: int | None


@dataclass(frozen=True)
class Toewijzingsbericht:
    client: str
    bsn: str
    geboortedatum: date
    regels: list[ToegewezenProductRegel]


@dataclass(frozen=True)
class DeclaratieRegel:
    client: str
    bsn: str
    product: str
    begin: date
    eind: date
    volume: str
    tarief: str
    bedrag: str
    status: str
    afgekeurd: bool
    #: The retourcodes of a rejected line, each with its Dutch meaning.
    retourcodes: list[str]


@dataclass(frozen=True)
class Declaratiebeeld:
    declaratienummer: str
    begin: date
    eind: date
    ingediend: str
    toegekend: str | None
    regels: list[DeclaratieRegel]
    #: A sentence on the whole declaratie ("3 van de 4 regels goedgekeurd; …").
    samenvatting: str


@dataclass(frozen=True)
class Uitkomst:
    """The one result of a bericht the aanbieder sent: 'success', 'warning', 'error' or 'info', a title and the
    reasons in Dutch."""

    soort: str
    titel: str
    redenen: list[str] = field(default_factory=list)


def inhoud_of(user, bericht: Bericht) -> Toewijzingsbericht | Declaratiebeeld | None:
    """What the bericht says (None for other messages, or one that cannot be read); the read is logged."""
    if bericht.nummer not in ("301", "323", "325"):
        return None
    with unit_of_work() as session:
        bericht = session.get(Bericht, bericht.id)
        if bericht.nummer == "301":
            inhoud = _toewijzing(session, bericht)
        else:
            inhoud = _declaratie(session, bericht)
        if inhoud is not None:
            _log_read(session, user, bericht, "raadplegen")
        return inhoud


def uitkomst_of(bericht: Bericht, inhoud=None) -> Uitkomst | None:
    """The outcome of an inbound bericht in one sentence and its reasons (None for the gemeente's own berichten)."""
    if bericht.richting != "in":
        return None
    if bericht.status == "ontvangen":
        return Uitkomst("info", "Ontvangen: het bericht wordt nu verwerkt. Ververs de pagina over een ogenblik.",
                        list(bericht.fouten or []))
    if bericht.status == "afgekeurd":
        return Uitkomst("error", "Afgekeurd: het bericht is niet verwerkt.", list(bericht.fouten or []))
    if bericht.status == "dubbel":
        return Uitkomst("info", "Dit bericht was al eerder ontvangen; het is niet nog eens verwerkt. Het antwoord "
                                "op het eerste bericht geldt.")
    reasons = [describe(c) for c in (bericht.retourcodes or "").split() if c not in NO_REMARKS]
    rejected = [r for r in getattr(inhoud, "regels", []) if getattr(r, "afgekeurd", False)]
    if isinstance(inhoud, Declaratiebeeld):
        if inhoud.toegekend is None:  # lines wait for a person: the 325 follows their verdict
            return Uitkomst("info", f"Verwerkt: een medewerker van de gemeente beoordeelt de declaratie; het antwoord "
                                    f"volgt uiterlijk {_nl(bericht.antwoord_uiterlijk)}. {inhoud.samenvatting}")
        if rejected and len(rejected) == len(inhoud.regels):
            return Uitkomst("error", f"Afgekeurd: de gemeente keurde de declaratie af. {inhoud.samenvatting}", reasons)
        if rejected:
            return Uitkomst("warning", f"Deels afgekeurd. {inhoud.samenvatting}", reasons)
        return Uitkomst("success", f"Verwerkt en goedgekeurd. {inhoud.samenvatting}")
    if reasons or bericht.fouten:
        return Uitkomst("warning", "Verwerkt, maar de gemeente keurde (een deel) af. Zie de redenen hieronder.",
                        list(bericht.fouten or []) + reasons)
    return Uitkomst("success", "Verwerkt: de gemeente heeft het bericht zonder opmerkingen aangenomen.")


def _nl(day) -> str:
    from ...domain.deadlines import format_date_nl
    return format_date_nl(day) if day else "binnenkort"


def _toewijzing(session, bericht: Bericht) -> Toewijzingsbericht | None:
    try:
        msg = parse(bericht.inhoud)
    except Exception:  # a stored 301 is XSD-valid (checked before it left); nothing to show if not
        return None
    c = msg.client
    nummers = [tp.toewijzing_nummer for tp in c.toegewezen_producten]
    rows = {t.toewijzingnummer: t for t in session.scalars(select(Toewijzing).where(
        Toewijzing.toewijzingnummer.in_(nummers), Toewijzing.aanbieder_id == bericht.aanbieder_id))}
    producten = _product_names(session, {tp.product.code for tp in c.toegewezen_producten if tp.product})
    regels = []
    for tp in c.toegewezen_producten:
        t = rows.get(tp.toewijzing_nummer)
        code = tp.product.code if tp.product else None
        omvang = tp.omvang
        regels.append(ToegewezenProductRegel(
            tp.toewijzing_nummer, t.id if t else None,
            f"{code} — {producten[code]}" if code in producten else (code or f"categorie {tp.product.categorie}"),
            omvang_tekst(omvang.volume if omvang else None, omvang.eenheid if omvang else None,
                         omvang.frequentie if omvang else None, tp.budget),
            tp.ingangsdatum, tp.einddatum,
            "Verwijderd door de gemeente" if tp.reden_wijziging == "13"
            else TOEWIJZING_STATUS.get(t.status, t.status) if t else "Onbekend",
            t.start_zorg if t else None, t.stop_zorg if t else None, t.bericht_id if t else None))
    n = c.naam
    name = " ".join(x for x in (n.voornamen or n.voorletters, n.geslachtsnaam.voorvoegsel, n.geslachtsnaam.achternaam) if x)
    return Toewijzingsbericht(name, c.bsn, c.geboortedatum.datum, regels)


def _product_names(session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    return {p.productcode: p.omschrijving for p in session.scalars(select(Product).where(Product.productcode.in_(codes)))}


def _declaratie(session, bericht: Bericht) -> Declaratiebeeld | None:
    """The declaratie a 323 brought, or the one a 325 answers, with its lines as stored when it was judged."""
    heen = bericht
    if bericht.nummer == "325":
        heen = session.scalar(select(Bericht).where(Bericht.retour_id == bericht.id, Bericht.richting == "in"))
        if heen is None:
            return None
    original = heen.duplicaat_van or heen
    declaratie = session.scalar(select(Declaratie).where(Declaratie.bericht_id == original.id))
    if declaratie is None:
        return None
    people = {p.bsn: p for p in session.scalars(select(Person).where(
        Person.bsn.in_({p.bsn for p in declaratie.prestaties})))}
    producten = _product_names(session, {p.productcode for p in declaratie.prestaties})
    regels = []
    for p in declaratie.prestaties:
        person = people.get(p.bsn)
        afgekeurd = p.status == AFGEKEURD
        codes = (p.retourcodes or NOT_ASSESSED).split() if afgekeurd else []
        regels.append(DeclaratieRegel(
            person.naam if person else "Onbekende cliënt", p.bsn,
            f"{p.productcode} — {producten[p.productcode]}" if p.productcode in producten else p.productcode,
            p.periode_begin, p.periode_eind, f"{p.volume} {EENHEDEN.get(p.eenheid, p.eenheid)}",
            euro(p.tarief_cent) if p.tarief_cent is not None else "—", euro(p.signed_cent),
            REGEL_STATUS.get(p.status, p.status), afgekeurd, [describe(c) for c in codes]))
    return Declaratiebeeld(declaratie.declaratienummer, declaratie.periode_begin, declaratie.periode_eind,
                           euro(declaratie.totaal_ingediend_cent),
                           euro(declaratie.totaal_toegekend_cent) if declaratie.status != "in_behandeling" else None,
                           regels, _samenvatting(declaratie, regels))


def _samenvatting(declaratie: Declaratie, regels: list[DeclaratieRegel]) -> str:
    rejected = sum(1 for r in regels if r.afgekeurd)
    approved = sum(1 for r in regels if r.status == REGEL_STATUS[GOEDGEKEURD])
    total = len(regels)
    parts = [f"{approved} van de {total} {'regel' if total == 1 else 'regels'} goedgekeurd"]
    if rejected:
        parts.append(f"{rejected} afgekeurd")
    waiting = total - approved - rejected
    if waiting:
        parts.append(f"{waiting} wacht{'en' if waiting > 1 else ''} op beoordeling")
    text = ", ".join(parts)
    if declaratie.status != "in_behandeling":
        text += f"; toegekend {euro(declaratie.totaal_toegekend_cent)} van {euro(declaratie.totaal_ingediend_cent)}"
    return text + "."
