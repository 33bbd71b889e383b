"""Ingebrekestelling and dwangsom bij niet tijdig beslissen (#17 point 4, Awb 4:17-4:18): one row per zaak.

Revision ID: 0037_dwangsom
Revises: 0036_herindicatie
"""
import sqlalchemy as sa
from alembic import op

revision = "0037_dwangsom"
down_revision = "0036_herindicatie"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingebrekestelling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("termijn_soort", sa.String(length=40), nullable=False),
        sa.Column("termijn_tot", sa.Date(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("ontvangen_via", sa.String(length=20), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("hersteltermijn_tot", sa.Date(), nullable=False),
        sa.Column("eerste_dag", sa.Date(), nullable=False),
        sa.Column("ingediend_door_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uitzondering", sa.String(length=40), nullable=True),
        sa.Column("uitzondering_reden", sa.Text(), nullable=True),
        sa.Column("uitzondering_op", sa.Date(), nullable=True),
        sa.Column("uitzondering_door_id", sa.Integer(), nullable=True),
        sa.Column("instance_id", sa.Integer(), nullable=True),
        sa.Column("laatste_dag", sa.Date(), nullable=True),
        sa.Column("vaststellen_uiterlijk", sa.Date(), nullable=True),
        sa.Column("vastgesteld_bedrag", sa.Integer(), nullable=True),
        sa.Column("vastgesteld_op", sa.Date(), nullable=True),
        sa.Column("vastgesteld_door_id", sa.Integer(), nullable=True),
        sa.Column("vaststelling_toelichting", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_ingebrekestelling_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"],
                                name=op.f("fk_ingebrekestelling_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["ingediend_door_id"], ["user_account.id"],
                                name=op.f("fk_ingebrekestelling_ingediend_door_id_user_account")),
        sa.ForeignKeyConstraint(["uitzondering_door_id"], ["user_account.id"],
                                name=op.f("fk_ingebrekestelling_uitzondering_door_id_user_account")),
        sa.ForeignKeyConstraint(["vastgesteld_door_id"], ["user_account.id"],
                                name=op.f("fk_ingebrekestelling_vastgesteld_door_id_user_account")),
        sa.ForeignKeyConstraint(["instance_id"], ["process_instance.id"],
                                name=op.f("fk_ingebrekestelling_instance_id_process_instance")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingebrekestelling")),
        sa.UniqueConstraint("zaak_id", name=op.f("uq_ingebrekestelling_zaak_id")),
    )
    op.create_index(op.f("ix_ingebrekestelling_gemeente_id"), "ingebrekestelling", ["gemeente_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ingebrekestelling_gemeente_id"), table_name="ingebrekestelling")
    op.drop_table("ingebrekestelling")
