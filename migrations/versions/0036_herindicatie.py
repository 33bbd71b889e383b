"""Herindicatie (#17 point 7): one row per beschikking or toewijzing and period, made once by the tick; and the
verwijzer of a Jeugd zaak opened by a verwijzing (#17 point 8, Jeugdwet art. 2.6 lid 1 onder g); and a
beschikking's pgb amount from the tarief (#17 point 9, Wmo 2015 art. 2.3.6).

Revision ID: 0036_herindicatie
Revises: 0034_migratie
"""
import sqlalchemy as sa
from alembic import op

revision = "0036_herindicatie"
down_revision = "0034_migratie"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "herindicatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("beschikking_id", sa.Integer(), nullable=True),
        sa.Column("toewijzing_id", sa.Integer(), nullable=True),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uitkomst", sa.String(length=20), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("nieuwe_zaak_id", sa.Integer(), nullable=True),
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_herindicatie_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_herindicatie_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["beschikking_id"], ["beschikking.id"],
                                name=op.f("fk_herindicatie_beschikking_id_beschikking")),
        sa.ForeignKeyConstraint(["toewijzing_id"], ["toewijzing.id"],
                                name=op.f("fk_herindicatie_toewijzing_id_toewijzing")),
        sa.ForeignKeyConstraint(["instance_id"], ["process_instance.id"],
                                name=op.f("fk_herindicatie_instance_id_process_instance")),
        sa.ForeignKeyConstraint(["nieuwe_zaak_id"], ["zaak.id"], name=op.f("fk_herindicatie_nieuwe_zaak_id_zaak")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_herindicatie")),
        sa.UniqueConstraint("beschikking_id", "peildatum", name=op.f("uq_herindicatie_beschikking_id_peildatum")),
        sa.UniqueConstraint("toewijzing_id", "peildatum", name=op.f("uq_herindicatie_toewijzing_id_peildatum")),
    )
    op.create_index(op.f("ix_herindicatie_zaak_id"), "herindicatie", ["zaak_id"])
    op.create_index(op.f("ix_herindicatie_gemeente_id"), "herindicatie", ["gemeente_id"])
    with op.batch_alter_table("zaak") as batch:
        batch.add_column(sa.Column("verwijzer", sa.String(length=2), nullable=True))
    with op.batch_alter_table("beschikking") as batch:
        batch.add_column(sa.Column("pgb_bedrag", sa.Numeric(precision=12, scale=2), nullable=True))
        batch.add_column(sa.Column("pgb_per", sa.String(length=6), nullable=True))
        batch.add_column(sa.Column("pgb_tarief_cent", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("beschikking") as batch:
        for column in ("pgb_tarief_cent", "pgb_per", "pgb_bedrag"):
            batch.drop_column(column)
    with op.batch_alter_table("zaak") as batch:
        batch.drop_column("verwijzer")
    op.drop_index(op.f("ix_herindicatie_gemeente_id"), table_name="herindicatie")
    op.drop_index(op.f("ix_herindicatie_zaak_id"), table_name="herindicatie")
    op.drop_table("herindicatie")
