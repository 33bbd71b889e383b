"""Summaries of the management information (#11): plain tables the rapportage reads, refreshed by the tick.

Revision ID: 0045_samenvatting
Revises: 0048_engine
"""
import sqlalchemy as sa
from alembic import op

revision = "0045_samenvatting"
down_revision = "0048_engine"
branch_labels = None
depends_on = None

KEYED = ("rapportage_maand", "rapportage_persoon", "rapportage_venster", "rapportage_verdeling")


def _keys() -> list:
    return [sa.Column("id", sa.Integer(), nullable=False), sa.Column("gemeente_id", sa.Integer(), nullable=False),
            sa.Column("wijk", sa.String(length=100), nullable=True),
            sa.Column("bron", sa.String(length=20), nullable=False),
            sa.Column("s1", sa.String(length=100), nullable=False), sa.Column("s2", sa.String(length=100), nullable=False),
            sa.Column("s3", sa.String(length=100), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "rapportage_stand",
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("basis", sa.Integer(), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.Column("volledig_op", sa.DateTime(), nullable=False),
        sa.Column("duur_ms", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_rapportage_stand_gemeente_id_gemeente")),
        sa.PrimaryKeyConstraint("gemeente_id", name=op.f("pk_rapportage_stand")),
    )
    op.create_table(
        "rapportage_wijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bron", sa.String(length=20), nullable=False),
        sa.Column("sleutel", sa.String(length=20), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rapportage_wijziging")),
    )
    op.create_table("rapportage_maand", *_keys(), sa.Column("maand", sa.Integer(), nullable=False),
                    sa.Column("aantal", sa.Integer(), nullable=False), sa.Column("bedrag", sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_rapportage_maand")))
    op.create_index("ix_rapportage_maand_lees", "rapportage_maand", ["gemeente_id", "bron", "maand"])
    op.create_table("rapportage_persoon", *_keys(), sa.Column("persoon", sa.String(length=20), nullable=False),
                    sa.Column("maanden", sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_rapportage_persoon")))
    op.create_index("ix_rapportage_persoon_lees", "rapportage_persoon", ["gemeente_id", "bron"])
    op.create_index("ix_rapportage_persoon_persoon", "rapportage_persoon", ["bron", "persoon"])
    op.create_table("rapportage_venster", *_keys(), sa.Column("van", sa.Integer(), nullable=False),
                    sa.Column("tot", sa.Integer(), nullable=False), sa.Column("personen", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_rapportage_venster")))
    op.create_index("ix_rapportage_venster_lees", "rapportage_venster", ["gemeente_id", "bron", "van", "tot"])
    op.create_table("rapportage_verdeling", *_keys(), sa.Column("maand", sa.Integer(), nullable=False),
                    sa.Column("waarde", sa.Float(), nullable=False), sa.Column("aantal", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_rapportage_verdeling")))
    op.create_index("ix_rapportage_verdeling_lees", "rapportage_verdeling", ["gemeente_id", "bron", "maand"])


def downgrade() -> None:
    for table in reversed(KEYED):
        op.drop_table(table)
    op.drop_table("rapportage_wijziging")
    op.drop_table("rapportage_stand")
