"""Tamper-evident processing log: every record gets `prev_hash` and `hash` (the chain; existing records are
chained here in id order), UNIQUE(prev_hash) so the chain cannot fork, and on PostgreSQL a trigger that
refuses UPDATE and DELETE on processing_record plus `processing_log_head()`, which takes the chain's
advisory lock and returns the last hash (app/services/processing_log_chain.py).

Revision ID: 0012_processing_log_chain
Revises: 0011_sessions
"""
import hashlib
import json
from datetime import timezone

import sqlalchemy as sa
from alembic import op

revision = "0012_processing_log_chain"
down_revision = "0011_sessions"
branch_labels = None
depends_on = None

# The same canonical form as app/services/processing_log_chain.py record_hash (a migration does not
# import the app); tests/integration/test_processing_log_chain.py checks that the two agree.
GENESIS = "0" * 64
CHAINED = ("trace_id", "span_id", "at", "actor_user_id", "actor_role", "on_behalf_of_user_id", "subject_person_id",
           "subject_pseudonym", "activity_id", "action", "object_type", "object_id", "description")
#: The advisory lock key of the chain's head (any constant; 'cumulus' 'log' in ASCII).
LOCK_KEY = 0x63756D756C6F67

HEAD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION processing_log_head() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- Held until the calling transaction ends; the SELECT below takes its snapshot after the wait,
    -- so it sees the record a concurrent appender has just committed.
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    RETURN coalesce((SELECT hash FROM processing_record ORDER BY id DESC LIMIT 1), repeat('0', 64));
END $$;
"""
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION processing_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'processing_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER processing_record_append_only BEFORE UPDATE OR DELETE ON processing_record
FOR EACH STATEMENT EXECUTE FUNCTION processing_record_append_only();
"""


def _hash(row, prev_hash: str) -> str:
    content = [row[name] for name in CHAINED]
    at = row["at"]
    if at is not None:
        at = at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)
        content[CHAINED.index("at")] = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    canonical = json.dumps([content, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _record():
    return sa.table("processing_record", sa.column("id"), sa.column("prev_hash"), sa.column("hash"),
                    *(sa.column(name, sa.DateTime() if name == "at" else None) for name in CHAINED))


def chained(bind):
    """(id, prev_hash, hash) of every record in id order, as the chain makes them."""
    record, prev = _record(), GENESIS
    for row in bind.execute(sa.select(record).order_by(record.c.id)).mappings():
        digest = _hash(row, prev)
        yield row["id"], prev, digest
        prev = digest


def upgrade() -> None:
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    bind, record = op.get_bind(), _record()
    for record_id, prev, digest in list(chained(bind)):
        bind.execute(record.update().where(record.c.id == record_id).values(prev_hash=prev, hash=digest))
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_processing_record_prev_hash", ["prev_hash"])
    if bind.dialect.name == "postgresql":
        op.execute(HEAD_FUNCTION)
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER processing_record_append_only ON processing_record")
        op.execute("DROP FUNCTION processing_record_append_only()")
        op.execute("DROP FUNCTION processing_log_head()")
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.drop_constraint("uq_processing_record_prev_hash", type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
