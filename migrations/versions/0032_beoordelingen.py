"""Beoordelingen and choosing (#12 points 5 and 6): ratings of an aanbieder, one per toewijzing, stars 1–5 on
three aspects (constraints in the database too), moderated before the kaart shows them; the inwoner's
preferred aanbieder on the zaak; a kaart entry the keeper hides; the processing activity of the ratings.

Revision ID: 0032_beoordelingen
Revises: 0031_klachten
"""
import sqlalchemy as sa
from alembic import op

revision = "0032_beoordelingen"
down_revision = "0031_klachten"
branch_labels = None
depends_on = None

ASPECTS = ("bejegening", "deskundigheid", "afspraken")
ACTIVITIES = [("kaart-beoordeling", "Beoordelingen van zorgaanbieders ontvangen, modereren en beantwoorden",
               "art. 6 lid 1 onder a en art. 9 lid 2 onder a AVG (uitdrukkelijke toestemming van de inwoner)")]


def upgrade() -> None:
    op.create_table(
        "beoordeling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("toewijzing_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("ingediend_door_id", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.SmallInteger(), nullable=False) for name in ASPECTS),
        sa.Column("tekst", sa.Text(), nullable=True),
        sa.Column("ingediend_op", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("beoordeeld_door_id", sa.Integer(), nullable=True),
        sa.Column("beoordeeld_op", sa.DateTime(), nullable=True),
        sa.Column("afwijsreden", sa.Text(), nullable=True),
        sa.Column("reactie", sa.Text(), nullable=True),
        sa.Column("reactie_op", sa.DateTime(), nullable=True),
        sa.Column("reactie_door_id", sa.Integer(), nullable=True),
        *(sa.CheckConstraint(f"{name} BETWEEN 1 AND 5", name=op.f(f"ck_beoordeling_{name}_sterren"))
          for name in ASPECTS),
        sa.CheckConstraint("status IN ('te_beoordelen', 'goedgekeurd', 'afgewezen')", name=op.f("ck_beoordeling_status")),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_beoordeling_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["toewijzing_id"], ["toewijzing.id"], name=op.f("fk_beoordeling_toewijzing_id_toewijzing")),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_beoordeling_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_beoordeling_person_id_person")),
        *(sa.ForeignKeyConstraint([column], ["user_account.id"], name=op.f(f"fk_beoordeling_{column}_user_account"))
          for column in ("ingediend_door_id", "beoordeeld_door_id", "reactie_door_id")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beoordeling")),
        sa.UniqueConstraint("toewijzing_id", name=op.f("uq_beoordeling_toewijzing_id")),
    )
    op.create_index(op.f("ix_beoordeling_aanbieder_id"), "beoordeling", ["aanbieder_id"])
    op.create_index(op.f("ix_beoordeling_person_id"), "beoordeling", ["person_id"])
    op.create_index("ix_beoordeling_openbaar", "beoordeling", ["gemeente_id", "aanbieder_id", "status", "ingediend_op"],
                    postgresql_include=list(ASPECTS))
    op.create_index("ix_beoordeling_venster", "beoordeling", ["gemeente_id", "status", "ingediend_op"])
    op.create_index("ix_beoordeling_besluit", "beoordeling", ["gemeente_id", "beoordeeld_op"])
    with op.batch_alter_table("kaart_dienst") as batch:
        batch.add_column(sa.Column("gepubliceerd", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("zaak") as batch:
        batch.add_column(sa.Column("voorkeur_aanbieder_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_zaak_voorkeur_aanbieder_id_aanbieder"), "aanbieder",
                                 ["voorkeur_aanbieder_id"], ["id"])
    table = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                     sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(table, [{"code": code, "naam": naam, "grondslag": grondslag,
                            "uri": f"https://cumulus.example/verwerkingsactiviteiten/{code}"}
                           for code, naam, grondslag in ACTIVITIES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_activity WHERE code = 'kaart-beoordeling'"))
    with op.batch_alter_table("zaak") as batch:
        batch.drop_constraint(op.f("fk_zaak_voorkeur_aanbieder_id_aanbieder"), type_="foreignkey")
        batch.drop_column("voorkeur_aanbieder_id")
    with op.batch_alter_table("kaart_dienst") as batch:
        batch.drop_column("gepubliceerd")
    op.drop_table("beoordeling")
