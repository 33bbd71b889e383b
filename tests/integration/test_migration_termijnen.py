"""0027_termijnen: existing zaken get the terms from the right date where the stored data tells them (#17.1)."""
from sqlalchemy import text

from app import db

NOW = "2026-12-01 10:00:00"


def test_0032_corrects_the_terms_of_existing_zaken(tmp_path):
    from app.migrate import upgrade
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    upgrade(url, "0026_ontwerpen")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO person (id, bsn, voornamen, achternaam, gemeente_id) VALUES (1, '999900006', 'J', 'B', 1)"))
        run(text("INSERT INTO process_definition (id, key, version, name, bpmn_xml, sha256, deployed_at) "
                 "VALUES (1, 'jeugd', 1, 'Jeugd', '<x/>', 'x', :now)"), {"now": NOW})
        zaken = [(1, "jeugd", "2026-10-05", "lopend"), (2, "wmo", "2026-11-20", "lopend"),
                 (3, "wmo", "2026-11-30", "lopend"), (4, "wmo", "2026-06-01", "afgesloten")]
        for zaak_id, domein, melding, status in zaken:
            run(text("INSERT INTO zaak (id, zaaknummer, domein, person_id, status, omschrijving, kanaal, ontvangen_op, "
                     "created_at, gemeente_id) VALUES (:id, :nr, :domein, 1, :status, 'x', 'brief', :melding, :now, 1)"),
                {"id": zaak_id, "nr": f"Z-{zaak_id}", "domein": domein, "status": status, "melding": melding, "now": NOW})
            run(text("INSERT INTO process_instance (id, definition_id, zaak_id, state, lock_version, status, created_at, "
                     "updated_at) VALUES (:id, 1, :id, '{}', 1, 'running', :now, :now)"), {"id": zaak_id, "now": NOW})
        run(text("INSERT INTO termijn (zaak_id, soort, due, article, description) VALUES "
                 "(1, 'beslis', '2026-11-30', 'art. 4:13 lid 2 Awb', 'x'), (2, 'onderzoek', '2027-01-04', 'a', 'x')"))
        run(text("UPDATE termijn SET met_at = '2026-12-03 09:00:00' WHERE zaak_id = 2"))  # the old rule: the aanvraag
        tasks = [(1, 1, "aanvraag_registreren", '{"aanvraag_ontvangen_op": "2026-11-06"}'),
                 (2, 2, "onderzoek_verslag", '{"verslag_verstrekt_op": "2026-12-02"}')]
        for task_id, zaak_id, spec, data in tasks:
            run(text("INSERT INTO human_task (id, instance_id, zaak_id, task_uuid, spec_name, lane, title, status, "
                     "created_at, completed_at, gemeente_id, spoed, data) VALUES (:id, :zaak, :zaak, :uuid, :spec, "
                     "'consulent', 't', 'completed', :now, :now, 1, 0, :data)"),
                {"id": task_id, "zaak": zaak_id, "uuid": f"u-{task_id}", "spec": spec, "now": NOW, "data": data})
        run(text("INSERT INTO beschikking (id, zaak_id, besluit, motivering, vastgesteld_op, gemeente_id) VALUES "
                 "(1, 4, 'toekennen', 'x', '2026-11-10 09:00:00', 1), (2, 4, 'afwijzen', 'x', :now, 1)"), {"now": NOW})
        # the letter of beschikking 1 was sent on Fri 13 Nov 2026 (23:30 UTC on the 12th is the 13th in Amsterdam)
        run(text("INSERT INTO document (zaak_id, beschikking_id, soort, titel, bestandsnaam, html, pdf, sha256, "
                 "created_at, gemeente_id) VALUES (4, 1, 'beschikking', 't', 'b.pdf', 'x', X'00', 's', "
                 "'2026-11-12 23:30:00', 1)"))
    upgrade(url, "0027_termijnen")
    with engine.connect() as conn:
        terms = {(z, s): (str(d), m) for z, s, d, m in conn.execute(text(
            "SELECT zaak_id, soort, due, met_at FROM termijn"))}
        letters = conn.execute(text("SELECT id, bekendgemaakt_op, bezwaar_tot FROM beschikking ORDER BY id")).all()
    engine.dispose()
    assert terms[(1, "beslis")][0] == "2027-01-04"  # from the aanvraag of 6 Nov, Nieuwjaarsdag → Mon 4 Jan
    assert str(terms[(2, "onderzoek")][1]).startswith("2026-12-02")  # met when the verslag was given
    assert terms[(2, "persoonlijk_plan")][0] == "2026-11-27" and terms[(2, "persoonlijk_plan")][1] is not None
    assert terms[(3, "persoonlijk_plan")] == ("2026-12-07", None)  # still running: shown to both
    assert (4, "persoonlijk_plan") not in terms  # a closed zaak keeps what it had
    assert [(i, str(b), str(t)) for i, b, t in letters] == [(1, "2026-11-13", "2026-12-28"), (2, "None", "None")]
