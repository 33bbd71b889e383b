"""Decisions the inwoner is entitled to (#17 point 6): a beschikking can be a tijdelijke maatwerkvoorziening granted
in a spoedeisend geval (Wmo 2015 art. 2.3.3), and names the definitive beschikking that ended or replaced it.

Revision ID: 0039_recht
Revises: 0038_bezwaar
"""
import sqlalchemy as sa
from alembic import op

revision = "0039_recht"
down_revision = "0038_bezwaar"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beschikking") as batch:
        batch.add_column(sa.Column("tijdelijk", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("beeindigd_door_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_beschikking_beeindigd_door", "beschikking", ["beeindigd_door_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("beschikking") as batch:
        batch.drop_constraint("fk_beschikking_beeindigd_door", type_="foreignkey")
        batch.drop_column("beeindigd_door_id")
        batch.drop_column("tijdelijk")
