"""The werkvoorraad's tasks given to me from another lane, sorted by name or by date received (#15): the index on
the assignee also carries `naam_sortering` and `ontvangen_op`, so PostgreSQL reads my few tasks from it alone. Without
them it walked every open task in name order to find mine (36 ms at 100,000 open tasks, for one branch of the page).

Revision ID: 0059_human_task_mijn_volgorde
Revises: 0058_werkvoorraad_telling
"""
from alembic import op

revision = "0059_human_task_mijn_volgorde"
down_revision = "0058_werkvoorraad_telling"
branch_labels = None
depends_on = None

INDEX = "ix_human_task_assignee_status_due"
BEFORE = ["gemeente_id", "lane", "domein", "spec_name", "wijk"]


def _index(include: list[str]) -> None:
    # Plain index operations, not batch mode: on SQLite that would rebuild human_task and lose its triggers (0058).
    op.drop_index(INDEX, table_name="human_task")
    op.create_index(INDEX, "human_task", ["assignee_id", "status", "due_at", "id"], postgresql_include=include)


def upgrade() -> None:
    _index(BEFORE + ["naam_sortering", "ontvangen_op"])


def downgrade() -> None:
    _index(BEFORE)
