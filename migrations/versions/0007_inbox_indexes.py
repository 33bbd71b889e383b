"""Inbox at scale: human_task.wijk (copied from the person, like domein) so the werkvoorraad filters and
counts without joins, and one covering index for its grouped count.

Revision ID: 0007_inbox_indexes
Revises: 0002_inbox
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_inbox_indexes'
down_revision = '0002_inbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('human_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wijk', sa.String(length=100), nullable=True))
        batch_op.drop_index('ix_human_task_status_lane_facets')
        batch_op.create_index('ix_human_task_facets', ['status', 'lane', 'domein', 'spec_name', 'assignee_id', 'wijk', 'due_at'], unique=False)
    op.execute("UPDATE human_task SET wijk = (SELECT person.wijk FROM zaak JOIN person ON person.id = zaak.person_id "
               "WHERE zaak.id = human_task.zaak_id)")


def downgrade() -> None:
    with op.batch_alter_table('human_task', schema=None) as batch_op:
        batch_op.drop_index('ix_human_task_facets')
        batch_op.create_index('ix_human_task_status_lane_facets', ['status', 'lane', 'domein', 'spec_name', 'assignee_id', 'due_at'], unique=False)
        batch_op.drop_column('wijk')
