"""Management information (#11): the budget per gemeente, year and productcategorie that the controller enters.

Revision ID: 0025_rapportage
Revises: 0024_aanbieder_formulieren
"""
import sqlalchemy as sa
from alembic import op

revision = "0025_rapportage"
down_revision = "0024_aanbieder_formulieren"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("productcategorie", sa.String(2), nullable=False),
        sa.Column("bedrag_cent", sa.BigInteger(), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.Column("gewijzigd_door_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_budget_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["gewijzigd_door_id"], ["user_account.id"],
                                name=op.f("fk_budget_gewijzigd_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
        sa.UniqueConstraint("gemeente_id", "jaar", "productcategorie",
                            name=op.f("uq_budget_gemeente_id_jaar_productcategorie")),
    )
    with op.batch_alter_table("budget") as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_gemeente_id"), ["gemeente_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("budget") as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_gemeente_id"))
    op.drop_table("budget")
