"""message subscriptions get a canonical correlation key, indexed with the message name

Revision ID: 0006_subscription_key
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_subscription_key"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("message_subscription") as batch_op:
        batch_op.add_column(sa.Column("correlation_key", sa.String(length=500), nullable=False, server_default="{}"))
        batch_op.create_index("ix_message_subscription_name_key", ["message_name", "correlation_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("message_subscription") as batch_op:
        batch_op.drop_index("ix_message_subscription_name_key")
        batch_op.drop_column("correlation_key")
