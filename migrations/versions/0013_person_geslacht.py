"""Person.geslacht: the gender the register records (COD046: 0 onbekend, 1 man, 2 vrouw, 9 niet
gespecificeerd), so that a 301 carries it instead of 0 (onbekend) for everyone.

Revision ID: 0013_person_geslacht
Revises: 0012_processing_log_chain
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_person_geslacht"
down_revision = "0012_processing_log_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("geslacht", sa.String(length=1), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("geslacht")
