"""The hash chain of the processing log: each record's `hash` is SHA-256 over its canonical content and
the `hash` of the record before it (by id), so a changed, removed or inserted record breaks the chain
from there on, and `verify_chain` names the first record where it breaks.

Records are appended at commit: `log_processing` only queues the values on the session, and just before
the session commits `append_pending` takes the chain's head and inserts the queued records in one
statement. On PostgreSQL the head is read by `processing_log_head()` (migration 0011), which first
takes a transaction-scoped advisory lock, so two transactions appending at once are serialised for
that moment only (the lock ends with the commit right after). A UNIQUE constraint on `prev_hash`
makes the database refuse a fork whatever happens (SQLite, the single-writer embedded default, relies
on that).

>>> record_hash({"trace_id": "t", "at": None}, GENESIS)[:16]
'24f006074cad2b19'
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import event, insert, select, text

from .. import db
from ..models import ProcessingRecord

GENESIS = "0" * 64
#: The content a record's hash covers, in this order (every column but id and the hashes themselves).
CHAINED = ("trace_id", "span_id", "at", "actor_user_id", "actor_role", "on_behalf_of_user_id", "subject_person_id",
           "subject_pseudonym", "activity_id", "action", "object_type", "object_id", "description")
_PENDING = "cumulus_processing_log_pending"


def record_hash(values: dict, prev_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of `values`' CHAINED fields followed by `prev_hash`."""
    at = values.get("at")
    content = [values.get(name) for name in CHAINED]
    content[CHAINED.index("at")] = at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if at else None
    canonical = json.dumps([content, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def queue(session, values: dict) -> None:
    """Queue one record's values; it is chained and inserted when `session` commits."""
    session.info.setdefault(_PENDING, []).append(values)


def append_pending(session) -> None:
    """Chain and insert the queued records (one INSERT), inside the transaction that is about to commit."""
    rows = session.info.pop(_PENDING, None)
    if not rows:
        return
    # No autoflush: the rest of the session flushes as part of the commit, as it would without us (other
    # before_commit listeners still see it dirty). What a record refers to was flushed when it was queued.
    with session.no_autoflush:
        prev = _head(session)
        for row in rows:
            row["prev_hash"] = prev
            row["hash"] = prev = record_hash(row, prev)
        session.execute(insert(ProcessingRecord.__table__), rows)


def _head(session) -> str:
    """The hash of the last record; on PostgreSQL under the chain's advisory lock (held to the commit)."""
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(text("SELECT processing_log_head()"))
    last = session.scalar(select(ProcessingRecord.hash).order_by(ProcessingRecord.id.desc()).limit(1))
    return last or GENESIS


def _forget_pending(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction rolled back: its records go with it
        session.info.pop(_PENDING, None)


event.listen(db.session, "before_commit", append_pending)
event.listen(db.session, "after_soft_rollback", _forget_pending)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    #: The id of the first record where the chain breaks, and why (Dutch); None when it is unbroken.
    broken_id: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def verify_chain(session, batch: int = 5000) -> ChainReport:
    """Walk the whole log in id order and recompute every hash."""
    columns = [getattr(ProcessingRecord, name) for name in ("id", *CHAINED, "prev_hash", "hash")]
    prev, checked = GENESIS, 0
    rows = session.execute(select(*columns).order_by(ProcessingRecord.id).execution_options(yield_per=batch))
    for row in rows:
        values = row._asdict()
        if values["prev_hash"] != prev:
            return ChainReport(checked, values["id"], "verwijst niet naar het record ervoor: een record ervoor is "
                                                      "verwijderd, tussengevoegd of gewijzigd")
        if record_hash(values, prev) != values["hash"]:
            return ChainReport(checked, values["id"], "de inhoud past niet bij de hash: het record is gewijzigd")
        prev, checked = values["hash"], checked + 1
    return ChainReport(checked)


def check_chain() -> ChainReport:
    """Verify the whole processing log (read only) for the `verwerkingen-controleren` command."""
    session = db.session()
    try:
        return verify_chain(session)
    finally:
        session.rollback()
