"""The process instance in which the backoffice judges a declaratie's lines ("Declaratieregels beoordelen"), so
the task page shows exactly the lines of its own declaratie.

Revision ID: 0024_aanbieder_formulieren
Revises: 0023_portaal
"""
import sqlalchemy as sa
from alembic import op

revision = "0024_aanbieder_formulieren"
down_revision = "0023_portaal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("declaratie") as batch_op:
        batch_op.add_column(sa.Column("beoordeling_instance_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_declaratie_beoordeling_instance_id_process_instance"),
                                    "process_instance", ["beoordeling_instance_id"], ["id"])
        batch_op.create_index(op.f("ix_declaratie_beoordeling_instance_id"), ["beoordeling_instance_id"])


def downgrade() -> None:
    with op.batch_alter_table("declaratie") as batch_op:
        batch_op.drop_index(op.f("ix_declaratie_beoordeling_instance_id"))
        batch_op.drop_constraint(op.f("fk_declaratie_beoordeling_instance_id_process_instance"), type_="foreignkey")
        batch_op.drop_column("beoordeling_instance_id")
