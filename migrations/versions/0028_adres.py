"""Person.telefoon: the inwoner's telefoonnummer (digits, as LDT_Telefoonnummer), which a consulent completes
with the address from a zaak and a 301 carries as Telefoon in the client's Contact.

Revision ID: 0028_adres
Revises: 0027_termijnen
"""
import sqlalchemy as sa
from alembic import op

revision = "0028_adres"
down_revision = "0027_termijnen"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("telefoon", sa.String(length=15), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("telefoon")
