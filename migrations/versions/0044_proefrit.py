"""Proefdraaien (#10 point 8): saved scenarios of a process, run again at every publication.

Revision ID: 0044_proefrit
Revises: 0043_bedrijfsregels
"""
import sqlalchemy as sa
from alembic import op

revision = "0044_proefrit"
down_revision = "0043_bedrijfsregels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_scenario",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("invoer", sa.JSON(), nullable=False),
        sa.Column("verwacht_pad", sa.JSON(), nullable=False),
        sa.Column("verwacht_einde", sa.String(length=100), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_process_scenario_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_scenario")),
    )
    op.create_index(op.f("ix_process_scenario_key"), "process_scenario", ["key"])


def downgrade() -> None:
    op.drop_index(op.f("ix_process_scenario_key"), table_name="process_scenario")
    op.drop_table("process_scenario")
