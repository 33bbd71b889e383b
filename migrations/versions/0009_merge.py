"""One line of history again: merge the parallel branches (inbox, portal, exchange, declaratie,
subscription key) and link each prestatie to the toewijzing it claims against.

Revision ID: 0009_merge
Revises: 0004_exchange, 0005_declaratie, 0006_subscription_key, 0007_inbox_indexes, 0007_portal_more
"""
from alembic import op

revision = "0009_merge"
down_revision = ("0004_exchange", "0005_declaratie", "0006_subscription_key", "0007_inbox_indexes",
                 "0007_portal_more")
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A prestatie whose toewijzing is unknown keeps NULL; a number that points nowhere becomes NULL first.
    op.execute("UPDATE prestatie SET toewijzing_id = NULL "
               "WHERE toewijzing_id IS NOT NULL AND toewijzing_id NOT IN (SELECT id FROM toewijzing)")
    with op.batch_alter_table("prestatie") as batch_op:
        batch_op.create_foreign_key("fk_prestatie_toewijzing_id_toewijzing", "toewijzing", ["toewijzing_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("prestatie") as batch_op:
        batch_op.drop_constraint("fk_prestatie_toewijzing_id_toewijzing", type_="foreignkey")
