"""A letter's PDF is made by a job after the commit (#15 point 2): document.pdf and its sha256 stay empty until then.

Revision ID: 0051_briefpdf
Revises: 0044_proefrit
"""
import sqlalchemy as sa
from alembic import op

revision = "0051_briefpdf"
down_revision = "0044_proefrit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.alter_column("pdf", existing_type=sa.LargeBinary(), nullable=True)
        batch.alter_column("sha256", existing_type=sa.String(length=64), nullable=True)


def downgrade() -> None:
    # a letter whose job has not run yet gets its PDF first (the tick makes it); refuse rather than lose it
    connection = op.get_bind()
    if connection.execute(sa.text("SELECT count(*) FROM document WHERE pdf IS NULL")).scalar():
        raise RuntimeError("Er zijn brieven zonder PDF: laat de achtergrondtaken eerst lopen (flask tick).")
    with op.batch_alter_table("document") as batch:
        batch.alter_column("sha256", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("pdf", existing_type=sa.LargeBinary(), nullable=False)
