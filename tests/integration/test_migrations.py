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


def test_0021_turns_the_catalogue_tarief_into_a_contract_per_aanbieder_and_gemeente(tmp_path):
    from datetime import date

    from app.migrate import upgrade
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    upgrade(url, "0019_avg")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        # 0017 made the installation's first gemeente (id 1); a second one joins it
        conn.execute(text("INSERT INTO gemeente (id, code, naam, iban, briefadres, bezwaar_adres, thema) VALUES "
                          "(2, '0589', 'Oudewater', 'NL65BNGH0285004002', '', '', '{}')"))
        first = conn.execute(text("SELECT code FROM gemeente WHERE id = 1")).scalar_one()
        conn.execute(text("INSERT INTO aanbieder (id, agb_code, naam) VALUES (1, '42420001', 'Groene Hart')"))
        conn.execute(text("INSERT INTO product (id, domein, productcategorie, productcode, omschrijving, eenheid, "
                          "tarief) VALUES (1, 'wmo', '01', '01A03', 'HbH', '04', 32.50), "
                          "(2, 'wmo', '13', '13A01', 'Traplift', '83', 1.00)"))
    upgrade(url, "0021_contracten")
    with engine.connect() as conn:
        contracts = conn.execute(text("SELECT gemeente_id, aanbieder_id, kenmerk, ingangsdatum, einddatum "
                                      "FROM contract ORDER BY gemeente_id")).all()
        tarieven = conn.execute(text(
            "SELECT c.gemeente_id, cp.product_id, t.ingangsdatum, t.tarief_cent FROM contract_tarief t "
            "JOIN contract_product cp ON cp.id = t.contract_product_id JOIN contract c ON c.id = cp.contract_id "
            "ORDER BY c.gemeente_id, cp.product_id")).all()
        registraties = conn.execute(text("SELECT gemeente_id, status, (SELECT count(*) FROM aanbieder_product p "
                                         "WHERE p.aanbieder_gemeente_id = r.id) FROM aanbieder_gemeente r "
                                         "ORDER BY gemeente_id")).all()
        columns = [row[1] for row in conn.execute(text("PRAGMA table_info(product)"))]
    engine.dispose()
    assert [(c[0], c[1], c[2], str(c[3]), c[4]) for c in contracts] == [
        (1, 1, f"{first}-42420001", "2015-01-01", None), (2, 1, "0589-42420001", "2015-01-01", None)]
    assert [(t[0], t[1], str(t[2]), t[3]) for t in tarieven] == [
        (1, 1, str(date(2015, 1, 1)), 3250), (1, 2, "2015-01-01", 100), (2, 1, "2015-01-01", 3250),
        (2, 2, "2015-01-01", 100)]
    assert registraties == [(1, "actief", 2), (2, "actief", 2)]
    assert "tarief" not in columns
