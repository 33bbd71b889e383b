"""Betaalbatch vrijgave (vier-ogen): a closed batch is released by a second person before its pain.001 may
go to the bank; who released it and when, and room for the status 'vrijgegeven'.

Revision ID: 0016_betaalbatch_vrijgave
Revises: 0015_op087
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_betaalbatch_vrijgave"
down_revision = "0015_op087"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("betaalbatch") as batch_op:
        batch_op.alter_column("status", existing_type=sa.String(10), type_=sa.String(12))
        batch_op.add_column(sa.Column("vrijgegeven_op", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("vrijgegeven_door_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_betaalbatch_vrijgegeven_door_id_user_account"), "user_account",
                                    ["vrijgegeven_door_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("betaalbatch") as batch_op:
        batch_op.drop_constraint(op.f("fk_betaalbatch_vrijgegeven_door_id_user_account"), type_="foreignkey")
        batch_op.drop_column("vrijgegeven_door_id")
        batch_op.drop_column("vrijgegeven_op")
        batch_op.alter_column("status", existing_type=sa.String(12), type_=sa.String(10))
