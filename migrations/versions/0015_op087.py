"""verzoek_referentie: every ReferentieAanbieder of an inbound 315/317 (a 315 has one per
AangevraagdProduct), so that TR347 (unique per aanbieder within the wettelijk domein) sees them all,
and whether the verzoek is still being handled (TR374).

Revision ID: 0015_op087
Revises: 0014_embedded
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_op087"
down_revision = "0014_embedded"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verzoek_referentie",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("bericht_id", sa.Integer(), sa.ForeignKey("bericht.id"), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), sa.ForeignKey("aanbieder.id"), nullable=False),
        sa.Column("standaard", sa.String(length=4), nullable=False),
        sa.Column("referentie", sa.String(length=36), nullable=False),
        sa.Column("onderhanden", sa.Boolean(), nullable=False),
        sa.Column("beantwoord_door_id", sa.Integer(), sa.ForeignKey("bericht.id"), nullable=True),
    )
    op.create_index("ix_verzoek_referentie_bericht_id", "verzoek_referentie", ["bericht_id"])
    op.create_index("ix_verzoek_referentie_lookup", "verzoek_referentie", ["aanbieder_id", "standaard", "referentie"])
    # The verzoeken received so far: their one stored referentie (the first product's, for a 315). Whether
    # they were answered was not recorded: they count as answered, so that no aanbieder is refused (TR374)
    # for a verzoek it cannot see as open.
    op.execute("INSERT INTO verzoek_referentie (bericht_id, aanbieder_id, standaard, referentie, onderhanden) "
               "SELECT id, aanbieder_id, COALESCE(standaard, 'iwmo'), referentie, false FROM bericht "
               "WHERE richting = 'in' AND referentie IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_verzoek_referentie_lookup", table_name="verzoek_referentie")
    op.drop_index("ix_verzoek_referentie_bericht_id", table_name="verzoek_referentie")
    op.drop_table("verzoek_referentie")
