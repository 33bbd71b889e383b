"""Inwoner portal: the inwoner's signature on the aanvraag after reading the onderzoeksverslag.

Revision ID: 0007_portal_more
Revises: 0003_portal
Create Date: 2026-11-23 11:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_portal_more'
down_revision = '0003_portal'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('aanvraag_ondertekening',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zaak_id', sa.Integer(), nullable=False),
    sa.Column('verslag_task_id', sa.Integer(), nullable=False),
    sa.Column('akkoord', sa.Boolean(), nullable=False),
    sa.Column('opmerkingen', sa.Text(), nullable=True),
    sa.Column('ondertekend_door_id', sa.Integer(), nullable=False),
    sa.Column('namens_id', sa.Integer(), nullable=True),
    sa.Column('ondertekend_op', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['namens_id'], ['user_account.id'], name=op.f('fk_aanvraag_ondertekening_namens_id_user_account')),
    sa.ForeignKeyConstraint(['ondertekend_door_id'], ['user_account.id'], name=op.f('fk_aanvraag_ondertekening_ondertekend_door_id_user_account')),
    sa.ForeignKeyConstraint(['verslag_task_id'], ['human_task.id'], name=op.f('fk_aanvraag_ondertekening_verslag_task_id_human_task')),
    sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_aanvraag_ondertekening_zaak_id_zaak')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aanvraag_ondertekening')),
    sa.UniqueConstraint('verslag_task_id', name=op.f('uq_aanvraag_ondertekening_verslag_task_id'))
    )
    with op.batch_alter_table('aanvraag_ondertekening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aanvraag_ondertekening_zaak_id'), ['zaak_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('aanvraag_ondertekening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aanvraag_ondertekening_zaak_id'))
    op.drop_table('aanvraag_ondertekening')
