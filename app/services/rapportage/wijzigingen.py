"""The marks a change leaves for the rapportage summaries (samenvatting.py): whenever a flush writes a
declaratieregel, a task or a person, the person it is about is noted in the same transaction, so that the next
refresh redoes exactly their rows. Written by the session itself, so that no service can forget it.

A mark names the person as the source knows them (a BSN, a zaak or person id): the refresh needs that to find their
rows, which hold only a pseudonym (pseudoniem.py). It lives until the next tick (a minute), which deletes it; a
destruction deletes the person's at once (samenvatting.redo_person). It is not in the AVG export for that reason."""
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


#: session.info key: the marks this transaction has written already (a use case flushes several times, mostly
#: about the same zaak: one row per mark and transaction keeps the engine step's statements down, #15).
_WRITTEN = "cumulus_rapportage_marks"


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _context) -> None:
    written = session.info.setdefault(_WRITTEN, set())
    found = _marks(session) - written
    if found:
        session.connection().execute(insert(RapportageWijziging), [{"bron": b, "sleutel": k} for b, k in sorted(found)])
        written |= found


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_marks(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
