"""The Alembic migrations build exactly the schema the models describe (no create_all outside tests)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app import db
from app.models import Base
from app.models.person import DATABASE_ONLY_INDEXES
from app.services.inbox import _matching_zaken


def _compared(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in DATABASE_ONLY_INDEXES)


def test_the_migrated_database_matches_the_models():
    with db.session.get_bind().connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _compared})
        assert compare_metadata(context, Base.metadata) == []


def test_on_postgresql_a_name_search_reads_the_trigram_index(app):
    bind = db.session.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite has no trigram index: a name search reads the person table there
    db.session.execute(text("SET LOCAL enable_seqscan = off"))  # a handful of demo people: force the choice
    query = _matching_zaken("de vries").compile(bind, compile_kwargs={"literal_binds": True})
    plan = "\n".join(db.session.scalars(text(f"EXPLAIN {query}")))
    assert "ix_person_search_name" in plan, plan
