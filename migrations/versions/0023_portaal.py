"""Machtigen by BSN (#18 point 4): a machtiging names the other person by BSN and the name the inwoner gave;
the account is linked when that person logs in with DigiD, so the gemachtigde needs no account beforehand.

Revision ID: 0023_portaal
Revises: 0022_werkvoorraad
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_portaal"
down_revision = "0022_werkvoorraad"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("machtiging") as batch_op:
        batch_op.add_column(sa.Column("gemachtigde_bsn", sa.String(9), nullable=True))
        batch_op.add_column(sa.Column("gemachtigde_naam", sa.String(200), nullable=True))
        batch_op.alter_column("gemachtigde_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f("ix_machtiging_gemachtigde_bsn"), ["gemachtigde_bsn"], unique=False)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM machtiging WHERE gemachtigde_id IS NULL"))
    with op.batch_alter_table("machtiging") as batch_op:
        batch_op.drop_index(batch_op.f("ix_machtiging_gemachtigde_bsn"))
        batch_op.alter_column("gemachtigde_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("gemachtigde_naam")
        batch_op.drop_column("gemachtigde_bsn")
