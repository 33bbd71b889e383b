"""Use cases of the bewaartermijnen and the periodic selection (#13 point 7): the beheerder reads and changes the
term per zaaktype and result of their gemeenten (each change audited), and the job proposes, once a day per
gemeente, the zaken whose term has passed on that gemeente's concept vernietigingslijst.

A zaak is due when it is closed, its care has ended (every toewijzing has an end or a stop; the last declared
period counts too), its term has passed since the latest of those days, no bezwaar runs (`zaak.bezwaar_sinds`,
set by the bezwaar process), and no declaratie on its toewijzingen is open: still being judged, or approved and
not yet paid out in a released betaalbatch."""
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, or_, select

from ..domain import policy
from ..domain import retentie as rules
from ..domain.deadlines import dutch_date
from ..models import (Beschikking, Betaalbatch, BetaalbatchRegel, Bewaartermijn, Declaratie, Gemeente, Prestatie,
                      Toewijzing, Vernietigingslijst, VernietigingslijstRegel, Zaak)
from . import audit
from .clock import now as clock_now
from .errors import Forbidden, InvalidInput, NotFound
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: How often the job selects anew for one gemeente.
SELECTIE_INTERVAL = timedelta(days=1)
#: Lists whose 'voorgesteld' lines keep a zaak from being proposed on another list.
LOPEND = ("concept", "ingediend", "goedgekeurd")


def termijnen(session, gemeente_id: int) -> dict[tuple[str, str], Bewaartermijn]:
    """The gemeente's term per (domein, resultaat); a gemeente added after the seed gets the Selectielijst's."""
    rows = {(t.domein, t.resultaat): t for t in session.scalars(
        select(Bewaartermijn).where(Bewaartermijn.gemeente_id == gemeente_id))}
    for default in rules.DEFAULTS:
        if (default.domein, default.resultaat) not in rows:
            row = Bewaartermijn(gemeente_id=gemeente_id, domein=default.domein, resultaat=default.resultaat,
                                jaren=default.jaren, categorie=default.categorie, grondslag=default.grondslag)
            session.add(row)
            rows[(default.domein, default.resultaat)] = row
    session.flush()
    return rows


def termijnen_for(actor, gemeente: Gemeente) -> list[Bewaartermijn]:
    """The terms of one of the actor's gemeenten, in the Selectielijst's order."""
    _require(policy.decide(actor, "retentie.bekijken", gemeente))
    with unit_of_work() as session:
        rows = termijnen(session, gemeente.id)
        return [rows[soort] for soort in rules.SOORTEN]


def update_termijnen(actor, gemeente: Gemeente, raw: dict[str, str]) -> list[str]:
    """Store the changed terms of `gemeente` (`raw`: 'domein-resultaat' → years); every value is checked first
    (nothing is stored if one is wrong), each change audited old → new. The changed fields' names."""
    _require(policy.decide(actor, "retentie.beheren", gemeente))
    values, errors = {}, {}
    for domein, resultaat in rules.SOORTEN:
        name = f"{domein}-{resultaat}"
        if name in raw:
            try:
                values[(domein, resultaat)] = rules.parse_jaren(raw[name])
            except ValueError as exc:
                errors[name] = f"{rules.DOMEINEN[domein]}, {rules.RESULTATEN[resultaat].lower()}: {exc}"
    if errors:
        raise InvalidInput("De bewaartermijnen zijn niet opgeslagen.", errors=errors)
    changed = []
    with unit_of_work() as session:
        rows = termijnen(session, gemeente.id)
        for soort, jaren in values.items():
            row = rows[soort]
            if row.jaren == jaren:
                continue
            label = f"{rules.DOMEINEN[soort[0]]}, {rules.RESULTATEN[soort[1]]} (categorie {row.categorie})"
            audit.record(session, actor, "bewaartermijn.wijzigen", row, {label: [row.jaren, jaren]})
            row.jaren, row.gewijzigd_op, row.gewijzigd_door_id = jaren, clock_now(), actor.id
            changed.append(f"{soort[0]}-{soort[1]}")
    logger.info("Bewaartermijnen of gemeente %s changed by %s: %s", gemeente.id, actor.username,
                ", ".join(changed) or "none")
    return changed


@dataclass(frozen=True)
class Beoordeling:
    """Whether one zaak may be destroyed now, and why not."""

    resultaat: str
    einddatum: date | None
    termijn: Bewaartermijn
    #: None when due; else the Dutch reason it is not.
    bezwaar: str | None

    @property
    def vernietigbaar_op(self) -> date | None:
        return rules.due_on(self.einddatum, self.termijn.jaren) if self.einddatum else None

    def due(self, today: date) -> bool:
        return self.bezwaar is None and self.vernietigbaar_op is not None and self.vernietigbaar_op <= today


def beoordeel(session, zaak: Zaak, today: date, rows=None) -> Beoordeling:
    """Judge one zaak against its gemeente's terms (see the module docstring)."""
    rows = rows or termijnen(session, zaak.gemeente_id)
    besluiten = list(session.scalars(select(Beschikking.besluit).where(Beschikking.zaak_id == zaak.id)))
    resultaat = rules.resultaat_of(besluiten)
    toewijzingen = list(session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == zaak.id,
                                                                 Toewijzing.status != "afgewezen")))
    einden = [t.stop_zorg or t.einddatum for t in toewijzingen]
    declared = [p for p in session.scalars(select(Prestatie.periode_eind).where(_of_zaak(zaak.id)))]
    closed_on = dutch_date(zaak.closed_at) if zaak.status == "afgesloten" and zaak.closed_at else None
    einddatum = rules.einde(closed_on, [*einden, *declared])
    termijn = rows[(zaak.domein, resultaat)]
    reason = None
    if zaak.bezwaar_sinds is not None:
        reason = "Er loopt een bezwaar of beroep."
    elif closed_on is None:
        reason = "De zaak is nog niet afgesloten."
    elif einddatum is None:
        reason = "De zorg is nog niet beëindigd."
    elif session.scalar(select(exists().where(_open_declaratie(zaak.id)))):
        reason = "Er is een declaratie die nog niet is beoordeeld of betaald."
    return Beoordeling(resultaat, einddatum, termijn, reason)


def _of_zaak(zaak_id: int):
    """Prestaties on the zaak's toewijzingen."""
    ids = select(Toewijzing.id).where(Toewijzing.zaak_id == zaak_id)
    nummers = select(Toewijzing.toewijzingnummer).where(Toewijzing.zaak_id == zaak_id)
    return or_(Prestatie.toewijzing_id.in_(ids), and_(Prestatie.toewijzing_id.is_(None),
                                                      Prestatie.toewijzing_nummer.in_(nummers)))


def _open_declaratie(zaak_id: int):
    """A prestatie on the zaak whose declaratie is not finally judged, or approved and not yet paid."""
    paid = exists().where(BetaalbatchRegel.declaratie_id == Declaratie.id,
                          BetaalbatchRegel.betaalbatch_id == Betaalbatch.id, Betaalbatch.status == "vrijgegeven")
    return and_(_of_zaak(zaak_id), Prestatie.declaratie_id == Declaratie.id,
                or_(Declaratie.status == "in_behandeling", Prestatie.status == "handmatig",
                    and_(Declaratie.totaal_toegekend_cent != 0, ~paid)))


def propose_due(force: bool = False) -> int:
    """The periodic job: for each gemeente not selected in the last day (or every one, `force`), put the zaken
    that are due on its concept list and take off those no longer due; one transaction per gemeente. The number
    of zaken added."""
    added = 0
    with unit_of_work() as session:
        gemeente_ids = list(session.scalars(select(Gemeente.id).order_by(Gemeente.id)))
    for gemeente_id in gemeente_ids:
        with unit_of_work() as session:
            added += _select(session, gemeente_id, clock_now(), force)
    return added


def select_now(actor, gemeente: Gemeente) -> int:
    """The beheerder asks for the selection of one of their gemeenten now, instead of waiting for the job."""
    _require(policy.decide(actor, "retentie.beheren", gemeente))
    with unit_of_work() as session:
        return _select(session, gemeente.id, clock_now(), force=True)


def _select(session, gemeente_id: int, moment: datetime, force: bool) -> int:
    lijst = session.scalar(select(Vernietigingslijst).where(Vernietigingslijst.gemeente_id == gemeente_id,
                                                            Vernietigingslijst.status == "concept")
                           .with_for_update())
    if lijst is not None and not force and lijst.bijgewerkt_op > moment - SELECTIE_INTERVAL:
        return 0
    if lijst is None:
        lijst = Vernietigingslijst(gemeente_id=gemeente_id, status="concept", aangemaakt_op=moment)
        session.add(lijst)
        session.flush()
    lijst.bijgewerkt_op = moment
    rows, today = termijnen(session, gemeente_id), dutch_date(moment)
    for regel in [r for r in lijst.regels if r.status == "voorgesteld"]:
        judged = beoordeel(session, regel.zaak, today, rows)
        if not judged.due(today):
            regel.status, regel.reden = "overgeslagen", judged.bezwaar or "De bewaartermijn is nog niet verstreken."
    shortest = min(t.jaren for t in rows.values())
    on_a_list = select(VernietigingslijstRegel.zaak_id).join(VernietigingslijstRegel.lijst).where(
        VernietigingslijstRegel.zaak_id.is_not(None),
        or_(VernietigingslijstRegel.lijst_id == lijst.id,
            and_(Vernietigingslijst.status.in_(LOPEND), VernietigingslijstRegel.status == "voorgesteld")))
    candidates = session.scalars(select(Zaak).where(
        Zaak.gemeente_id == gemeente_id, Zaak.status == "afgesloten", Zaak.bezwaar_sinds.is_(None),
        Zaak.closed_at <= datetime.combine(rules.due_on(today, -shortest), datetime.min.time(), moment.tzinfo),
        Zaak.id.not_in(on_a_list)).order_by(Zaak.closed_at))
    added = 0
    for zaak in candidates:
        judged = beoordeel(session, zaak, today, rows)
        if judged.due(today):
            session.add(VernietigingslijstRegel(
                lijst_id=lijst.id, zaak_id=zaak.id, domein=zaak.domein, resultaat=judged.resultaat,
                categorie=judged.termijn.categorie, jaren=judged.termijn.jaren, einddatum=judged.einddatum,
                eindjaar=judged.einddatum.year, status="voorgesteld"))
            added += 1
    if added:
        logger.info("Retention: %s zaken of gemeente %s proposed for destruction on list %s", added, gemeente_id,
                    lijst.id)
    return added


def _require(decision) -> None:
    if not decision:
        raise NotFound("Niet gevonden.") if decision.hidden else Forbidden(decision.reason)
