"""0057_portaal_bericht_gemeente: every message gets its zaak's gemeente, and the werkvoorraad's "nieuw bericht"
reads the gemeente's unread messages without the zaken; a downgrade takes the column away again. On SQLite and, with
TEST_DATABASE_URL, on PostgreSQL (test_migration_pseudoniem.old_database)."""
from alembic import command
from sqlalchemy import inspect, text

from app import db
from app.migrate import alembic_config, upgrade
from test_migration_pseudoniem import old_database  # noqa: F401 — the fixture

NOW = "2026-12-07 10:00:00"


def test_0057_gives_each_message_its_zaaks_gemeente(old_database):  # noqa: F811
    url = old_database
    upgrade(url, "0056_rapportage_cijfers")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO gemeente (id, code, naam, iban, briefadres, bezwaar_adres, thema) "
                 "VALUES (2, '0589', 'Gemeente Oudewater', 'NL91ABNA0417164300', '', '', '{}')"))
        run(text("INSERT INTO person (id, bsn, voornamen, achternaam, gemeente_id) VALUES (1, '999900006', 'J', 'B', 2)"))
        run(text("INSERT INTO user_account (id, username, display_name, password_hash, roles, active, is_demo, created_at) "
                 "VALUES (1, 'inwoner', 'J. B.', 'x', 'inwoner', true, false, :now)"), {"now": NOW})
        for zaak_id, gemeente in ((1, 1), (2, 2)):
            run(text("INSERT INTO zaak (id, zaaknummer, domein, person_id, status, omschrijving, kanaal, ontvangen_op, "
                     "created_at, gemeente_id) VALUES (:id, :nr, 'wmo', 1, 'lopend', 'x', 'brief', '2026-12-01', :now, "
                     ":g)"), {"id": zaak_id, "nr": f"Z-{zaak_id}", "now": NOW, "g": gemeente})
            run(text("INSERT INTO portaal_bericht (zaak_id, van, afzender_id, tekst, soort, verstuurd_op) "
                     "VALUES (:zaak, 'inwoner', 1, 'Een vraag', 'bericht', :now)"), {"zaak": zaak_id, "now": NOW})
    upgrade(url, "0057_portaal_bericht_gemeente")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT zaak_id, gemeente_id FROM portaal_bericht ORDER BY zaak_id")).all() == [
            (1, 1), (2, 2)]
    found = inspect(engine)
    assert not next(c for c in found.get_columns("portaal_bericht") if c["name"] == "gemeente_id")["nullable"]
    assert "ix_portaal_bericht_nieuw" in {i["name"] for i in found.get_indexes("portaal_bericht")}

    command.downgrade(alembic_config(url), "0056_rapportage_cijfers")
    engine.dispose()
    engine = db.make_engine(url)
    assert "gemeente_id" not in {c["name"] for c in inspect(engine).get_columns("portaal_bericht")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM portaal_bericht")).scalar_one() == 2
    engine.dispose()
