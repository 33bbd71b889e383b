"""The zaken a werkvoorraad search finds — by name, BSN or zaaknummer, open or closed, with or without an open
task — in the gemeenten the searcher works for. Need to know is not asked here: a zaak outside the searcher's
wijken is listed, and opening it asks for the reason (the zaak page's doorbraak)."""
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .. import db
from ..models import HumanTask, Zaak

#: The search results list at most this many zaken, the newest first.
SHOWN = 50


@dataclass(frozen=True)
class GevondenZaak:
    zaak: Zaak
    #: Open tasks of the zaak (any lane): 0 for a zaak that waits for nothing, e.g. after the beschikking.
    open_taken: int


def zaken_found(zaak_ids: list[int]) -> list[GevondenZaak]:
    """The zaken with these ids (found and limited to the user's gemeenten by the inbox search), newest first."""
    if not zaak_ids:
        return []
    zaken = list(db.session.scalars(select(Zaak).where(Zaak.id.in_(zaak_ids)).order_by(Zaak.id.desc())
                                    .limit(SHOWN).options(joinedload(Zaak.person))))
    open_counts = dict(db.session.execute(
        select(HumanTask.zaak_id, func.count()).where(HumanTask.zaak_id.in_([z.id for z in zaken]),
                                                      HumanTask.status == "open").group_by(HumanTask.zaak_id)).all())
    return [GevondenZaak(zaak=z, open_taken=open_counts.get(z.id, 0)) for z in zaken]
