"""Use case 'wie heeft mijn gegevens bekeken': the processing-log records of one person, newest first,
by everyone but the person themselves. Opening the list is itself logged."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..domain.verwerkingen import WIE_FILTER, Groep, Verwerking, agb_codes_in, describe, group, in_words
from ..models import Aanbieder, Person, ProcessingRecord, User
from .processing_log import log_processing
from .uow import unit_of_work

PAGE_SIZE = 50
#: The newest records the grouped page reads for one filter (a person's log is read whole up to this many).
GROUPED_LIMIT = 5000
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def records_for(actor, person: Person, *, page: int = 1, on_behalf_of=None) -> tuple[list[Verwerking], int]:
    """One page of who processed `person`'s data, in plain Dutch, and the total number of records."""
    with unit_of_work() as session:
        query = _others_records(person)
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


def grouped_for(actor, person: Person, *, van: date | None = None, tot: date | None = None, wie: str = "",
                on_behalf_of=None) -> tuple[list[Groep], int]:
    """Who processed `person`'s data in the period [van, tot] (Dutch local days) and by `wie` (a WIE_FILTER key),
    in B1 and grouped per day; with the number of records behind the groups. Opening it is logged."""
    with unit_of_work() as session:
        query = _others_records(person)
        if van is not None:
            query = query.where(ProcessingRecord.at >= _start_of(van))
        if tot is not None:
            query = query.where(ProcessingRecord.at < _start_of(tot + timedelta(days=1)))
        if wie in WIE_FILTER:
            query = query.where(ProcessingRecord.actor_role.in_(WIE_FILTER[wie][1]))
        rows = session.scalars(query.options(joinedload(ProcessingRecord.activity), joinedload(ProcessingRecord.actor))
                               .order_by(ProcessingRecord.at.desc(), ProcessingRecord.id.desc())
                               .limit(GROUPED_LIMIT)).all()
        aanbieders = _aanbieder_names(session, rows)
        by_agb = dict(session.execute(select(Aanbieder.agb_code, Aanbieder.naam).where(
            Aanbieder.agb_code.in_(agb_codes_in(r.description for r in rows)))).all())
        described = [describe(at=r.at, role=r.actor_role, actor_name=getattr(r.actor, "display_name", None),
                              aanbieder_naam=aanbieders.get(getattr(r.actor, "aanbieder_id", None)), action=r.action,
                              description=in_words(r.description, by_agb), activity_naam=r.activity.naam,
                              grondslag=r.activity.grondslag) for r in rows]
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="verwerkingen", description="Overzicht 'wie heeft mijn gegevens bekeken' geopend",
                       on_behalf_of=on_behalf_of)
    return group(described, lambda at: at.astimezone(AMSTERDAM).date()), len(described)


def _others_records(person: Person):
    """The records about `person` by anyone but the person's own accounts."""
    own_accounts = select(User.id).where(User.person_id == person.id).scalar_subquery()
    return select(ProcessingRecord).where(
        ProcessingRecord.subject_person_id == person.id,
        (ProcessingRecord.actor_user_id.is_(None)) | (ProcessingRecord.actor_user_id.not_in(own_accounts)))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM).astimezone(timezone.utc)
