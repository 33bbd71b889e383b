"""Write the processing log: every read or change of a person's data is recorded here — one record
at a time, or a list page's records — through the same `_values`. The records are queued on the session
and chained and inserted in one statement when it commits (processing_log_chain.py)."""
import hashlib
import hmac
import logging

from flask import current_app, has_app_context
from sqlalchemy import select

from ..models import Person, ProcessingActivity
from ..models.base import utcnow
from .processing_log_chain import queue
from .trace import current_trace, new_span

logger = logging.getLogger(__name__)


def log_processing(session, *, actor, person: Person, activity: str, action: str, object_type: str,
                   object_id=None, description: str, role: str | None = None, on_behalf_of=None) -> None:
    """Record that `actor` (in `role`) did `action` on `person`'s data for processing `activity`.

    A gemachtigde acting for an inwoner is the actor, in role 'gemachtigde'; `on_behalf_of` is the
    inwoner's account that granted the machtiging (the data subject stays `person`)."""
    queue(session, _values(session, actor, person, activity, action, object_type, object_id, description, role,
                           on_behalf_of))


def log_list_processing(session, *, actor, people: list[tuple[str, Person]], object_type: str,
                        description: str) -> None:
    """Record that `actor` read each (activity, person) of a list page: the same record as
    `log_processing` writes for each (a page shows 50 people; all go in the commit's one INSERT)."""
    for activity, person in people:
        queue(session, _values(session, actor, person, activity, "lezen", object_type, None, description, None, None))


def _values(session, actor, person, activity, action, object_type, object_id, description, role, on_behalf_of):
    logger.info("%s %s %s/%s of person %s by %s", activity, action, object_type, object_id, person.id,
                getattr(actor, "username", "systeem"))
    return dict(
        trace_id=current_trace(), span_id=new_span(), at=utcnow(),
        actor_user_id=getattr(actor, "id", None), actor_role=role or _role_of(actor, on_behalf_of),
        on_behalf_of_user_id=getattr(on_behalf_of, "id", None),
        subject_person_id=person.id, subject_pseudonym=pseudonym(person.bsn),
        activity_id=activity_id(session, activity), action=action, object_type=object_type,
        object_id=str(object_id) if object_id is not None else None, description=description,
    )


#: (database url, code) -> id. The register is reference data, seeded by migrations and never renumbered.
_ACTIVITY_IDS: dict[tuple[str, str], int] = {}


def activity_id(session, code: str) -> int:
    """The id of processing activity `code` in the register, read once per database."""
    key = (str(session.get_bind().url), code)
    if key not in _ACTIVITY_IDS:
        found = session.scalar(select(ProcessingActivity.id).where(ProcessingActivity.code == code))
        if found is None:
            raise LookupError(f"processing activity {code!r} is not in the register")
        _ACTIVITY_IDS[key] = found
    return _ACTIVITY_IDS[key]


def pseudonym(bsn: str) -> str:
    """A keyed hash of the BSN, so the log can be shared without the number itself."""
    key = current_app.config["PSEUDONYM_KEY"] if has_app_context() else "cumulus"
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def _role_of(actor, on_behalf_of=None) -> str:
    if on_behalf_of is not None:
        return "gemachtigde"
    if actor is None:
        return "systeem"
    roles = actor.role_list()
    return roles[0] if roles else "onbekend"
