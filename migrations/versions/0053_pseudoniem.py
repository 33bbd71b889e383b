"""The rapportage summaries keep a person as a keyed pseudonym, not a BSN or person id (AVG art. 5 lid 1c, art. 25):
the key's table (rapportage_sleutel) and the stand's fingerprint of the key its rows were made with.

The rows already in the summaries hold the raw keys: they are deleted (rapportage_persoon, rapportage_venster, the
month tables rapportage_maand and rapportage_verdeling, and rapportage_stand), so the next tick finds no stand and
makes them again in full, with pseudonyms. Until then the reports compute from the rows (a minute or a few). The
change marks (rapportage_wijziging) stay: that refresh reads everything anyway and then deletes them. A downgrade
deletes the summaries too (their pseudonyms mean nothing to the old code), and the key with its table.

Revision ID: 0053_pseudoniem
Revises: 0045_samenvatting
"""
import sqlalchemy as sa
from alembic import op

revision = "0053_pseudoniem"
down_revision = "0045_samenvatting"
branch_labels = None
depends_on = None

SUMMARIES = ("rapportage_persoon", "rapportage_venster", "rapportage_maand", "rapportage_verdeling", "rapportage_stand")


def _empty_the_summaries() -> None:
    for table in SUMMARIES:
        op.execute(sa.text(f"DELETE FROM {table}"))


def upgrade() -> None:
    _empty_the_summaries()
    op.create_table(
        "rapportage_sleutel",
        sa.Column("naam", sa.String(length=20), nullable=False),
        sa.Column("sleutel", sa.LargeBinary(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_rapportage_sleutel")),
    )
    with op.batch_alter_table("rapportage_stand") as batch:
        batch.add_column(sa.Column("sleutel", sa.String(length=16), nullable=True))


def downgrade() -> None:
    _empty_the_summaries()
    with op.batch_alter_table("rapportage_stand") as batch:
        batch.drop_column("sleutel")
    op.drop_table("rapportage_sleutel")
