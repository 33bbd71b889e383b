"""#13: the AVG afschrift as PDF made by a background job and kept for a short time (avg_afschrift); a one-time
password (new staff account, reset by a beheerder) must be replaced at the first login.

Revision ID: 0029_avg_pdf
Revises: 0028_adres
"""
import sqlalchemy as sa
from alembic import op

revision = "0029_avg_pdf"
down_revision = "0028_adres"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("password_must_change", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "avg_afschrift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("for_request", sa.Boolean(), nullable=False),
        sa.Column("verzoek", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("ready_at", sa.DateTime(), nullable=True),
        sa.Column("downloaded_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_avg_afschrift_person_id_person")),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_avg_afschrift_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user_account.id"],
                                name=op.f("fk_avg_afschrift_requested_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_avg_afschrift")),
    )
    op.create_index(op.f("ix_avg_afschrift_person_id"), "avg_afschrift", ["person_id"])
    op.create_index(op.f("ix_avg_afschrift_gemeente_id"), "avg_afschrift", ["gemeente_id"])
    op.create_index(op.f("ix_avg_afschrift_expires_at"), "avg_afschrift", ["expires_at"])


def downgrade() -> None:
    op.drop_table("avg_afschrift")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("password_must_change")
