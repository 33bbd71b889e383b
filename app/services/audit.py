"""Writing and reading the audit trail of administration (app/models/audit.py): one record per change,
with each changed field old → new, written in the same transaction as the change itself."""
from sqlalchemy import select

from .. import db
from ..models import AuditRecord


def record(session, actor, action: str, obj, changes: dict, by: str = "opdrachtregel") -> None:
    """Audit `action` by `actor` (None: `by`, e.g. the command line) on `obj` (a model row with an id)."""
    session.add(AuditRecord(actor_id=getattr(actor, "id", None),
                            actor_naam=getattr(actor, "display_name", None) or by,
                            action=action, object_type=type(obj).__tablename__, object_id=obj.id,
                            changes=changes))


def differences(before: dict, after: dict) -> dict:
    """Field → [old, new] for the fields whose value changed."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def records_of(obj, limit: int = 100) -> list[AuditRecord]:
    """The audit trail of one object, newest first."""
    return list(db.session.scalars(select(AuditRecord).where(
        AuditRecord.object_type == type(obj).__tablename__, AuditRecord.object_id == obj.id)
        .order_by(AuditRecord.at.desc(), AuditRecord.id.desc()).limit(limit)))
