"""Werkvoorraad without heap reads: the per-lane and per-assignee deadline walks become covering indexes
(PostgreSQL INCLUDEs the filter columns, so any filter is checked on the index alone); a trigram index
(pg_trgm, a trusted extension shipped with PostgreSQL) on the lower-case whole name for name search.

Revision ID: 0010_search_indexes
Revises: 0009_merge
"""
from alembic import op

revision = "0010_search_indexes"
down_revision = "0009_merge"
branch_labels = None
depends_on = None

# The same text as app/models/person.py SEARCH_NAME_SQL (a migration does not import the app).
SEARCH_NAME = "lower(voornamen || ' ' || coalesce(voorvoegsel || ' ', '') || achternaam)"


def upgrade() -> None:
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_index("ix_human_task_status_lane_due")
        batch_op.drop_index("ix_human_task_assignee_status_due")
        batch_op.create_index("ix_human_task_status_lane_due", ["status", "lane", "due_at", "id"],
                              postgresql_include=["domein", "spec_name", "assignee_id", "wijk"])
        batch_op.create_index("ix_human_task_assignee_status_due", ["assignee_id", "status", "due_at", "id"],
                              postgresql_include=["lane", "domein", "spec_name", "wijk"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX ix_person_search_name ON person USING gin (({SEARCH_NAME}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_person_search_name")
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_index("ix_human_task_status_lane_due")
        batch_op.drop_index("ix_human_task_assignee_status_due")
        batch_op.create_index("ix_human_task_status_lane_due", ["status", "lane", "due_at"])
        batch_op.create_index("ix_human_task_assignee_status_due", ["assignee_id", "status", "due_at"])
