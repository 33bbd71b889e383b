"""Use cases of the aanbieder on the ratings of itself (#12 point 5): the approved ratings, in all the gemeenten
it works for, and a public reply to one (written again: the newer reply replaces it). The aanbieder sees no name,
but it knows its clients, so reading a rating is logged as a processing of that person's data."""
import logging

from sqlalchemy import select

from .. import db
from ..domain import policy
from ..domain.beoordeling import REPLY_LONGEST, free_text_problem
from ..models import Beoordeling, Person, utcnow
from . import audit
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .processing_log import log_list_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ACTIVITY = "kaart-beoordeling"


def _require(actor, obj=None) -> None:
    decision = policy.decide(actor, "beoordeling.beantwoorden", obj)
    if decision.hidden:
        raise NotFound("Deze beoordeling bestaat niet.")
    if decision.wrong_state:
        raise Conflict(decision.reason)
    if not decision:
        raise Forbidden(decision.reason)


def approved_for(actor, limit: int = 100) -> list[Beoordeling]:
    """The aanbieder's approved ratings, newest first; the read is logged per rating's person."""
    _require(actor)
    with unit_of_work() as session:
        rows = list(session.scalars(select(Beoordeling).where(Beoordeling.aanbieder_id == actor.aanbieder_id,
                                                              Beoordeling.status == "goedgekeurd")
                                    .order_by(Beoordeling.ingediend_op.desc(), Beoordeling.id.desc()).limit(limit)))
        people = {p.id: p for p in session.scalars(select(Person).where(
            Person.id.in_({b.person_id for b in rows})))} if rows else {}
        log_list_processing(session, actor=actor, people=[(ACTIVITY, people[b.person_id]) for b in rows],
                            object_type="beoordeling", description="Geplaatste beoordeling gelezen door de zorgaanbieder")
    return rows


def get(actor, beoordeling_id: int) -> Beoordeling:
    found = db.session.get(Beoordeling, beoordeling_id)
    if found is None:
        raise NotFound("Deze beoordeling bestaat niet.")
    _require(actor, found)
    return found


def reply(actor, beoordeling_id: int, tekst: str) -> Beoordeling:
    """Store the aanbieder's public reply (plain text) to an approved rating of itself."""
    tekst = (tekst or "").strip()
    if problem := free_text_problem(tekst, "Uw reactie", REPLY_LONGEST, required=True):
        raise InvalidInput("Uw reactie is niet opgeslagen.", errors={"reactie": problem})
    with unit_of_work() as session:
        beoordeling = session.get(Beoordeling, beoordeling_id)
        if beoordeling is None:
            raise NotFound("Deze beoordeling bestaat niet.")
        _require(actor, beoordeling)
        before = beoordeling.reactie
        beoordeling.reactie, beoordeling.reactie_op, beoordeling.reactie_door_id = tekst, utcnow(), actor.id
        audit.record(session, actor, "beoordeling.reageren", beoordeling, {"reactie": [before, tekst]})
    logger.info("Reply to beoordeling %s by %s", beoordeling_id, actor.username)
    return beoordeling
