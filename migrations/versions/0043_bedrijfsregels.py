"""A foreign address (#14, addresses were Dutch only): the land of a person's address (LandCode, COD032; NULL
is Nederland) and room for a foreign postcode of up to 8 characters (LDT_Postcode).

Revision ID: 0043_bedrijfsregels
Revises: 0042_avgpdf
"""
import sqlalchemy as sa
from alembic import op

revision = "0043_bedrijfsregels"
down_revision = "0042_avgpdf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("land", sa.String(length=2), nullable=True))
        batch.alter_column("postcode", existing_type=sa.String(length=7), type_=sa.String(length=8),
                           existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.alter_column("postcode", existing_type=sa.String(length=8), type_=sa.String(length=7),
                           existing_nullable=True)
        batch.drop_column("land")
