"""Use cases of the keeper of the sociale kaart on a whole entry: hide it from the public kaart (and its open data)
or show it again, and delete it for good. Each in one transaction, audited (who, when, what it was), and the
open data published again after the commit."""
import logging

from sqlalchemy import select

from ..models import KaartDienst, KaartLocatie, KaartOrganisatie, utcnow
from . import audit
from .errors import NotFound
from .kaart_beheer import require
from .kaart_publicatie import queue_publish
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)


def set_published(actor, dienst_id: int, published: bool) -> bool:
    """Hide (False) or show (True) an entry; returns whether anything changed."""
    with unit_of_work() as session:
        entry = _entry(session, actor, dienst_id)
        if entry.gepubliceerd == published:
            return False
        entry.gepubliceerd, entry.bijgewerkt_op = published, utcnow()
        audit.record(session, actor, "kaart.tonen" if published else "kaart.verbergen", entry,
                     {"gepubliceerd": [not published, published]})
        after_commit(session, queue_publish, entry.gemeente_id)
    logger.info("Kaart entry %s %s by %s", dienst_id, "shown" if published else "hidden", actor.username)
    return True


def delete_entry(actor, dienst_id: int) -> str:
    """Delete an entry with its categories and wijken, and its address and organisation when nothing else uses
    them; the audit record keeps what it was. Returns its name."""
    with unit_of_work() as session:
        entry = _entry(session, actor, dienst_id)
        naam, gemeente_id, locatie_id, organisatie_id = entry.naam, entry.gemeente_id, entry.locatie_id, entry.organisatie_id
        audit.record(session, actor, "kaart.verwijderen", entry,
                     {"naam": [naam, None], "organisatie": [entry.organisatie.naam, None], "soort": [entry.soort, None],
                      "domein": [entry.domein, None], "categorieen": [entry.categorie_codes, None],
                      "wijken": [entry.wijk_namen, None], "gepubliceerd": [entry.gepubliceerd, None]})
        session.delete(entry)
        session.flush()
        if locatie_id and session.scalar(select(KaartDienst.id).where(KaartDienst.locatie_id == locatie_id).limit(1)) is None:
            session.delete(session.get(KaartLocatie, locatie_id))
            session.flush()
        if session.scalar(select(KaartDienst.id).where(KaartDienst.organisatie_id == organisatie_id).limit(1)) is None \
                and session.scalar(select(KaartLocatie.id).where(KaartLocatie.organisatie_id == organisatie_id).limit(1)) is None:
            session.delete(session.get(KaartOrganisatie, organisatie_id))
        after_commit(session, queue_publish, gemeente_id)
    logger.info("Kaart entry %s (%s) of gemeente %s deleted by %s", dienst_id, naam, gemeente_id, actor.username)
    return naam


def _entry(session, actor, dienst_id: int) -> KaartDienst:
    entry = session.get(KaartDienst, dienst_id)
    if entry is None:
        raise NotFound("Deze vermelding bestaat niet.")
    require(actor, entry)
    return entry
