"""The management dashboard at 100,000 zaken (#11): a small partial index on the escalation tasks (the
'termijn_…_overschreden' user tasks a passed legal term gives the team), so that the rapportage reads those few
tasks instead of every task of the gemeente.

Revision ID: 0055_rapportage_snel
Revises: 0054_gemeentebeheer
"""
import sqlalchemy as sa
from alembic import op

revision = "0055_rapportage_snel"
down_revision = "0054_gemeentebeheer"
branch_labels = None
depends_on = None

ESCALATIE = sa.text("spec_name LIKE 'termijn_%_overschreden'")


def upgrade() -> None:
    op.create_index("ix_human_task_escalatie", "human_task", ["gemeente_id"], postgresql_where=ESCALATIE,
                    sqlite_where=ESCALATIE)


def downgrade() -> None:
    op.drop_index("ix_human_task_escalatie", table_name="human_task")
