"""The werkvoorraad benchmarks' workload on SQLite (the embedded default): the same people, zaken, instances,
open and closed tasks and unread messages as werkvoorraad.seed writes on PostgreSQL with generate_series, built
in Python and inserted with executemany. Columns the schema does not have yet are left out, so the same seed
times an older checkout too."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import text

from app.models import HumanTask, Person, PortaalBericht, ProcessInstance, Zaak

BATCH = 5_000


def seed_sqlite(session, workloads, open_tasks: int, closed: int) -> None:
    from werkvoorraad import LANES, PEOPLE, TASKS
    now, today = datetime.now(timezone.utc), date.today()
    per_zaak = max(closed // max(open_tasks, 1), 0)
    definition = session.execute(text("SELECT id FROM process_definition ORDER BY id LIMIT 1")).scalar()
    sender = session.execute(text("SELECT min(id) FROM user_account")).scalar()
    numbered = []  # (n, gemeente id, zaak id, person, staff ids), as ORDER BY n, gemeente_id
    for workload in workloads:
        gemeente = session.execute(text("SELECT id, naam FROM gemeente WHERE code = :c"), {"c": workload.code}).one()
        staff = _staff_query(session, gemeente.id, workload.staff)
        first_person = _people(session, workload, gemeente, PEOPLE)
        zaak_rows = [{"zaaknummer": f"Z-2026-{workload.block * 1_000_000 + i}", "gemeente_id": gemeente.id,
                      "domein": "jeugd" if i % 4 == 0 else "wmo", "person_id": first_person + i % PEOPLE,
                      "status": "lopend", "omschrijving": "Hulp nodig.", "kanaal": "telefoon",
                      "ontvangen_op": today - timedelta(days=i % 60), "created_at": now} for i in range(1, open_tasks + 1)]
        _insert(session, Zaak, zaak_rows)
        first_zaak = session.execute(text("SELECT min(id) FROM zaak WHERE gemeente_id = :g"), {"g": gemeente.id}).scalar()
        people = {p.id: p for p in session.execute(text(
            "SELECT id, voornamen, achternaam, wijk FROM person WHERE gemeente_id = :g"), {"g": gemeente.id})}
        for i, row in enumerate(zaak_rows, start=1):
            numbered.append((i, gemeente.id, first_zaak + i - 1, row, people[row["person_id"]], staff))
    numbered.sort(key=lambda z: (z[0], z[1]))
    _insert(session, ProcessInstance, [{"definition_id": definition, "zaak_id": z[2], "state": "{}", "lock_version": 1,
                                        "status": "running", "created_at": now, "updated_at": now} for z in numbered])
    instance_of = dict(session.execute(text("SELECT zaak_id, id FROM process_instance")).all())
    open_rows, closed_rows, berichten = [], [], []
    for n, gemeente, zaak_id, zaak, person, staff in numbered:
        spec, title = TASKS[(n // 5) % len(TASKS)]
        claimed = (n // 7) % 10 == 0
        common = {"instance_id": instance_of[zaak_id], "zaak_id": zaak_id, "gemeente_id": gemeente,
                  "domein": zaak["domein"], "wijk": person.wijk, "ontvangen_op": zaak["ontvangen_op"],
                  "naam_sortering": f"{person.achternaam} {person.voornamen}".lower()}
        open_rows.append({**common, "task_uuid": f"open-{zaak_id}", "spec_name": spec, "lane": LANES[n % len(LANES)],
                          "form_key": spec, "title": title, "spoed": n % 50 == 0,
                          "assignee_id": staff[(n // 70) % len(staff)] if claimed else None,
                          "claimed_at": now if claimed else None,
                          "due_at": now + timedelta(days=(n * 7919) % 90 - 30), "status": "open", "created_at": now})
        for k in range(1, per_zaak + 1):
            spec, title = TASKS[k % len(TASKS)]
            closed_rows.append({**common, "task_uuid": f"closed-{zaak_id}-{k}", "spec_name": spec, "lane": "consulent",
                                "form_key": spec, "title": title, "spoed": False, "assignee_id": staff[0],
                                "due_at": now - timedelta(days=20), "status": "completed",
                                "created_at": now - timedelta(days=30), "completed_at": now - timedelta(days=25),
                                "completed_by_id": staff[0]})
        if n % 100 == 0:
            berichten.append({"zaak_id": zaak_id, "van": "inwoner", "afzender_id": sender, "soort": "bericht",
                              "tekst": "Een vraag over mijn zaak.", "verstuurd_op": now - timedelta(hours=n % 10)})
    _insert(session, HumanTask, open_rows)
    _insert(session, HumanTask, closed_rows)
    _insert(session, PortaalBericht, berichten)
    session.commit()


def _staff_query(session, gemeente_id: int, names) -> list[int]:
    rows = session.execute(text("SELECT u.id, u.username FROM user_account u JOIN user_gemeente ug ON ug.user_id = u.id "
                                "WHERE ug.gemeente_id = :g ORDER BY u.id"), {"g": gemeente_id}).all()
    return [i for i, username in rows if username in names]


def _people(session, workload, gemeente, people: int) -> int:
    """PEOPLE inwoners of the gemeente spread over its wijken; returns the first one's id."""
    _insert(session, Person, [{
        "bsn": f"{workload.block * 100_000_000 + i:09d}", "gemeente_id": gemeente.id, "voornamen": f"Voornaam{i}",
        "voorvoegsel": None, "achternaam": f"Achternaam{i}", "geboortedatum": date(1940, 1, 1) + timedelta(days=i % 25000),
        "straat": "Straat", "huisnummer": str(i % 200), "postcode": "3441 AA", "woonplaats": gemeente.naam,
        "wijk": workload.wijken[i % len(workload.wijken)]} for i in range(1, people + 1)])
    return session.execute(text("SELECT min(id) FROM person WHERE gemeente_id = :g AND bsn LIKE :b"),
                           {"g": gemeente.id, "b": f"{workload.block}%"}).scalar()


def _insert(session, model, rows: list[dict]) -> None:
    """executemany in batches, with only the columns this schema has."""
    table = model.__table__
    columns = set(table.c.keys())
    for start in range(0, len(rows), BATCH):
        session.execute(table.insert(), [{k: v for k, v in r.items() if k in columns} for r in rows[start:start + BATCH]])
