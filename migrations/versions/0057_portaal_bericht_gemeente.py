"""The gemeente on every portaal_bericht (#15, the werkvoorraad): "nieuw bericht" lists the unread messages from the
inwoner's side in the consulent's gemeenten. It joined every zaak of those gemeenten to find them (13–23 ms at
100,000 zaken); a partial index on the gemeente's unread messages alone reads a few entries. A message's gemeente
is its zaak's, which never changes.

Revision ID: 0057_portaal_bericht_gemeente
Revises: 0056_rapportage_cijfers
"""
import sqlalchemy as sa
from alembic import op

revision = "0057_portaal_bericht_gemeente"
down_revision = "0056_rapportage_cijfers"
branch_labels = None
depends_on = None

UNREAD = sa.text("van = 'inwoner' AND gelezen_op IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.add_column(sa.Column("gemeente_id", sa.Integer(), nullable=True))
    op.execute("UPDATE portaal_bericht SET gemeente_id = "
               "(SELECT zaak.gemeente_id FROM zaak WHERE zaak.id = portaal_bericht.zaak_id)")
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.alter_column("gemeente_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(op.f("fk_portaal_bericht_gemeente_id_gemeente"), "gemeente", ["gemeente_id"],
                                    ["id"])
    op.create_index("ix_portaal_bericht_nieuw", "portaal_bericht", ["gemeente_id", "verstuurd_op", "zaak_id"],
                    postgresql_where=UNREAD, sqlite_where=UNREAD)


def downgrade() -> None:
    op.drop_index("ix_portaal_bericht_nieuw", table_name="portaal_bericht")
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.drop_constraint(op.f("fk_portaal_bericht_gemeente_id_gemeente"), type_="foreignkey")
        batch_op.drop_column("gemeente_id")
