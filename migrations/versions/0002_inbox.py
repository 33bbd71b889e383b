"""Inbox: filters without joins (human_task.domein) and their indexes, task drafts, deadline
e-mails (task_signal, outbox_mail, user_account.email) and generated documents.

Revision ID: 0002_inbox
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_inbox'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to_address', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mail'))
    )
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_mail_created_at'), ['created_at'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zaak_id', sa.Integer(), nullable=False),
    sa.Column('beschikking_id', sa.Integer(), nullable=True),
    sa.Column('soort', sa.String(length=40), nullable=False),
    sa.Column('titel', sa.String(length=200), nullable=False),
    sa.Column('bestandsnaam', sa.String(length=200), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['beschikking_id'], ['beschikking.id'], name=op.f('fk_document_beschikking_id_beschikking')),
    sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_document_zaak_id_zaak')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('beschikking_id', name=op.f('uq_document_beschikking_id'))
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_zaak_id'), ['zaak_id'], unique=False)

    op.create_table('task_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['saved_by_id'], ['user_account.id'], name=op.f('fk_task_draft_saved_by_id_user_account')),
    sa.ForeignKeyConstraint(['task_id'], ['human_task.id'], name=op.f('fk_task_draft_task_id_human_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_draft')),
    sa.UniqueConstraint('task_id', name=op.f('uq_task_draft_task_id'))
    )
    op.create_table('task_signal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['human_task.id'], name=op.f('fk_task_signal_task_id_human_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_signal')),
    sa.UniqueConstraint('task_id', 'state', name='uq_task_signal_task_state')
    )
    with op.batch_alter_table('human_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('domein', sa.String(length=10), nullable=True))
        batch_op.drop_index(batch_op.f('ix_human_task_assignee_id'))
        batch_op.create_index('ix_human_task_assignee_status_due', ['assignee_id', 'status', 'due_at'], unique=False)
        batch_op.create_index('ix_human_task_status_due', ['status', 'due_at'], unique=False)
        batch_op.create_index('ix_human_task_status_lane_facets', ['status', 'lane', 'domein', 'spec_name', 'assignee_id', 'due_at'], unique=False)
    op.execute("UPDATE human_task SET domein = (SELECT zaak.domein FROM zaak WHERE zaak.id = human_task.zaak_id)")

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('email')

    with op.batch_alter_table('human_task', schema=None) as batch_op:
        batch_op.drop_index('ix_human_task_status_lane_facets')
        batch_op.drop_index('ix_human_task_status_due')
        batch_op.drop_index('ix_human_task_assignee_status_due')
        batch_op.create_index(batch_op.f('ix_human_task_assignee_id'), ['assignee_id'], unique=False)
        batch_op.drop_column('domein')

    op.drop_table('task_signal')
    op.drop_table('task_draft')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_zaak_id'))

    op.drop_table('document')
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_mail_created_at'))

    op.drop_table('outbox_mail')
