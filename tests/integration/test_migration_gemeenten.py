"""0017_gemeenten: an installation of one gemeente moves with all its data into the gemeente named by its environment
(#13 point 1): every person, zaak, beschikking and inbox row gets its gemeente_id, every staff user works for it,
inwoners and aanbieders do not; its letterhead is left for the beheerder to fill in on /beheer/gemeenten."""
from sqlalchemy import text

from app import db

NOW = "2026-01-05 10:00:00"


def test_0017_moves_an_existing_installation_into_one_gemeente(tmp_path, monkeypatch):
    from app.migrate import upgrade
    monkeypatch.setenv("GEMEENTE_CODE", "0589")
    monkeypatch.setenv("GEMEENTE_NAAM", "Gemeente Oudewater")
    monkeypatch.setenv("GEMEENTE_IBAN", "NL65BNGH0285004002")
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    upgrade(url, "0016_betaalbatch_vrijgave")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO person (id, bsn, voornamen, achternaam) VALUES (1, '999900006', 'Jan', 'Bakker')"))
        run(text("INSERT INTO aanbieder (id, agb_code, naam) VALUES (1, '42420001', 'Thuiszorg')"))
        for uid, roles, person, aanbieder in ((1, "consulent", None, None), (2, "beheerder,beoordelaar", None, None),
                                              (3, "inwoner", 1, None), (4, "aanbieder", None, 1)):
            run(text("INSERT INTO user_account (id, username, display_name, roles, is_demo, active, created_at, "
                     "person_id, aanbieder_id) VALUES (:id, :name, 'x', :roles, 0, 1, :now, :person, :aanbieder)"),
                {"id": uid, "name": f"u{uid}", "roles": roles, "now": NOW, "person": person, "aanbieder": aanbieder})
        run(text("INSERT INTO process_definition (id, key, version, name, bpmn_xml, sha256, deployed_at) "
                 "VALUES (1, 'wmo', 1, 'Wmo', '<x/>', 'x', :now)"), {"now": NOW})
        run(text("INSERT INTO zaak (id, zaaknummer, domein, person_id, status, omschrijving, kanaal, ontvangen_op, "
                 "created_at) VALUES (1, 'Z-1', 'wmo', 1, 'lopend', 'x', 'brief', '2026-01-02', :now)"), {"now": NOW})
        run(text("INSERT INTO process_instance (id, definition_id, zaak_id, state, lock_version, status, created_at, "
                 "updated_at) VALUES (1, 1, 1, '{}', 1, 'running', :now, :now)"), {"now": NOW})
        run(text("INSERT INTO human_task (id, instance_id, zaak_id, task_uuid, spec_name, lane, title, status, "
                 "created_at) VALUES (1, 1, 1, 'u-1', 'triage', 'consulent', 't', 'open', :now)"), {"now": NOW})
    upgrade(url, "0017_gemeenten")
    with engine.connect() as conn:
        gemeenten = conn.execute(text("SELECT id, code, naam, iban, briefadres, bezwaar_adres FROM gemeente")).all()
        owned = {table: conn.execute(text(f"SELECT gemeente_id FROM {table}")).scalars().all()
                 for table in ("person", "zaak", "human_task")}
        staff = conn.execute(text("SELECT user_id, gemeente_id FROM user_gemeente ORDER BY user_id")).all()
    engine.dispose()
    assert gemeenten == [(1, "0589", "Gemeente Oudewater", "NL65BNGH0285004002", "", "")]
    assert owned == {"person": [1], "zaak": [1], "human_task": [1]}
    assert staff == [(1, 1), (2, 1)]  # the inwoner's and the aanbieder's accounts work for no gemeente
