"""The Alembic migrations build exactly the schema the models describe (no create_all outside tests)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import bindparam, select, text

from app import db
from app.models import Base, Person
from app.models.person import DATABASE_ONLY_INDEXES, search_name


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
    # With plain scans off only a bitmap scan is left, and only an index on the very expression the
    # search uses can give one: this fails if the query and the migration's expression drift apart.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_indexscan = off"))
    people = select(Person.id).where(search_name().like(bindparam("pattern"))).compile(bind)
    explained = db.session.connection().exec_driver_sql(f"EXPLAIN {people}", {"pattern": "%de vries%"})
    plan = "\n".join(row[0] for row in explained)
    assert "Bitmap Index Scan on ix_person_search_name" in plan, plan


def test_0011_gives_existing_tokens_90_days_and_an_inwoners_token_the_own_dossier_scope(tmp_path):
    from datetime import datetime, timedelta, timezone

    from app.migrate import upgrade
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    upgrade(url, "0010_search_indexes")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        for uid, roles in ((1, "inwoner"), (2, "consulent")):
            conn.execute(text("INSERT INTO user_account (id, username, display_name, roles, is_demo, active, "
                              "created_at) VALUES (:id, :name, 'x', :roles, 0, 1, '2026-01-01')"),
                         {"id": uid, "name": f"u{uid}", "roles": roles})
            conn.execute(text("INSERT INTO api_token (user_id, name, prefix, token_hash, created_at) "
                              "VALUES (:id, 'oud', 'cum_', :hash, '2026-01-01')"), {"id": uid, "hash": str(uid) * 64})
    upgrade(url, "0011_sessions")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT user_id, scope, expires_at FROM api_token ORDER BY user_id")).all()
    engine.dispose()
    assert [(r[0], r[1]) for r in rows] == [(1, "eigen-dossier"), (2, "volledig")]
    expires = datetime.fromisoformat(str(rows[0][2]))
    assert abs(expires - (datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=90))) < timedelta(minutes=5)
