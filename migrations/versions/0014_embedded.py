"""The mail outbox is durable: a mail for the SMTP server is written in the use case's transaction as
'wachtend' and sent by a job after the commit (or by the tick when that job was lost); the mails kept so far
were all local ones.

Revision ID: 0014_embedded
Revises: 0013_person_geslacht
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_embedded"
down_revision = "0013_person_geslacht"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_mail") as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="lokaal"))
        batch_op.add_column(sa.Column("verzonden_op", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_outbox_mail_status_created", ["status", "created_at"])


def downgrade() -> None:
    with op.batch_alter_table("outbox_mail") as batch_op:
        batch_op.drop_index("ix_outbox_mail_status_created")
        batch_op.drop_column("verzonden_op")
        batch_op.drop_column("status")
