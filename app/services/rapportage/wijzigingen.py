"""The marks a change leaves for the rapportage summaries (samenvatting.py): whenever a flush writes a
declaratieregel, a task or a person, the person it is about is noted in the same transaction, so that the next
refresh redoes exactly their rows. Written by the session itself, so that no service can forget it."""
from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from ...models import HumanTask, Person, Prestatie, RapportageWijziging


def _marks(session: Session) -> set[tuple[str, str]]:
    found = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Prestatie) and obj.bsn:
            found.add(("declaratie", obj.bsn))
        elif isinstance(obj, HumanTask) and obj.zaak_id is not None:
            found.add(("stap", f"z{obj.zaak_id}"))
        elif isinstance(obj, Person) and obj.id is not None and session.is_modified(obj):
            found.add(("stap", f"p{obj.id}"))
            if obj.bsn:
                found.add(("declaratie", obj.bsn))
    return found


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _context) -> None:
    found = _marks(session)
    if found:
        session.connection().execute(insert(RapportageWijziging), [{"bron": b, "sleutel": k} for b, k in sorted(found)])
