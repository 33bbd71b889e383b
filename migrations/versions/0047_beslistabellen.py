"""Beslistabellen (#10 point 7): the DMN decision tables of a process version and of a concept,
as {decision id: DMN XML}; published with the model, part of its content hash.

Revision ID: 0047_beslistabellen
Revises: 0046_formulierversies
"""
import sqlalchemy as sa
from alembic import op

revision = "0047_beslistabellen"
down_revision = "0046_formulierversies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("process_definition", sa.Column("beslistabellen", sa.JSON(), nullable=True))
    op.add_column("process_concept", sa.Column("beslistabellen", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("process_concept", "beslistabellen")
    op.drop_column("process_definition", "beslistabellen")
