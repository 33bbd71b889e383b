"""iWmo/iJw message exchange: berichten (in and out, raw) and toewijzingen

Revision ID: 0004_exchange
Revises: 0001

A parallel branch from 0001. prestatie.toewijzing_id (0005_declaratie, another branch) gets its
foreign key to toewijzing.id when the branches are merged.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_exchange"
down_revision = "0001"
branch_labels = None
depends_on = None

ACTIVITIES = [
    ("wmo-toewijzing", "Maatwerkvoorziening Wmo toewijzen aan een aanbieder en de levering volgen",
     "art. 2.3.5 en 5.1.1 Wmo 2015"),
    ("jeugd-toewijzing", "Jeugdhulp toewijzen aan een aanbieder en de levering volgen", "art. 2.3 en 7.4.4 Jeugdwet"),
]


def upgrade() -> None:
    op.create_table(
        "bericht",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("richting", sa.String(length=3), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("kanaal", sa.String(length=10), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("standaard", sa.String(length=4), nullable=True),
        sa.Column("nummer", sa.String(length=3), nullable=True),
        sa.Column("berichtcode", sa.String(length=3), nullable=True),
        sa.Column("afzender", sa.String(length=8), nullable=True),
        sa.Column("ontvanger", sa.String(length=8), nullable=True),
        sa.Column("identificatie", sa.String(length=12), nullable=True),
        sa.Column("dagtekening", sa.Date(), nullable=True),
        sa.Column("referentie", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("retour_id", sa.Integer(), nullable=True),
        sa.Column("duplicaat_van_id", sa.Integer(), nullable=True),
        sa.Column("fouten", sa.JSON(), nullable=True),
        sa.Column("retourcodes", sa.String(length=200), nullable=True),
        sa.Column("antwoord_uiterlijk", sa.Date(), nullable=True),
        sa.Column("envelop_referentie", sa.String(length=36), nullable=True),
        sa.Column("zaak_id", sa.Integer(), nullable=True),
        sa.Column("ontvangen_op", sa.DateTime(), nullable=False),
        sa.Column("verwerkt_op", sa.DateTime(), nullable=True),
        sa.Column("opgehaald_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_bericht_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["duplicaat_van_id"], ["bericht.id"], name=op.f("fk_bericht_duplicaat_van_id_bericht")),
        sa.ForeignKeyConstraint(["retour_id"], ["bericht.id"], name=op.f("fk_bericht_retour_id_bericht")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_bericht_zaak_id_zaak")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bericht")),
        sa.UniqueConstraint("richting", "aanbieder_id", "berichtcode", "identificatie", name="uq_bericht_identiteit"),
    )
    op.create_index(op.f("ix_bericht_aanbieder_id"), "bericht", ["aanbieder_id"], unique=False)
    op.create_index(op.f("ix_bericht_nummer"), "bericht", ["nummer"], unique=False)
    op.create_index(op.f("ix_bericht_status"), "bericht", ["status"], unique=False)
    op.create_index(op.f("ix_bericht_zaak_id"), "bericht", ["zaak_id"], unique=False)
    op.create_table(
        "toewijzing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("toewijzingnummer", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("beschikking_id", sa.Integer(), nullable=True),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("eenheid", sa.String(length=2), nullable=True),
        sa.Column("frequentie", sa.String(length=1), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("reden_wijziging", sa.String(length=2), nullable=True),
        sa.Column("referentie_aanbieder", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("toegewezen_op", sa.DateTime(), nullable=False),
        sa.Column("retourcodes", sa.String(length=200), nullable=True),
        sa.Column("start_zorg", sa.Date(), nullable=True),
        sa.Column("stop_zorg", sa.Date(), nullable=True),
        sa.Column("reden_beeindiging", sa.String(length=2), nullable=True),
        sa.Column("bericht_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_toewijzing_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["bericht_id"], ["bericht.id"], name=op.f("fk_toewijzing_bericht_id_bericht")),
        sa.ForeignKeyConstraint(["beschikking_id"], ["beschikking.id"],
                                name=op.f("fk_toewijzing_beschikking_id_beschikking")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_toewijzing_product_id_product")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_toewijzing_zaak_id_zaak")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing")),
        sa.UniqueConstraint("toewijzingnummer", name=op.f("uq_toewijzing_toewijzingnummer")),
    )
    op.create_index(op.f("ix_toewijzing_aanbieder_id"), "toewijzing", ["aanbieder_id"], unique=False)
    op.create_index(op.f("ix_toewijzing_zaak_id"), "toewijzing", ["zaak_id"], unique=False)
    table = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                     sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(table, [{"code": code, "naam": naam, "grondslag": grondslag,
                            "uri": f"https://cumulus.example/verwerkingsactiviteiten/{code}"}
                           for code, naam, grondslag in ACTIVITIES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_activity WHERE code IN ('wmo-toewijzing', 'jeugd-toewijzing')"))
    op.drop_table("toewijzing")
    op.drop_table("bericht")
