"""Indexes for the AVG export (#13 point 6): it finds a person's declaratie lines by BSN, the mails sent to them
by address, and the herindicaties that opened a zaak of theirs — each a scan of the whole table without one
(prestatie and outbox_mail grow with every declaratie and every mail of the installation).

Revision ID: 0042_avgpdf
Revises: 0040_publicatieverzoek
"""
from alembic import op

revision = "0042_avgpdf"
down_revision = "0040_publicatieverzoek"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_prestatie_bsn"), "prestatie", ["bsn"])
    op.create_index(op.f("ix_outbox_mail_to_address"), "outbox_mail", ["to_address"])
    op.create_index(op.f("ix_herindicatie_nieuwe_zaak_id"), "herindicatie", ["nieuwe_zaak_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_herindicatie_nieuwe_zaak_id"), table_name="herindicatie")
    op.drop_index(op.f("ix_outbox_mail_to_address"), table_name="outbox_mail")
    op.drop_index(op.f("ix_prestatie_bsn"), table_name="prestatie")
