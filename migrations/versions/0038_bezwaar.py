"""Bezwaar (#17 point 5, Awb 6:4–7:12): the bezwaar against a beschikking with its documents, and whether a gemeente
has a bezwaarcommissie (Awb 7:13; 12 weeks instead of 6 by 7:10 lid 1).

Revision ID: 0038_bezwaar
Revises: 0037_dwangsom
"""
import sqlalchemy as sa
from alembic import op

revision = "0038_bezwaar"
down_revision = "0037_dwangsom"
branch_labels = None
depends_on = None

FKS = (("zaak_id", "zaak"), ("gemeente_id", "gemeente"), ("beschikking_id", "beschikking"),
       ("ingediend_door_id", "user_account"), ("beslist_door_id", "user_account"),
       ("ontvangst_document_id", "document"), ("verdaging_document_id", "document"),
       ("beslissing_document_id", "document"), ("instance_id", "process_instance"))

#: The register van verwerkingsactiviteiten (AVG art. 30): handling a bezwaar is a processing of its own.
ACTIVITIES = [("bezwaar", "Bezwaar behandelen en beslissen op bezwaar", "art. 6:4 en hoofdstuk 7 Awb")]


def upgrade() -> None:
    op.create_table(
        "bezwaar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("beschikking_id", sa.Integer(), nullable=False),
        sa.Column("kanaal", sa.String(length=20), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("gronden", sa.Text(), nullable=False),
        sa.Column("ingediend_door_id", sa.Integer(), nullable=True),
        sa.Column("bezwaartermijn_einde", sa.Date(), nullable=False),
        sa.Column("termijnoverschrijding", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("verschoonbaar", sa.Boolean(), nullable=True),
        sa.Column("commissie", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("beslistermijn", sa.Date(), nullable=False),
        sa.Column("verdaagd_tot", sa.Date(), nullable=True),
        sa.Column("verdaging_reden", sa.Text(), nullable=True),
        sa.Column("verdaagd_op", sa.Date(), nullable=True),
        sa.Column("hoorzitting_op", sa.Date(), nullable=True),
        sa.Column("hoorzitting_verslag", sa.Text(), nullable=True),
        sa.Column("afzien_horen", sa.String(length=30), nullable=True),
        sa.Column("advies", sa.Text(), nullable=True),
        sa.Column("advies_uitkomst", sa.String(length=20), nullable=True),
        sa.Column("advies_op", sa.Date(), nullable=True),
        sa.Column("uitkomst", sa.String(length=20), nullable=True),
        sa.Column("motivering", sa.Text(), nullable=True),
        sa.Column("bekendgemaakt_op", sa.Date(), nullable=True),
        sa.Column("beroep_tot", sa.Date(), nullable=True),
        sa.Column("beslist_door_id", sa.Integer(), nullable=True),
        sa.Column("ontvangst_document_id", sa.Integer(), nullable=True),
        sa.Column("verdaging_document_id", sa.Integer(), nullable=True),
        sa.Column("beslissing_document_id", sa.Integer(), nullable=True),
        sa.Column("instance_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        *[sa.ForeignKeyConstraint([column], [f"{table}.id"], name=op.f(f"fk_bezwaar_{column}_{table}"))
          for column, table in FKS],
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bezwaar")),
    )
    for column in ("zaak_id", "gemeente_id", "beschikking_id"):
        op.create_index(op.f(f"ix_bezwaar_{column}"), "bezwaar", [column])
    op.create_index("uq_bezwaar_open_per_beschikking", "bezwaar", ["beschikking_id"], unique=True,
                    postgresql_where=sa.text("uitkomst IS NULL"), sqlite_where=sa.text("uitkomst IS NULL"))
    op.create_table(
        "bezwaar_bijlage",
        sa.Column("bezwaar_id", sa.Integer(), nullable=False),
        sa.Column("bijlage_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["bezwaar_id"], ["bezwaar.id"], name=op.f("fk_bezwaar_bijlage_bezwaar_id_bezwaar")),
        sa.ForeignKeyConstraint(["bijlage_id"], ["bijlage.id"], name=op.f("fk_bezwaar_bijlage_bijlage_id_bijlage")),
        sa.PrimaryKeyConstraint("bezwaar_id", "bijlage_id", name=op.f("pk_bezwaar_bijlage")),
    )
    with op.batch_alter_table("gemeente") as batch:
        batch.add_column(sa.Column("bezwaarcommissie", sa.Boolean(), server_default=sa.false(), nullable=False))
    table = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                     sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(table, [{"code": code, "naam": naam, "grondslag": grondslag,
                            "uri": f"https://cumulus.example/verwerkingsactiviteiten/{code}"}
                           for code, naam, grondslag in ACTIVITIES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_activity WHERE code = 'bezwaar'"))
    with op.batch_alter_table("gemeente") as batch:
        batch.drop_column("bezwaarcommissie")
    op.drop_table("bezwaar_bijlage")
    op.drop_index("uq_bezwaar_open_per_beschikking", table_name="bezwaar")
    for column in ("beschikking_id", "gemeente_id", "zaak_id"):
        op.drop_index(op.f(f"ix_bezwaar_{column}"), table_name="bezwaar")
    op.drop_table("bezwaar")
