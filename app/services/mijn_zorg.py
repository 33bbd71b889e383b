"""Use case 'mijn zorg': the inwoner's toewijzingen — which aanbieder, what, start and stop — and how much
of what was granted the aanbieder has declared and the gemeente approved (goedgekeurde prestaties)."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..models import Person, Prestatie, Toewijzing, Zaak
from .processing_log import log_processing
from .uow import unit_of_work

EENHEDEN = {"01": "minuten", "04": "uur", "14": "etmalen", "16": "dagdelen", "82": "stuks", "83": "euro"}
FREQUENTIES = {"1": "per dag", "2": "per week", "4": "per maand", "6": "in totaal"}
STATUS = {"verzonden": "De zorgaanbieder heeft de opdracht gekregen", "geaccepteerd": "De zorgaanbieder heeft de opdracht aangenomen",
          "afgewezen": "De zorgaanbieder kan deze zorg niet leveren; de gemeente zoekt een andere",
          "gestart": "De zorg is begonnen", "gestopt": "De zorg is gestopt"}


@dataclass
class Zorg:
    toewijzing: Toewijzing
    status: str
    #: '3 uur per week'; None for a budget (toewijzing.budget, in cents).
    omvang: str | None
    #: Approved declared amount in euro cents and volume in the toewijzing's eenheid.
    gedeclareerd_cent: int
    gedeclareerd_volume: int
    #: Share of the budget used (0–100+), only when the toewijzing has a budget.
    procent: int | None


def zorg_of(actor, person: Person, on_behalf_of=None) -> list[Zorg]:
    """The person's toewijzingen, newest first, with what was declared on each; the read is logged."""
    with unit_of_work() as session:
        rows = list(session.scalars(select(Toewijzing).join(Zaak, Toewijzing.zaak_id == Zaak.id)
                                    .where(Zaak.person_id == person.id)
                                    .options(selectinload(Toewijzing.aanbieder), selectinload(Toewijzing.product))
                                    .order_by(Toewijzing.ingangsdatum.desc(), Toewijzing.id.desc())))
        used = _declared(session, [t.id for t in rows])
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="toewijzingen", description="Overzicht 'mijn zorg' (toewijzingen en declaraties) bekeken",
                       on_behalf_of=on_behalf_of)
    return [_zorg(t, *used.get(t.id, (0, 0))) for t in rows]


def _declared(session, toewijzing_ids: list[int]) -> dict[int, tuple[int, int]]:
    totals: dict[int, tuple[int, int]] = {}
    if toewijzing_ids:
        for p in session.scalars(select(Prestatie).where(Prestatie.toewijzing_id.in_(toewijzing_ids),
                                                         Prestatie.status == "goedgekeurd")):
            cent, volume = totals.get(p.toewijzing_id, (0, 0))
            sign = -1 if p.debet_credit == "C" else 1
            totals[p.toewijzing_id] = (cent + p.signed_cent, volume + sign * p.volume)
    return totals


def _zorg(t: Toewijzing, cent: int, volume: int) -> Zorg:
    omvang = None
    if t.volume is not None:
        omvang = f"{t.volume} {EENHEDEN.get(t.eenheid, t.eenheid or '')} {FREQUENTIES.get(t.frequentie, '')}".strip()
    procent = round(100 * cent / t.budget) if t.budget else None
    return Zorg(toewijzing=t, status=STATUS.get(t.status, t.status), omvang=omvang, gedeclareerd_cent=cent,
                gedeclareerd_volume=volume, procent=procent)

