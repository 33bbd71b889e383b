"""Vier-ogen on publishing (#10 point 4): the request to publish a concept as the next version of its process,
with who asked and who decided, the live version it was compared with and the version it became.

Revision ID: 0040_publicatieverzoek
Revises: 0039_recht
"""
import sqlalchemy as sa
from alembic import op

revision = "0040_publicatieverzoek"
down_revision = "0039_recht"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publicatie_verzoek",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("concept_sha256", sa.String(length=64), nullable=False),
        sa.Column("live_definition_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("deployed_definition_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["concept_id"], ["process_concept.id"],
                                name=op.f("fk_publicatie_verzoek_concept_id_process_concept")),
        sa.ForeignKeyConstraint(["live_definition_id"], ["process_definition.id"],
                                name=op.f("fk_publicatie_verzoek_live_definition_id_process_definition")),
        sa.ForeignKeyConstraint(["deployed_definition_id"], ["process_definition.id"],
                                name=op.f("fk_publicatie_verzoek_deployed_definition_id_process_definition")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user_account.id"],
                                name=op.f("fk_publicatie_verzoek_requested_by_id_user_account")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user_account.id"],
                                name=op.f("fk_publicatie_verzoek_decided_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publicatie_verzoek")),
    )
    op.create_index(op.f("ix_publicatie_verzoek_concept_id"), "publicatie_verzoek", ["concept_id"])
    op.create_index(op.f("ix_publicatie_verzoek_key"), "publicatie_verzoek", ["key"])
    op.create_index(op.f("ix_publicatie_verzoek_status"), "publicatie_verzoek", ["status"])


def downgrade() -> None:
    op.drop_table("publicatie_verzoek")
