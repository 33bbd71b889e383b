"""Sessions and login as BIO asks: server-side web sessions (ended at logout, idle and absolute limits),
API tokens with an expiry and a scope, and login attempts refused during backoff marked as such.
Tokens made before this migration get 90 days from now; an inwoner's or gemachtigde's get the scope of
their own dossier.

Revision ID: 0011_sessions
Revises: 0010_search_indexes
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_sessions"
down_revision = "0010_search_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name="fk_web_session_user_id_user_account"),
        sa.PrimaryKeyConstraint("id", name="pk_web_session"),
        sa.UniqueConstraint("token_hash", name="uq_web_session_token_hash"),
    )
    op.create_index("ix_web_session_user_id", "web_session", ["user_id"])
    op.create_index("ix_web_session_last_seen_at", "web_session", ["last_seen_at"])
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.add_column(sa.Column("scope", sa.String(20), nullable=False, server_default="volledig"))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE api_token SET scope = 'eigen-dossier' WHERE user_id IN (SELECT id FROM user_account "
               "WHERE roles LIKE '%inwoner%' OR roles LIKE '%gemachtigde%')")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE api_token SET expires_at = (now() AT TIME ZONE 'utc') + interval '90 days'")
    else:
        op.execute("UPDATE api_token SET expires_at = datetime('now', '+90 days')")
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column("scope", existing_type=sa.String(20), server_default=None)
    with op.batch_alter_table("login_attempt") as batch_op:
        batch_op.add_column(sa.Column("refused", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("login_attempt") as batch_op:
        batch_op.alter_column("refused", existing_type=sa.Boolean(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("login_attempt") as batch_op:
        batch_op.drop_column("refused")
    with op.batch_alter_table("api_token") as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("scope")
    op.drop_index("ix_web_session_last_seen_at", table_name="web_session")
    op.drop_index("ix_web_session_user_id", table_name="web_session")
    op.drop_table("web_session")
