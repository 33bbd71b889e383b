"""Beheer of staff users: a team and wijken per staff member, their second factor (TOTP), their subject at
the organisation's identity provider (SSO), the zaken opened outside one's own work with a reason
(doorbraak), the business rules set on the settings page, and the audit
trail of administration (who changed which user or setting, when, old → new).

Revision ID: 0018_beheer
Revises: 0017_gemeenten
"""
import sqlalchemy as sa
from alembic import op

revision = "0018_beheer"
down_revision = "0017_gemeenten"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(sa.Column("team", sa.String(100), nullable=True))
        batch_op.add_column(sa.Column("totp_secret", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("oidc_subject", sa.String(255), nullable=True))
        batch_op.create_unique_constraint(op.f("uq_user_account_oidc_subject"), ["oidc_subject"])
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
    op.create_table(
        "user_wijk",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("wijk", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_user_wijk_user_id_user_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_user_wijk_gemeente_id_gemeente")),
        sa.PrimaryKeyConstraint("user_id", "gemeente_id", "wijk", name=op.f("pk_user_wijk")),
    )
    op.create_table(
        "audit_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_naam", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("object_type", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_audit_record_actor_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_record")),
    )
    op.create_table(
        "zaak_doorbraak",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_zaak_doorbraak_user_id_user_account")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_zaak_doorbraak_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_zaak_doorbraak_gemeente_id_gemeente")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zaak_doorbraak")),
    )
    op.create_index(op.f("ix_zaak_doorbraak_at"), "zaak_doorbraak", ["at"])
    op.create_index(op.f("ix_zaak_doorbraak_zaak_id"), "zaak_doorbraak", ["zaak_id"])
    op.create_index(op.f("ix_zaak_doorbraak_gemeente_id"), "zaak_doorbraak", ["gemeente_id"])
    op.create_index("ix_zaak_doorbraak_user_zaak_at", "zaak_doorbraak", ["user_id", "zaak_id", "at"])
    op.create_table(
        "instelling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["changed_by_id"], ["user_account.id"], name=op.f("fk_instelling_changed_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instelling")),
        sa.UniqueConstraint("name", name=op.f("uq_instelling_name")),
    )
    op.create_index(op.f("ix_audit_record_at"), "audit_record", ["at"])
    op.create_index("ix_audit_record_object", "audit_record", ["object_type", "object_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_record_object", table_name="audit_record")
    op.drop_index(op.f("ix_audit_record_at"), table_name="audit_record")
    op.drop_table("audit_record")
    op.drop_table("zaak_doorbraak")
    op.drop_table("instelling")
    op.drop_table("user_wijk")
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_constraint(op.f("uq_user_account_oidc_subject"), type_="unique")
        batch_op.drop_column("oidc_subject")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("team")
