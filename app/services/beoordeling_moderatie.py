"""Use cases of the contractmanager on the ratings of their gemeenten' aanbieders (#12 point 5): the moderation
list, approve one, or reject one with a reason the inwoner reads. The list shows no name of the inwoner, but a
rating is still personal data — the text, and that this person had care from this aanbieder (health data) —
so showing the list logs one record per rating's person. Each decision is audited and logged, and publishes the
kaart's open data again after the commit (its averages may change)."""
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import policy
from ..domain.beoordeling import REASON_LONGEST, STATUSES, free_text_problem
from ..models import Beoordeling, Person, utcnow
from . import audit
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .kaart_publicatie import queue_publish
from .processing_log import log_list_processing, log_processing
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)
ACTIVITY = "kaart-beoordeling"
PAGE_SIZE = 50


@dataclass
class Lijst:
    beoordelingen: list[Beoordeling]
    #: status → count over the actor's gemeenten.
    aantallen: dict[str, int]


def require(actor, obj=None) -> None:
    decision = policy.decide(actor, "beoordeling.modereren", obj)
    if decision.hidden:
        raise NotFound("Deze beoordeling bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)


def list_for(actor, status: str = "te_beoordelen") -> Lijst:
    """The ratings of the actor's gemeenten with `status`, oldest waiting first (newest first once decided)."""
    require(actor)
    status = status if status in STATUSES else "te_beoordelen"
    gemeenten = sorted(actor.gemeente_ids)
    with unit_of_work() as session:
        order = Beoordeling.ingediend_op if status == "te_beoordelen" else Beoordeling.beoordeeld_op.desc()
        rows = list(session.scalars(select(Beoordeling).where(Beoordeling.gemeente_id.in_(gemeenten),
                                                              Beoordeling.status == status)
                                    .order_by(order, Beoordeling.id).limit(PAGE_SIZE)
                                    .options(selectinload(Beoordeling.aanbieder))))
        counts = dict(session.execute(select(Beoordeling.status, func.count()).where(
            Beoordeling.gemeente_id.in_(gemeenten)).group_by(Beoordeling.status)).all())
        people = {p.id: p for p in session.scalars(select(Person).where(
            Person.id.in_({b.person_id for b in rows})))} if rows else {}
        log_list_processing(session, actor=actor, people=[(ACTIVITY, people[b.person_id]) for b in rows],
                            object_type="beoordeling", description="Beoordeling van een zorgaanbieder gelezen "
                                                                   "om te controleren (zonder naam)")
    return Lijst(rows, {s: counts.get(s, 0) for s in STATUSES})


def get(actor, beoordeling_id: int) -> Beoordeling:
    found = db.session.get(Beoordeling, beoordeling_id)
    if found is None:
        raise NotFound("Deze beoordeling bestaat niet.")
    require(actor, found)
    return found


def approve(actor, beoordeling_id: int) -> Beoordeling:
    return _decide(actor, beoordeling_id, "goedgekeurd", None)


def reject(actor, beoordeling_id: int, reden: str) -> Beoordeling:
    reden = (reden or "").strip()
    problem = free_text_problem(reden, "Waarom plaatst u deze beoordeling niet", REASON_LONGEST, required=True)
    if problem:
        raise InvalidInput("De beoordeling is niet afgewezen.", errors={"reden": problem})
    return _decide(actor, beoordeling_id, "afgewezen", reden)


def _decide(actor, beoordeling_id: int, status: str, reden: str | None) -> Beoordeling:
    with unit_of_work() as session:
        beoordeling = session.get(Beoordeling, beoordeling_id, with_for_update=True)
        if beoordeling is None:
            raise NotFound("Deze beoordeling bestaat niet.")
        require(actor, beoordeling)
        if beoordeling.status != "te_beoordelen":
            raise Conflict(f"Over deze beoordeling is al beslist: {STATUSES[beoordeling.status].lower()}.")
        beoordeling.status, beoordeling.afwijsreden = status, reden
        beoordeling.beoordeeld_door_id, beoordeling.beoordeeld_op = actor.id, utcnow()
        audit.record(session, actor, f"beoordeling.{'goedkeuren' if status == 'goedgekeurd' else 'afwijzen'}",
                     beoordeling, {"status": ["te_beoordelen", status], **({"afwijsreden": [None, reden]} if reden else {})})
        log_processing(session, actor=actor, person=session.get(Person, beoordeling.person_id), activity=ACTIVITY,
                       action="wijzigen", object_type="beoordeling", object_id=beoordeling.id,
                       description="Beoordeling van een zorgaanbieder geplaatst" if status == "goedgekeurd"
                       else "Beoordeling van een zorgaanbieder niet geplaatst")
        after_commit(session, queue_publish, beoordeling.gemeente_id)
    logger.info("Beoordeling %s %s by %s", beoordeling_id, status, actor.username)
    return beoordeling
