"""Sociale kaart (#12 point 4): organisations, locations and services after Open Referral HSDS 3.0, with the
product categories and wijken each service is found under, and the last published open data per gemeente.

Revision ID: 0030_sociale_kaart
Revises: 0029_avg_pdf
"""
import sqlalchemy as sa
from alembic import op

revision = "0030_sociale_kaart"
down_revision = "0029_avg_pdf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kaart_organisatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_kaart_organisatie_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"],
                                name=op.f("fk_kaart_organisatie_aanbieder_id_aanbieder")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kaart_organisatie")),
    )
    op.create_index(op.f("ix_kaart_organisatie_gemeente_id"), "kaart_organisatie", ["gemeente_id"])
    op.create_index(op.f("ix_kaart_organisatie_aanbieder_id"), "kaart_organisatie", ["aanbieder_id"])
    op.create_table(
        "kaart_locatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.Column("straat", sa.String(length=100), nullable=True),
        sa.Column("huisnummer", sa.String(length=10), nullable=True),
        sa.Column("postcode", sa.String(length=7), nullable=True),
        sa.Column("plaats", sa.String(length=80), nullable=True),
        sa.Column("wijk", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_kaart_locatie_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["organisatie_id"], ["kaart_organisatie.id"],
                                name=op.f("fk_kaart_locatie_organisatie_id_kaart_organisatie")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kaart_locatie")),
    )
    op.create_index(op.f("ix_kaart_locatie_gemeente_id"), "kaart_locatie", ["gemeente_id"])
    op.create_index(op.f("ix_kaart_locatie_organisatie_id"), "kaart_locatie", ["organisatie_id"])
    op.create_table(
        "kaart_dienst",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("organisatie_id", sa.Integer(), nullable=False),
        sa.Column("locatie_id", sa.Integer(), nullable=True),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("beschrijving", sa.Text(), nullable=False),
        sa.Column("doelgroep", sa.Text(), nullable=False),
        sa.Column("aanmelden", sa.Text(), nullable=False),
        sa.Column("telefoon", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("kosten", sa.String(length=200), nullable=True),
        sa.Column("beschikking_nodig", sa.Boolean(), nullable=False),
        sa.Column("domein", sa.String(length=6), nullable=False),
        sa.Column("gecontroleerd_op", sa.Date(), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_kaart_dienst_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["organisatie_id"], ["kaart_organisatie.id"],
                                name=op.f("fk_kaart_dienst_organisatie_id_kaart_organisatie")),
        sa.ForeignKeyConstraint(["locatie_id"], ["kaart_locatie.id"],
                                name=op.f("fk_kaart_dienst_locatie_id_kaart_locatie")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kaart_dienst")),
    )
    op.create_index(op.f("ix_kaart_dienst_gemeente_id"), "kaart_dienst", ["gemeente_id"])
    op.create_index(op.f("ix_kaart_dienst_organisatie_id"), "kaart_dienst", ["organisatie_id"])
    op.create_index("ix_kaart_dienst_gemeente_soort", "kaart_dienst", ["gemeente_id", "soort"])
    op.create_table(
        "kaart_dienst_categorie",
        sa.Column("dienst_id", sa.Integer(), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(["dienst_id"], ["kaart_dienst.id"], ondelete="CASCADE",
                                name=op.f("fk_kaart_dienst_categorie_dienst_id_kaart_dienst")),
        sa.PrimaryKeyConstraint("dienst_id", "categorie", name=op.f("pk_kaart_dienst_categorie")),
    )
    op.create_index("ix_kaart_dienst_categorie_categorie", "kaart_dienst_categorie", ["categorie", "dienst_id"])
    op.create_table(
        "kaart_dienst_wijk",
        sa.Column("dienst_id", sa.Integer(), nullable=False),
        sa.Column("wijk", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["dienst_id"], ["kaart_dienst.id"], ondelete="CASCADE",
                                name=op.f("fk_kaart_dienst_wijk_dienst_id_kaart_dienst")),
        sa.PrimaryKeyConstraint("dienst_id", "wijk", name=op.f("pk_kaart_dienst_wijk")),
    )
    op.create_index("ix_kaart_dienst_wijk_wijk", "kaart_dienst_wijk", ["wijk", "dienst_id"])
    op.create_table(
        "kaart_publicatie",
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("vingerafdruk", sa.String(length=100), nullable=False),
        sa.Column("json_data", sa.LargeBinary(), nullable=False),
        sa.Column("csv_data", sa.LargeBinary(), nullable=False),
        sa.Column("gemaakt_op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_kaart_publicatie_gemeente_id_gemeente")),
        sa.PrimaryKeyConstraint("gemeente_id", name=op.f("pk_kaart_publicatie")),
    )


def downgrade() -> None:
    for table in ("kaart_publicatie", "kaart_dienst_wijk", "kaart_dienst_categorie", "kaart_dienst", "kaart_locatie", "kaart_organisatie"):
        op.drop_table(table)
