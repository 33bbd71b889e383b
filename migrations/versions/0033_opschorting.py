"""Opschorting and verdaging of the beslistermijn (#17 points 2 and 3): the requests for information that
suspend it (Awb 4:15), the verdagingen with their mededeling (Awb 4:14), and on each termijn the statutory day
the clock counts from.

Revision ID: 0033_opschorting
Revises: 0032_beoordelingen
"""
import sqlalchemy as sa
from alembic import op

revision = "0033_opschorting"
down_revision = "0032_beoordelingen"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("termijn") as batch:
        batch.add_column(sa.Column("basis", sa.Date(), nullable=True))
        batch.add_column(sa.Column("wettelijk", sa.Date(), nullable=True))
    op.create_table(
        "opschorting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("termijn_soort", sa.String(length=40), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("gevraagd_op", sa.Date(), nullable=False),
        sa.Column("termijn_tot", sa.Date(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=True),
        sa.Column("ontvangen_via", sa.String(length=20), nullable=True),
        sa.Column("gevraagd_door_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_opschorting_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["gevraagd_door_id"], ["user_account.id"],
                                name=op.f("fk_opschorting_gevraagd_door_id_user_account")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_opschorting_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opschorting")),
    )
    op.create_index(op.f("ix_opschorting_zaak_id"), "opschorting", ["zaak_id"])
    op.create_table(
        "verdaging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("termijn_soort", sa.String(length=40), nullable=False),
        sa.Column("oude_datum", sa.Date(), nullable=False),
        sa.Column("nieuwe_datum", sa.Date(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("medegedeeld_op", sa.Date(), nullable=False),
        sa.Column("verdaagd_door_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_verdaging_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["verdaagd_door_id"], ["user_account.id"],
                                name=op.f("fk_verdaging_verdaagd_door_id_user_account")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_verdaging_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdaging")),
    )
    op.create_index(op.f("ix_verdaging_zaak_id"), "verdaging", ["zaak_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_verdaging_zaak_id"), table_name="verdaging")
    op.drop_table("verdaging")
    op.drop_index(op.f("ix_opschorting_zaak_id"), table_name="opschorting")
    op.drop_table("opschorting")
    with op.batch_alter_table("termijn") as batch:
        batch.drop_column("wettelijk")
        batch.drop_column("basis")
