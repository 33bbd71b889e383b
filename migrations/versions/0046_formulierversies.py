"""Versioned task forms (#10 point 6): form versions, the forms of each process version, forms edited with a
concept. `flask deploy` seeds the forms of the process versions already deployed from forms/*.json.

Revision ID: 0046_formulierversies
Revises: 0051_briefpdf
"""
import sqlalchemy as sa
from alembic import op

revision = "0046_formulierversies"
down_revision = "0051_briefpdf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "formulier_versie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("herkomst", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_formulier_versie_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_formulier_versie")),
        sa.UniqueConstraint("key", "versie", name=op.f("uq_formulier_versie_key_versie")),
        sa.UniqueConstraint("key", "sha256", name=op.f("uq_formulier_versie_key_sha256")),
    )
    op.create_table(
        "definitie_formulier",
        sa.Column("definition_id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=100), nullable=False),
        sa.Column("formulier_versie_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["definition_id"], ["process_definition.id"],
                                name=op.f("fk_definitie_formulier_definition_id_process_definition")),
        sa.ForeignKeyConstraint(["formulier_versie_id"], ["formulier_versie.id"],
                                name=op.f("fk_definitie_formulier_formulier_versie_id_formulier_versie")),
        sa.PrimaryKeyConstraint("definition_id", "form_key", name=op.f("pk_definitie_formulier")),
    )
    op.create_index(op.f("ix_definitie_formulier_formulier_versie_id"), "definitie_formulier",
                    ["formulier_versie_id"])
    op.create_table(
        "concept_formulier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["process_concept.id"],
                                name=op.f("fk_concept_formulier_concept_id_process_concept")),
        sa.ForeignKeyConstraint(["based_on_id"], ["formulier_versie.id"],
                                name=op.f("fk_concept_formulier_based_on_id_formulier_versie")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_concept_formulier_created_by_id_user_account")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"],
                                name=op.f("fk_concept_formulier_updated_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_formulier")),
        sa.UniqueConstraint("concept_id", "key", name=op.f("uq_concept_formulier_concept_id_key")),
    )
    op.create_index(op.f("ix_concept_formulier_concept_id"), "concept_formulier", ["concept_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_concept_formulier_concept_id"), table_name="concept_formulier")
    op.drop_table("concept_formulier")
    op.drop_index(op.f("ix_definitie_formulier_formulier_versie_id"), table_name="definitie_formulier")
    op.drop_table("definitie_formulier")
    op.drop_table("formulier_versie")
