"""The Alembic migrations build exactly the schema the models describe (no create_all outside tests)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import db
from app.models import Base


def test_the_migrated_database_matches_the_models():
    with db.session.get_bind().connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
