"""The hash chain of the processing log: each record's `hash` is SHA-256 over its canonical content and
the `hash` of the record before it (by id), so a changed, removed or inserted record breaks the chain
from there on, and `verify_chain` names the first record where it breaks.

The content is two-level, so that the Archiefwet can be obeyed without breaking the chain. The personal
fields (PERSONAL: who acted, about whom, on which object, the description) are not hashed into the chain
directly: a record carries `personal_digest`, SHA-256 over those fields and a random `personal_salt` of its
own, and the chain's hash covers the public fields (PUBLIC: when, trace, role, activity, action, kind of
object) plus that digest. While a record is whole, `verify_chain` recomputes the digest from the fields, so
changing any of them is caught as before. When the bewaartermijn of a zaak has passed, destruction
(services/vernietiging.py, through `erase`) sets the personal fields and the salt to NULL and stamps
`vernietigd_op`; the record keeps its digest and hash, and `verify_chain` then checks that nothing personal
is left and chains over the stored digest. Without the salt the digest reveals nothing: not even someone who
knows a BSN and the pseudonym key can test whether a destroyed record was about that person. What a
destroyed record still says — that some processing of activity X by role Y happened at time T — is no
personal data. On PostgreSQL a row trigger allows exactly this one change (migration 0020_retentie).

Records are appended at commit: `log_processing` only queues the values on the session, and just before
the session commits `append_pending` takes the chain's head and inserts the queued records in one
statement. On PostgreSQL the head is read by `processing_log_head()` (migration 0011), which first
takes a transaction-scoped advisory lock, so two transactions appending at once are serialised for
that moment only (the lock ends with the commit right after). A UNIQUE constraint on `prev_hash`
makes the database refuse a fork whatever happens (SQLite, the single-writer embedded default, relies
on that).

>>> record_hash({"trace_id": "t", "at": None, "personal_digest": "d"}, GENESIS)[:16]
'df1a2b4cf49e3380'
"""
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import and_, event, insert, select, text, update

from .. import db
from ..models import ProcessingRecord
from ..models.base import utcnow

GENESIS = "0" * 64
#: The fields destruction empties; the chain covers them through `personal_digest`.
PERSONAL = ("actor_user_id", "on_behalf_of_user_id", "subject_person_id", "subject_pseudonym", "object_id",
            "description")
#: The fields that stay for good.
PUBLIC = ("trace_id", "span_id", "at", "actor_role", "activity_id", "action", "object_type")
#: The content a record's hash covers, in this order.
CHAINED = (*PUBLIC, "personal_digest")
_PENDING = "cumulus_processing_log_pending"


def personal_digest(values: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of `values`' PERSONAL fields and its `personal_salt`."""
    canonical = json.dumps([[values.get(name) for name in PERSONAL], values.get("personal_salt")],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal(values: dict) -> dict:
    """Give a new record its salt and the digest of its personal fields."""
    values["personal_salt"] = secrets.token_hex(16)
    values["personal_digest"] = personal_digest(values)
    return values


def record_hash(values: dict, prev_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of `values`' CHAINED fields followed by `prev_hash`."""
    at = values.get("at")
    content = [values.get(name) for name in CHAINED]
    content[CHAINED.index("at")] = at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if at else None
    canonical = json.dumps([content, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def erase(session, where) -> int:
    """Destroy the personal fields of the records matching `where` (an SQL condition), in the caller's
    transaction; their digest and hash stay, so the chain still verifies. The number of records erased."""
    if session.get_bind().dialect.name == "postgresql":  # the one UPDATE the append-only trigger lets through
        session.execute(text("SET LOCAL cumulus.vernietiging = 'aan'"))
    result = session.execute(update(ProcessingRecord).where(and_(where, ProcessingRecord.vernietigd_op.is_(None)))
                             .values({**{name: None for name in PERSONAL}, "personal_salt": None,
                                      "vernietigd_op": utcnow()}).execution_options(synchronize_session=False))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL cumulus.vernietiging = 'uit'"))
    return result.rowcount


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
    # SQLite has no advisory lock: its one writer lock is the chain's lock. A unit of work that has written
    # nothing yet (its changes wait for this commit) flushes first, so it holds that lock before it reads the
    # head, and a concurrent change of the same case fails on its version check rather than on a forked chain.
    if session.get_bind().dialect.name == "sqlite":
        session.flush()
    with session.no_autoflush:
        prev = _head(session)
        for row in rows:
            seal(row)
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
    names = ("id", *PUBLIC, *PERSONAL, "personal_salt", "personal_digest", "vernietigd_op", "prev_hash", "hash")
    columns = [getattr(ProcessingRecord, name) for name in names]
    prev, checked = GENESIS, 0
    rows = session.execute(select(*columns).order_by(ProcessingRecord.id).execution_options(yield_per=batch))
    for row in rows:
        values = row._asdict()
        if values["prev_hash"] != prev:
            return ChainReport(checked, values["id"], "verwijst niet naar het record ervoor: een record ervoor is "
                                                      "verwijderd, tussengevoegd of gewijzigd")
        if values["vernietigd_op"] is None:
            if personal_digest(values) != values["personal_digest"]:
                return ChainReport(checked, values["id"], "de inhoud past niet bij de hash: het record is gewijzigd")
        elif any(values[name] is not None for name in (*PERSONAL, "personal_salt")):
            return ChainReport(checked, values["id"], "het record heet vernietigd maar bevat nog persoonsgegevens")
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
