"""The tijdelijke maatwerkvoorziening in a spoedeisend geval (Wmo 2015 art. 2.3.3): granted right after the melding,
awaiting the outcome of the onderzoek, as a beschikking with its toewijzing (301) like the normal path; and its end
when the definitive beschikking comes — on the day before the definitive voorziening starts, or on the day of an
afwijzing — with a 301 that shortens its toewijzing (RedenWijziging 05, verkorting)."""
import logging
from datetime import date, timedelta

from sqlalchemy import select

from ..engine import operation
from ..models import Beschikking, Toewijzing, User, Zaak
from ..models.base import utcnow
from .exchange.toewijzen import send_301, send_toewijzingen
from .history import add_event
from .processing_log import log_processing
from .process_operations import _last_completer, _queue_letter, beschikking_fields
from .uow import after_commit

logger = logging.getLogger(__name__)

GRONDSLAG = "art. 2.3.3 Wmo 2015"
PREFIX = "tijdelijk_"
#: RedenWijziging (WMO002) of a toewijzing that ends earlier than it was given.
VERKORTING = "05"


def _preview(ctx, data, motivering: str) -> dict:
    """A proefrit makes no beschikking, letter or toewijzing."""
    return {"beschikking_id": None}


@operation("vaststellen_tijdelijke_voorziening", preview=_preview)
def vaststellen_tijdelijke_voorziening(ctx, data, motivering: str) -> dict:
    """Record the tijdelijke beschikking from the form `tijdelijke_voorziening` and send its toewijzing."""
    session = ctx.session
    zaak = session.get(Zaak, ctx.zaak_id)
    fields = beschikking_fields({name[len(PREFIX):]: value for name, value in data.items() if name.startswith(PREFIX)})
    fields.update(motivering=motivering or "", grondslag=GRONDSLAG, leveringsvorm="zin", kosten_per_jaar=None)
    beschikking = Beschikking(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, besluit="toekennen", tijdelijk=True,
                              voorbereid_door_id=_last_completer(session, zaak.id, "tijdelijke_voorziening"),
                              vastgesteld_op=utcnow(), **fields)
    session.add(beschikking)
    session.flush()
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    add_event(session, zaak.id, "beschikking_vastgesteld",
              "Beschikking vastgesteld: tijdelijke voorziening toegekend (spoed, art. 2.3.3 Wmo 2015)",
              actor=actor, data={"beschikking_id": beschikking.id})
    log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-besluit",
                   action="aanmaken", object_type="beschikking", object_id=beschikking.id,
                   description=f"Tijdelijke beschikking vastgesteld in zaak {zaak.zaaknummer}")
    send_toewijzingen(ctx, zaak, beschikking, {"aanbieder": data.get(PREFIX + "aanbieder")}, actor)
    after_commit(session, _queue_letter, beschikking.id)
    logger.info("Tijdelijke beschikking %s in zaak %s", beschikking.id, zaak.zaaknummer)
    return {"beschikking_id": beschikking.id}


def end_date(tijdelijk: Beschikking, definitief: Beschikking, today: date) -> date:
    """The last day of a tijdelijke voorziening once `definitief` is made: the day before the granted one starts,
    else the day of the decision; never before the tijdelijke one started nor after it would have ended.

    >>> t = Beschikking(ingangsdatum=date(2026, 12, 1), einddatum=date(2027, 2, 1))
    >>> end_date(t, Beschikking(besluit="toekennen", ingangsdatum=date(2027, 1, 4)), date(2026, 12, 20))
    datetime.date(2027, 1, 3)
    >>> end_date(t, Beschikking(besluit="afwijzen"), date(2026, 12, 20))
    datetime.date(2026, 12, 20)
    """
    if definitief.besluit == "toekennen" and definitief.ingangsdatum is not None:
        end = definitief.ingangsdatum - timedelta(days=1)
    else:
        end = today
    if tijdelijk.einddatum is not None:
        end = min(end, tijdelijk.einddatum)
    return max(end, tijdelijk.ingangsdatum or end)


def beeindig_tijdelijke(ctx, zaak: Zaak, definitief: Beschikking, actor) -> list[Beschikking]:
    """End every running tijdelijke beschikking of `zaak` now that `definitief` is made, and shorten its toewijzing
    with a 301 to its aanbieder (before the definitive 301 goes out, so their periods do not overlap: TR302)."""
    session, today = ctx.session, date.today()
    ended = list(session.scalars(select(Beschikking).where(
        Beschikking.zaak_id == zaak.id, Beschikking.tijdelijk.is_(True), Beschikking.beeindigd_door_id.is_(None),
        Beschikking.id != definitief.id).order_by(Beschikking.id)))
    for tijdelijk in ended:
        end = end_date(tijdelijk, definitief, today)
        tijdelijk.beeindigd_door_id, tijdelijk.einddatum = definitief.id, end
        for t in session.scalars(select(Toewijzing).where(Toewijzing.beschikking_id == tijdelijk.id,
                                                          Toewijzing.status != "afgewezen")):
            if t.einddatum is None or end < t.einddatum:
                t.einddatum, t.reden_wijziging = end, VERKORTING
                t.new_version()
                send_301(ctx, zaak, t.aanbieder, [t], actor)
        add_event(session, zaak.id, "tijdelijke_voorziening_beeindigd",
                  f"Tijdelijke voorziening loopt tot en met {end:%d-%m-%Y}: het besluit na het onderzoek "
                  f"{'vervangt' if definitief.besluit == 'toekennen' else 'beëindigt'} haar",
                  actor=actor, data={"beschikking_id": tijdelijk.id, "door": definitief.id})
    return ended
