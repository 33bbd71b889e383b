"""The dashboard's figures per scope as last computed (#11, app/models/rapportage_cijfers.py): a view of the
dashboard reads one row instead of computing over every zaak; the tick keeps the scopes looked at lately current.

Revision ID: 0056_rapportage_cijfers
Revises: 0055_rapportage_snel
"""
import sqlalchemy as sa
from alembic import op

revision = "0056_rapportage_cijfers"
down_revision = "0055_rapportage_snel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rapportage_cijfers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sleutel", sa.String(64), nullable=False),
        sa.Column("bereik", sa.JSON(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("tabellen", sa.JSON(), nullable=False),
        sa.Column("berekend_op", sa.DateTime(), nullable=False),
        sa.Column("bekeken_op", sa.DateTime(), nullable=False),
        sa.Column("duur_ms", sa.Integer(), nullable=False),
        sa.UniqueConstraint("sleutel", name="uq_rapportage_cijfers_sleutel"),
    )
    op.create_index("ix_rapportage_cijfers_bekeken_op", "rapportage_cijfers", ["bekeken_op"])


def downgrade() -> None:
    op.drop_index("ix_rapportage_cijfers_bekeken_op", table_name="rapportage_cijfers")
    op.drop_table("rapportage_cijfers")
