"""Messages from the inwoner's side (the inwoner or a gemachtigde) that nobody at the gemeente has opened yet, as
the werkvoorraad shows them: a marker on each task's zaak, and the zaken with one — also those without an open
task, such as a question after the beschikking."""
from dataclasses import dataclass

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import joinedload

from .. import db
from ..models import HumanTask, PortaalBericht, Zaak
from .doorbraken import zaak_facts
from .gemeenten import reach

#: The werkvoorraad lists at most this many zaken with a new message (the oldest message first).
SHOWN = 25


@dataclass(frozen=True)
class NieuwBericht:
    zaak: Zaak
    #: How many messages wait.
    ongelezen: int
    #: When the oldest of them was sent.
    sinds: object
    #: Whether the zaak has an open task (without one, nothing else in the werkvoorraad points to it).
    open_taak: bool


def unread_zaken(user):
    """SELECT of the ids of the zaken in `user`'s gemeenten with an unread message from the inwoner's side
    (read from ix_portaal_bericht_nieuw)."""
    return select(PortaalBericht.zaak_id).distinct().where(_unread(), reach(user, PortaalBericht.gemeente_id))


def unread_counts(zaak_ids) -> dict[int, int]:
    """Per zaak of `zaak_ids`, how many messages from the inwoner's side wait unread."""
    ids = sorted(set(zaak_ids))
    if not ids:
        return {}
    return dict(db.session.execute(select(PortaalBericht.zaak_id, func.count()).where(
        _unread(), PortaalBericht.zaak_id.in_(ids)).group_by(PortaalBericht.zaak_id)).all())


def zaken_met_nieuw_bericht(user) -> list[NieuwBericht]:
    """The zaken of `user`'s own work (need to know: their team's wijken, given to them, or opened today) with a
    new message, oldest message first; zaken outside their work are left to the colleagues whose work they are."""
    rows = db.session.execute(
        select(PortaalBericht.zaak_id, func.count(), func.min(PortaalBericht.verstuurd_op))
        .where(_unread(), reach(user, PortaalBericht.gemeente_id))
        .group_by(PortaalBericht.zaak_id).order_by(func.min(PortaalBericht.verstuurd_op)).limit(SHOWN * 4)).all()
    found = []  # (zaak, unread, since) of the zaken the user needs to know, SHOWN at most
    for start in range(0, len(rows), SHOWN):  # the zaken a chunk at a time: most lists end after the first
        chunk = rows[start:start + SHOWN]
        zaken = {z.id: z for z in db.session.scalars(select(Zaak).where(Zaak.id.in_([r[0] for r in chunk]))
                                                     .options(joinedload(Zaak.person)))}
        found += [(zaken[zaak_id], n, since) for zaak_id, n, since in chunk
                  if zaak_facts(user, zaken[zaak_id]).need_to_know]
        if len(found) >= SHOWN:
            break
    found = found[:SHOWN]
    with_task = set(db.session.scalars(select(HumanTask.zaak_id).where(
        HumanTask.zaak_id.in_([zaak.id for zaak, _n, _since in found]), HumanTask.status == "open").distinct())
    ) if found else set()
    return [NieuwBericht(zaak=zaak, ongelezen=n, sinds=since, open_taak=zaak.id in with_task)
            for zaak, n, since in found]


def _unread():
    """As the partial index ix_portaal_bericht_nieuw has it: a literal, not a parameter, so that PostgreSQL can
    use that index in a prepared (generic) plan too."""
    return (PortaalBericht.van == literal_column("'inwoner'")) & PortaalBericht.gelezen_op.is_(None)
