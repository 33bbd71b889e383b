"""Klachten and signalen about aanbieders (#12 point 3), with their follow-up notes, and the processing of them in
the register van verwerkingsactiviteiten.

Revision ID: 0031_klachten
Revises: 0030_sociale_kaart
"""
import sqlalchemy as sa
from alembic import op

revision = "0031_klachten"
down_revision = "0030_sociale_kaart"
branch_labels = None
depends_on = None

ACTIVITIES = [
    ("klachten-aanbieders", "Klachten en signalen over zorgaanbieders registreren en afhandelen (kwaliteit en "
                            "contractbeheer)", "art. 3.1 Wmo 2015 en art. 4.1.1 Jeugdwet"),
]


def upgrade() -> None:
    op.create_table(
        "klacht",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("toewijzing_id", sa.Integer(), nullable=True),
        sa.Column("zaak_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("bron", sa.String(length=10), nullable=False),
        sa.Column("geregistreerd_door_id", sa.Integer(), nullable=True),
        sa.Column("namens_id", sa.Integer(), nullable=True),
        sa.Column("geregistreerd_op", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("afgesloten_op", sa.DateTime(), nullable=True),
        sa.Column("afgesloten_door_id", sa.Integer(), nullable=True),
        sa.Column("afsluitreden", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_klacht_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_klacht_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["toewijzing_id"], ["toewijzing.id"],
                                name=op.f("fk_klacht_toewijzing_id_toewijzing")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_klacht_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_klacht_person_id_person")),
        sa.ForeignKeyConstraint(["geregistreerd_door_id"], ["user_account.id"],
                                name=op.f("fk_klacht_geregistreerd_door_id_user_account")),
        sa.ForeignKeyConstraint(["namens_id"], ["user_account.id"], name=op.f("fk_klacht_namens_id_user_account")),
        sa.ForeignKeyConstraint(["afgesloten_door_id"], ["user_account.id"],
                                name=op.f("fk_klacht_afgesloten_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_klacht")),
    )
    for column in ("gemeente_id", "aanbieder_id", "toewijzing_id", "zaak_id", "person_id", "geregistreerd_op",
                   "status"):
        op.create_index(op.f(f"ix_klacht_{column}"), "klacht", [column])
    op.create_table(
        "klacht_notitie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("klacht_id", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["klacht_id"], ["klacht.id"], name=op.f("fk_klacht_notitie_klacht_id_klacht")),
        sa.ForeignKeyConstraint(["door_id"], ["user_account.id"], name=op.f("fk_klacht_notitie_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_klacht_notitie")),
    )
    op.create_index(op.f("ix_klacht_notitie_klacht_id"), "klacht_notitie", ["klacht_id"])
    table = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                     sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(table, [{"code": code, "naam": naam, "grondslag": grondslag,
                            "uri": f"https://cumulus.example/verwerkingsactiviteiten/{code}"}
                           for code, naam, grondslag in ACTIVITIES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_activity WHERE code = 'klachten-aanbieders'"))
    op.drop_index(op.f("ix_klacht_notitie_klacht_id"), table_name="klacht_notitie")
    op.drop_table("klacht_notitie")
    for column in ("gemeente_id", "aanbieder_id", "toewijzing_id", "zaak_id", "person_id", "geregistreerd_op",
                   "status"):
        op.drop_index(op.f(f"ix_klacht_{column}"), table_name="klacht")
    op.drop_table("klacht")
