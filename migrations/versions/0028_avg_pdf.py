"""#13: a one-time password (new staff account, reset by a beheerder) must be replaced at the first login.

Revision ID: 0028_avg_pdf
Revises: 0026_ontwerpen
"""
import sqlalchemy as sa
from alembic import op

revision = "0028_avg_pdf"
down_revision = "0026_ontwerpen"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("password_must_change", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("password_must_change")
