"""0053_pseudoniem: the summaries made before it hold BSNs and person ids; the migration empties them (the next tick
makes them again, with pseudonyms) and adds the key's table and the stand's fingerprint; a downgrade takes both away
again. On SQLite with a file of its own, and on PostgreSQL when TEST_DATABASE_URL points there (in a database of its
own beside the test database, made and dropped here)."""
import os

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from app import db
from app.migrate import alembic_config, upgrade

SUMMARIES = ("rapportage_persoon", "rapportage_venster", "rapportage_maand", "rapportage_verdeling", "rapportage_stand")


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith("postgresql"):
        pytest.skip("PostgreSQL only with TEST_DATABASE_URL")
    name = f"{server.rsplit('/', 1)[1]}_migratie"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{server.rsplit('/', 1)[0]}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _count(conn, table: str) -> int:
    return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_0053_empties_the_summaries_that_hold_bsns_and_a_downgrade_undoes_it(old_database):
    url = old_database
    upgrade(url, "0045_samenvatting")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        gemeente = conn.execute(text("SELECT id FROM gemeente ORDER BY id")).scalars().first()
        keyed = "gemeente_id, wijk, bron, s1, s2, s3"
        conn.execute(text(f"INSERT INTO rapportage_persoon ({keyed}, persoon, maanden) "
                          "VALUES (:g, NULL, 'declaratie', '01', '1', 'goedgekeurd', '999990019', 1)"), {"g": gemeente})
        conn.execute(text(f"INSERT INTO rapportage_venster ({keyed}, van, tot, personen) "
                          "VALUES (:g, NULL, 'declaratie', '01', '1', 'goedgekeurd', 1, 1, 1)"), {"g": gemeente})
        conn.execute(text(f"INSERT INTO rapportage_maand ({keyed}, maand, aantal, bedrag) "
                          "VALUES (:g, NULL, 'declaratie', '01', '1', 'goedgekeurd', 1, 1, 100)"), {"g": gemeente})
        conn.execute(text(f"INSERT INTO rapportage_verdeling ({keyed}, maand, waarde, aantal) "
                          "VALUES (:g, NULL, 'stap', 'wmo', 'x', '', 1, 2.5, 1)"), {"g": gemeente})
        conn.execute(text("INSERT INTO rapportage_stand (gemeente_id, peildatum, basis, bijgewerkt_op, volledig_op, "
                          "duur_ms) VALUES (:g, '2026-12-07', 24276, '2026-12-07 08:00:00', '2026-12-07 08:00:00', 5)"),
                     {"g": gemeente})
        conn.execute(text("INSERT INTO rapportage_wijziging (bron, sleutel, aangemaakt_op) "
                          "VALUES ('declaratie', '999990019', '2026-12-07 08:00:00')"))
    upgrade(url, "0053_pseudoniem")
    with engine.connect() as conn:
        assert {t: _count(conn, t) for t in SUMMARIES} == {t: 0 for t in SUMMARIES}
        assert _count(conn, "rapportage_wijziging") == 1  # the next (full) refresh reads it and deletes it
        assert _count(conn, "rapportage_sleutel") == 0  # made by the first refresh
    assert "sleutel" in {c["name"] for c in inspect(engine).get_columns("rapportage_stand")}

    command.downgrade(alembic_config(url), "0045_samenvatting")
    engine.dispose()
    engine = db.make_engine(url)
    found = inspect(engine)
    assert "rapportage_sleutel" not in found.get_table_names()
    assert "sleutel" not in {c["name"] for c in found.get_columns("rapportage_stand")}
    upgrade(url, "0053_pseudoniem")  # and up again
    assert "rapportage_sleutel" in inspect(engine).get_table_names()
    engine.dispose()
