"""Migration of running cases to a newer process version (#10 point 5): the runs and what each did per case,
with the state a moved case had (to revert it until its next step).

Revision ID: 0034_migratie
Revises: 0033_opschorting
"""
import sqlalchemy as sa
from alembic import op

revision = "0034_migratie"
down_revision = "0033_opschorting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_migration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("from_definition_id", sa.Integer(), nullable=False),
        sa.Column("to_definition_id", sa.Integer(), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("moved", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["from_definition_id"], ["process_definition.id"],
                                name=op.f("fk_process_migration_from_definition_id_process_definition")),
        sa.ForeignKeyConstraint(["to_definition_id"], ["process_definition.id"],
                                name=op.f("fk_process_migration_to_definition_id_process_definition")),
        sa.ForeignKeyConstraint(["started_by_id"], ["user_account.id"],
                                name=op.f("fk_process_migration_started_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_migration")),
    )
    op.create_index(op.f("ix_process_migration_from_definition_id"), "process_migration", ["from_definition_id"])
    op.create_table(
        "process_migration_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("migration_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("old_state", sa.Text(), nullable=True),
        sa.Column("lock_version_after", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reverted_at", sa.DateTime(), nullable=True),
        sa.Column("reverted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["migration_id"], ["process_migration.id"],
                                name=op.f("fk_process_migration_case_migration_id_process_migration")),
        sa.ForeignKeyConstraint(["instance_id"], ["process_instance.id"],
                                name=op.f("fk_process_migration_case_instance_id_process_instance")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_process_migration_case_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["reverted_by_id"], ["user_account.id"],
                                name=op.f("fk_process_migration_case_reverted_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_migration_case")),
    )
    op.create_index("ix_process_migration_case_migration", "process_migration_case", ["migration_id", "outcome"])
    op.create_index(op.f("ix_process_migration_case_instance_id"), "process_migration_case", ["instance_id"])
    op.create_index(op.f("ix_process_migration_case_zaak_id"), "process_migration_case", ["zaak_id"])


def downgrade() -> None:
    op.drop_table("process_migration_case")
    op.drop_table("process_migration")
