"""AVG rights of the inwoner (#13 point 6): a portaalbericht can be a verzoek om correctie (art. 16 AVG), and
the register van verwerkingsactiviteiten gets the handling of inzage- and correctieverzoeken.

Revision ID: 0019_avg
Revises: 0018_beheer
"""
import sqlalchemy as sa
from alembic import op

revision = "0019_avg"
down_revision = "0018_beheer"
branch_labels = None
depends_on = None

# Processings the AVG rights add to the register (AVG art. 30).
ACTIVITIES = [
    ("avg-inzageverzoek", "Inzageverzoek van een betrokkene afhandelen (afschrift van alle gegevens)",
     "art. 12 en 15 AVG"),
    ("avg-correctieverzoek", "Verzoek om correctie van gegevens van een betrokkene afhandelen", "art. 12 en 16 AVG"),
]


def upgrade() -> None:
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.add_column(sa.Column("soort", sa.String(20), nullable=False, server_default="bericht"))
        batch_op.create_index(batch_op.f("ix_portaal_bericht_soort"), ["soort"], unique=False)
    table = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                     sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(table, [{"code": code, "naam": naam, "grondslag": grondslag,
                            "uri": f"https://cumulus.example/verwerkingsactiviteiten/{code}"}
                           for code, naam, grondslag in ACTIVITIES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_activity WHERE code IN ('avg-inzageverzoek', 'avg-correctieverzoek')"))
    with op.batch_alter_table("portaal_bericht") as batch_op:
        batch_op.drop_index(batch_op.f("ix_portaal_bericht_soort"))
        batch_op.drop_column("soort")
