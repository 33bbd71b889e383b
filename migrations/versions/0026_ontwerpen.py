"""Process design (#10): concepts of BPMN models kept on the server while a procesontwerper works on them.

Revision ID: 0026_ontwerpen
Revises: 0025_rapportage
"""
import sqlalchemy as sa
from alembic import op

revision = "0026_ontwerpen"
down_revision = "0025_rapportage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_concept",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("bpmn_xml", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("herkomst", sa.String(length=20), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["based_on_id"], ["process_definition.id"],
                                name=op.f("fk_process_concept_based_on_id_process_definition")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_process_concept_created_by_id_user_account")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"],
                                name=op.f("fk_process_concept_updated_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_concept")),
    )
    op.create_index(op.f("ix_process_concept_key"), "process_concept", ["key"])
    op.create_index(op.f("ix_process_concept_status"), "process_concept", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_process_concept_status"), table_name="process_concept")
    op.drop_index(op.f("ix_process_concept_key"), table_name="process_concept")
    op.drop_table("process_concept")
