"""The ratings as the public sociale kaart shows them (#12 point 5): per aanbieder in a gemeente the approved
ratings of the last 4 years — averages per aspect and the count once there are at least 5, else only that there
are too few — and then the newest of them, without any name, with the aanbieder's reply. Read with one grouped
query for a page of entries. Public data: no login, no processing log (nothing identifies the inwoner)."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import func, select

from .. import db
from ..domain.beoordeling import ASPECTEN, shown, window_start
from ..models import Beoordeling

SHOWN_RATINGS = 20


@dataclass
class Samenvatting:
    aantal: int = 0
    #: aspect → average stars (only filled when shown).
    gemiddelden: dict = field(default_factory=dict)

    @property
    def getoond(self) -> bool:
        return shown(self.aantal)

    @property
    def gemiddeld(self) -> float:
        """The mean over the aspects: schema.org's one ratingValue."""
        return sum(self.gemiddelden.values()) / len(self.gemiddelden) if self.gemiddelden else 0.0


def _since(today: date) -> datetime:
    return datetime.combine(window_start(today), time(0), tzinfo=timezone.utc)


def _counted(gemeente_id: int, today: date):
    return (Beoordeling.gemeente_id == gemeente_id, Beoordeling.status == "goedgekeurd",
            Beoordeling.ingediend_op >= _since(today))


def summaries(gemeente_id: int, aanbieder_ids, today: date | None = None) -> dict[int, Samenvatting]:
    """Per aanbieder (of `aanbieder_ids`, None: all) its summary on the gemeente's kaart; one query."""
    today = today or date.today()
    ids = sorted({i for i in aanbieder_ids if i is not None}) if aanbieder_ids is not None else None
    if ids == []:
        return {}
    query = select(Beoordeling.aanbieder_id, func.count(),
                   *(func.avg(getattr(Beoordeling, name)) for name in ASPECTEN)).where(*_counted(gemeente_id, today))
    if ids is not None:
        query = query.where(Beoordeling.aanbieder_id.in_(ids))
    found = {}
    for aanbieder_id, count, *averages in db.session.execute(query.group_by(Beoordeling.aanbieder_id)):
        found[aanbieder_id] = Samenvatting(count, {name: float(avg) for name, avg in zip(ASPECTEN, averages)}
                                           if shown(count) else {})
    return {i: found.get(i, Samenvatting()) for i in ids} if ids is not None else found


def summary_of(gemeente_id: int, aanbieder_id: int | None, today: date | None = None) -> Samenvatting | None:
    """The summary of one entry's aanbieder; None for an entry of no aanbieder (nothing to rate)."""
    return summaries(gemeente_id, [aanbieder_id], today)[aanbieder_id] if aanbieder_id else None


def public_ratings(gemeente_id: int, aanbieder_id: int, summary: Samenvatting,
                   today: date | None = None) -> list[Beoordeling]:
    """The newest approved ratings of the aanbieder on this kaart — only when its `summary` says they are shown."""
    today = today or date.today()
    if not summary.getoond:
        return []
    return list(db.session.scalars(select(Beoordeling).where(*_counted(gemeente_id, today),
                                                             Beoordeling.aanbieder_id == aanbieder_id)
                                   .order_by(Beoordeling.ingediend_op.desc(), Beoordeling.id.desc())
                                   .limit(SHOWN_RATINGS)))


def fingerprint(session, gemeente_id: int, today: date | None = None) -> str:
    """The oldest rating the kaart counts today and the latest decision on any: a rating approved (or rejected)
    sets the latest decision, one that drops out of the 4 years changes the oldest — either changes the open data's
    averages or not, but nothing that changes them leaves this the same. Two index probes, whatever the count."""
    oldest = session.scalar(select(func.min(Beoordeling.ingediend_op)).where(*_counted(gemeente_id, today or date.today())))
    latest = session.scalar(select(func.max(Beoordeling.beoordeeld_op)).where(Beoordeling.gemeente_id == gemeente_id))
    return ":".join(v.isoformat() if hasattr(v, "isoformat") else "" for v in (oldest, latest))
