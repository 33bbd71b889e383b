"""Several gemeenten in one installation (#13): a `gemeente` table, the staff's gemeenten (`user_gemeente`)
and a `gemeente_id` on every person, zaak, beschikking, toewijzing, bericht, declaratie, betaalbatch, document
and inbox row. An existing installation moves with all its data into one gemeente, named by the
environment it ran with (GEMEENTE_CODE, GEMEENTE_NAAM, GEMEENTE_IBAN, GEMEENTE_BIC); every staff user
works for it. One open betaalbatch per gemeente instead of one in all.

Revision ID: 0017_gemeenten
Revises: 0016_betaalbatch_vrijgave
"""
import os

import sqlalchemy as sa
from alembic import op

revision = "0017_gemeenten"
down_revision = "0016_betaalbatch_vrijgave"
branch_labels = None
depends_on = None

#: Tables whose rows all get the one existing gemeente; bericht's may stay NULL (an inbound message not yet read).
OWNED = ("person", "zaak", "beschikking", "toewijzing", "declaratie", "betaalbatch", "document", "human_task")
INDEXED = ("person", "zaak", "beschikking", "toewijzing", "declaratie", "betaalbatch", "document", "bericht")


def upgrade() -> None:
    gemeente = op.create_table(
        "gemeente",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("naam", sa.String(length=100), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("briefadres", sa.Text(), nullable=False),
        sa.Column("telefoon", sa.String(length=30), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("bezwaar_adres", sa.Text(), nullable=False),
        sa.Column("thema", sa.JSON(), nullable=False),
        sa.Column("logo", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gemeente")),
        sa.UniqueConstraint("code", name=op.f("uq_gemeente_code")),
    )
    op.create_table(
        "user_gemeente",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_user_gemeente_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_user_gemeente_user_id_user_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "gemeente_id", name=op.f("pk_user_gemeente")),
    )
    op.create_index(op.f("ix_user_gemeente_gemeente_id"), "user_gemeente", ["gemeente_id"])

    op.bulk_insert(gemeente, [{
        "id": 1, "code": os.environ.get("GEMEENTE_CODE", "0632"), "naam": os.environ.get("GEMEENTE_NAAM", "Gemeente Woerden"),
        "iban": os.environ.get("GEMEENTE_IBAN", "NL78BNGH0285008521"), "bic": os.environ.get("GEMEENTE_BIC") or None,
        "briefadres": "", "bezwaar_adres": "", "thema": {},  # filled in by the beheerder (the letter omits them)
    }])
    if op.get_bind().dialect.name == "postgresql":  # the row was given its id: move the sequence past it
        op.execute("SELECT setval(pg_get_serial_sequence('gemeente', 'id'), (SELECT max(id) FROM gemeente))")
    op.execute("INSERT INTO user_gemeente (user_id, gemeente_id) SELECT id, 1 FROM user_account "
               "WHERE person_id IS NULL AND aanbieder_id IS NULL")

    for table in OWNED + ("bericht",):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("gemeente_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET gemeente_id = 1")
    for table in OWNED + ("bericht",):
        with op.batch_alter_table(table) as batch_op:
            if table in OWNED:
                batch_op.alter_column("gemeente_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(op.f(f"fk_{table}_gemeente_id_gemeente"), "gemeente", ["gemeente_id"], ["id"])
            if table in INDEXED:
                batch_op.create_index(op.f(f"ix_{table}_gemeente_id"), ["gemeente_id"])

    with op.batch_alter_table("betaalbatch") as batch_op:
        batch_op.drop_constraint("uq_betaalbatch_open_slot", type_="unique")
        batch_op.create_unique_constraint("uq_betaalbatch_open", ["gemeente_id", "open_slot"])
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_index("ix_human_task_status_lane_due")
        batch_op.drop_index("ix_human_task_assignee_status_due")
        batch_op.drop_index("ix_human_task_facets")
        batch_op.create_index("ix_human_task_status_lane_due", ["status", "lane", "due_at", "id"],
                              postgresql_include=["gemeente_id", "domein", "spec_name", "assignee_id", "wijk"])
        batch_op.create_index("ix_human_task_assignee_status_due", ["assignee_id", "status", "due_at", "id"],
                              postgresql_include=["gemeente_id", "lane", "domein", "spec_name", "wijk"])
        batch_op.create_index("ix_human_task_facets", ["status", "gemeente_id", "lane", "domein", "spec_name",
                                                       "assignee_id", "wijk", "due_at"])


def downgrade() -> None:
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_index("ix_human_task_status_lane_due")
        batch_op.drop_index("ix_human_task_assignee_status_due")
        batch_op.drop_index("ix_human_task_facets")
        batch_op.create_index("ix_human_task_status_lane_due", ["status", "lane", "due_at", "id"],
                              postgresql_include=["domein", "spec_name", "assignee_id", "wijk"])
        batch_op.create_index("ix_human_task_assignee_status_due", ["assignee_id", "status", "due_at", "id"],
                              postgresql_include=["lane", "domein", "spec_name", "wijk"])
        batch_op.create_index("ix_human_task_facets", ["status", "lane", "domein", "spec_name", "assignee_id",
                                                       "wijk", "due_at"])
    with op.batch_alter_table("betaalbatch") as batch_op:
        batch_op.drop_constraint("uq_betaalbatch_open", type_="unique")
        batch_op.create_unique_constraint("uq_betaalbatch_open_slot", ["open_slot"])
    for table in OWNED + ("bericht",):
        with op.batch_alter_table(table) as batch_op:
            if table in INDEXED:
                batch_op.drop_index(op.f(f"ix_{table}_gemeente_id"))
            batch_op.drop_constraint(op.f(f"fk_{table}_gemeente_id_gemeente"), type_="foreignkey")
            batch_op.drop_column("gemeente_id")
    op.drop_index(op.f("ix_user_gemeente_gemeente_id"), table_name="user_gemeente")
    op.drop_table("user_gemeente")
    op.drop_table("gemeente")
