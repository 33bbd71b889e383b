"""The consulent's werkvoorraad (#18 point 2): tasks carry the zaak's date of receipt, the inwoner's sort name and
the triage's spoed (copied like wijk, so sorting and the spoed column need no join), each sort with its own index
per lane; unread messages from the inwoner per zaak get an index; on PostgreSQL a text_pattern_ops index on the
zaaknummer answers a prefix search (LIKE 'Z-2026-1%') whatever the collation (the unique index cannot).

Revision ID: 0022_werkvoorraad
Revises: 0021_contracten
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_werkvoorraad"
down_revision = "0021_contracten"
branch_labels = None
depends_on = None

INCLUDE = ["gemeente_id", "domein", "spec_name", "assignee_id", "wijk"]


def upgrade() -> None:
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.add_column(sa.Column("ontvangen_op", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("naam_sortering", sa.String(420), nullable=True))
        batch_op.add_column(sa.Column("spoed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index("ix_human_task_status_lane_ontvangen", ["status", "lane", "ontvangen_op", "id"],
                              postgresql_include=INCLUDE)
        batch_op.create_index("ix_human_task_status_lane_naam", ["status", "lane", "naam_sortering", "id"],
                              postgresql_include=INCLUDE)
    op.execute("UPDATE human_task SET ontvangen_op = (SELECT z.ontvangen_op FROM zaak z WHERE z.id = human_task.zaak_id),"
               " naam_sortering = (SELECT substr(lower(p.achternaam || ' ' || p.voornamen), 1, 420) FROM zaak z"
               " JOIN person p ON p.id = z.person_id WHERE z.id = human_task.zaak_id)")
    postgresql = op.get_bind().dialect.name == "postgresql"
    spoed = "(t.data ->> 'spoed') = 'true'" if postgresql else "json_extract(t.data, '$.spoed') = 1"
    op.execute("UPDATE human_task SET spoed = true WHERE status = 'open' AND EXISTS (SELECT 1 FROM human_task t"
               f" WHERE t.zaak_id = human_task.zaak_id AND t.spec_name = 'triage' AND t.status = 'completed' AND {spoed})")
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.create_index("ix_portaal_bericht_ongelezen", ["van", "gelezen_op", "zaak_id"])
    if postgresql:
        op.execute("CREATE INDEX ix_zaak_zaaknummer_prefix ON zaak (zaaknummer text_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_zaak_zaaknummer_prefix")
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.drop_index("ix_portaal_bericht_ongelezen")
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_index("ix_human_task_status_lane_naam")
        batch_op.drop_index("ix_human_task_status_lane_ontvangen")
        batch_op.drop_column("spoed")
        batch_op.drop_column("naam_sortering")
        batch_op.drop_column("ontvangen_op")
