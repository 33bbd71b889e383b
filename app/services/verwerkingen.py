"""Use case 'wie heeft mijn gegevens bekeken': the processing-log records of one person, newest first,
by everyone but the person themselves. Opening the list is itself logged."""
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..domain.verwerkingen import Verwerking, describe
from ..models import Aanbieder, Person, ProcessingRecord, User
from .processing_log import log_processing
from .uow import unit_of_work

PAGE_SIZE = 50


def records_for(actor, person: Person, *, page: int = 1, on_behalf_of=None) -> tuple[list[Verwerking], int]:
    """One page of who processed `person`'s data, in plain Dutch, and the total number of records."""
    with unit_of_work() as session:
        own_accounts = select(User.id).where(User.person_id == person.id).scalar_subquery()
        query = select(ProcessingRecord).where(
            ProcessingRecord.subject_person_id == person.id,
            (ProcessingRecord.actor_user_id.is_(None)) | (ProcessingRecord.actor_user_id.not_in(own_accounts)))
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        rows = session.scalars(query.options(joinedload(ProcessingRecord.activity), joinedload(ProcessingRecord.actor))
                               .order_by(ProcessingRecord.at.desc(), ProcessingRecord.id.desc())
                               .limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)).all()
        aanbieders = _aanbieder_names(session, rows)
        result = [describe(at=r.at, role=r.actor_role, actor_name=getattr(r.actor, "display_name", None),
                           aanbieder_naam=aanbieders.get(getattr(r.actor, "aanbieder_id", None)),
                           action=r.action, description=r.description, activity_naam=r.activity.naam,
                           grondslag=r.activity.grondslag) for r in rows]
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="verwerkingen", description="Overzicht 'wie heeft mijn gegevens bekeken' geopend",
                       on_behalf_of=on_behalf_of)
    return result, total


def _aanbieder_names(session, rows) -> dict[int, str]:
    ids = {r.actor.aanbieder_id for r in rows if r.actor is not None and r.actor.aanbieder_id}
    if not ids:
        return {}
    return dict(session.execute(select(Aanbieder.id, Aanbieder.naam).where(Aanbieder.id.in_(ids))).all())
