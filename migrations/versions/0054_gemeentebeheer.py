"""A gemeente's own logo, uploaded on /beheer/gemeenten (#13 point 1): the PNG itself in the database (every web
process serves it, nothing is written beside the code) and its SHA-256, which names the version in its address.

Revision ID: 0054_gemeentebeheer
Revises: 0053_pseudoniem
"""
import sqlalchemy as sa
from alembic import op

revision = "0054_gemeentebeheer"
down_revision = "0053_pseudoniem"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("gemeente") as batch_op:
        batch_op.add_column(sa.Column("logo_png", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("logo_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gemeente") as batch_op:
        batch_op.drop_column("logo_sha256")
        batch_op.drop_column("logo_png")
