"""The werkvoorraad benchmarks' common parts (bench/inbox.py, bench/tenancy.py): an emptied and migrated
PostgreSQL schema with the demo data, one gemeente's workload seeded in a few INSERT … SELECT
generate_series statements (on SQLite: werkvoorraad_sqlite.py), the page and API scenarios, and timings
summarised as p50/p95.

A workload: people (with wijk) and zaken of one gemeente, every zaak with one open task and `closed // open`
completed ones; lanes, task types, deadlines (overdue to two months ahead) and wijken spread as in a working
gemeente; 1 in 10 open tasks, of every lane, claimed by one of that gemeente's staff; 1 in 50 spoed; 1 in 100
zaken with an unread message from the inwoner.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event, text  # noqa: E402

from app import create_app, db  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.migrate import upgrade  # noqa: E402

LANES = ("consulent", "consulent", "consulent", "beoordelaar", "backoffice")
TASKS = (("triage", "Triage van de melding"), ("onderzoek_gesprek", "Keukentafelgesprek voeren"),
         ("onderzoek_verslag", "Onderzoeksverslag opstellen"), ("aanvraag_registreren", "Aanvraag registreren"),
         ("besluit_voorbereiden", "Besluit voorbereiden"))
PEOPLE = 50_000


@dataclass(frozen=True)
class Workload:
    """One demo gemeente's share of the data set."""

    #: CBS code of a demo gemeente (app/services/demo_data.py).
    code: str
    wijken: tuple[str, ...]
    #: Usernames of the gemeente's staff who have claimed tasks.
    staff: tuple[str, ...]
    #: First digit of its BSNs and zaaknummers, so that two gemeenten' rows never collide.
    block: int


WOERDEN = Workload("0632", ("Centrum", "Molenvliet", "Schilderskwartier", "Snel en Polanen", "Waterrijk", "Zegveld"),
                   ("consulent", "senior", "beoordelaar", "backoffice"), 1)
OUDEWATER = Workload("0589", ("Binnenstad", "Hekendorp", "Tappersheul", "Papekop", "Snelrewaard", "Noord-Linschoten"),
                     ("consulent-oudewater", "beoordelaar-oudewater", "backoffice-oudewater"), 2)


def bench_url(variable: str = "DATABASE_URL") -> str:
    """The PostgreSQL URL (or SQLite file) in `variable`; its database name must contain 'bench' (it is emptied)."""
    url = os.environ.get(variable, "")
    if not url.startswith(("postgresql", "sqlite:///")) or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit(f"Set {variable} to a PostgreSQL database or SQLite file whose name contains 'bench' (it is emptied).")
    return url


def fresh_schema(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        upgrade(url)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(url)
    with engine.begin() as connection:
        # Migration 0017 inserts gemeente 1 with an explicit id and leaves the sequence at 1, so adding the
        # second demo gemeente fails on PostgreSQL; harmless once the migration sets the sequence itself.
        connection.execute(text("SELECT setval(pg_get_serial_sequence('gemeente', 'id'), max(id)) FROM gemeente"))
    engine.dispose()


def bench_app(url: str, seed: bool):
    """The app on `url`; with `seed`, on an emptied schema with the demo data and the BPMN deployed."""
    if seed:
        fresh_schema(url)
    app = create_app(TestConfig, DATABASE_URL=url, WTF_CSRF_ENABLED=False, REDIS_URL=None)
    if seed:
        with app.app_context():
            from app.services import demo_data, deployment
            demo_data.load_demo_data()
            deployment.deploy_directory(app.config["BPMN_DIR"])
    return app


def seed(workloads: tuple[Workload, ...], open_tasks: int, closed: int) -> None:
    """People, zaken, instances and tasks of each gemeente in a few set-based statements (run vacuum_analyze
    after). The gemeenten' tasks alternate in id order, as in an installation where they arrive side by side."""
    assert open_tasks < 1_000_000, "zaaknummers of a gemeente are one block of a million"
    session = db.session()
    if session.get_bind().dialect.name == "sqlite":
        from werkvoorraad_sqlite import seed_sqlite
        seed_sqlite(session, workloads, open_tasks, closed)
        return
    gemeenten = []
    for workload in workloads:
        gemeente = session.execute(text("SELECT id FROM gemeente WHERE code = :c"), {"c": workload.code}).scalar_one()
        _seed_people_and_zaken(session, workload, gemeente, open_tasks)
        gemeenten.append(gemeente)
    params = {"gemeenten": gemeenten, "staff": [name for w in workloads for name in w.staff],
              "lanes": list(LANES), "specs": [t[0] for t in TASKS], "titles": [t[1] for t in TASKS],
              "per_zaak": max(closed // max(open_tasks, 1), 0),
              "definition": session.execute(text("SELECT id FROM process_definition ORDER BY id LIMIT 1")).scalar()}
    # n numbers a gemeente's zaken 1, 2, …: lanes, task types, deadlines and claims follow it, so every gemeente
    # gets the same spread; ORDER BY n, gemeente makes the ids alternate between the gemeenten.
    zaken = """WITH staff AS (SELECT ug.gemeente_id, array_agg(u.id ORDER BY u.id) AS ids FROM user_account u
                              JOIN user_gemeente ug ON ug.user_id = u.id WHERE u.username = ANY(:staff)
                              GROUP BY ug.gemeente_id),
                    numbered AS (SELECT z.*, row_number() OVER (PARTITION BY z.gemeente_id ORDER BY z.id) AS n
                                 FROM zaak z WHERE z.gemeente_id = ANY(:gemeenten))"""
    statements = [
        f"""INSERT INTO process_instance (definition_id, zaak_id, state, lock_version, status, created_at, updated_at)
            {zaken} SELECT :definition, id, '{{}}', 1, 'running', now(), now() FROM numbered ORDER BY n, gemeente_id""",
        f"""INSERT INTO human_task (instance_id, zaak_id, gemeente_id, domein, wijk, ontvangen_op, naam_sortering, spoed,
                                    task_uuid, spec_name, lane, form_key, title, assignee_id, claimed_at, due_at, status,
                                    created_at)
            {zaken}
            SELECT pi.id, z.id, z.gemeente_id, z.domein, p.wijk, z.ontvangen_op, lower(p.achternaam || ' ' || p.voornamen),
                   z.n % 50 = 0, md5('open' || z.id), t.spec, t.lane, t.spec, t.title,
                   CASE WHEN (z.n / 7) % 10 = 0 THEN s.ids[1 + (z.n / 70) % array_length(s.ids, 1)] END,
                   CASE WHEN (z.n / 7) % 10 = 0 THEN now() END,
                   now() + ((z.n * 7919) % 90 - 30) * interval '1 day', 'open', now()
            FROM numbered z JOIN process_instance pi ON pi.zaak_id = z.id JOIN person p ON p.id = z.person_id
            JOIN staff s ON s.gemeente_id = z.gemeente_id
            CROSS JOIN LATERAL (SELECT (CAST(:lanes AS text[]))[1 + z.n % {len(LANES)}] AS lane,
                                       (CAST(:specs AS text[]))[1 + (z.n / 5) % {len(TASKS)}] AS spec,
                                       (CAST(:titles AS text[]))[1 + (z.n / 5) % {len(TASKS)}] AS title) t
            ORDER BY z.n, z.gemeente_id""",
        f"""INSERT INTO human_task (instance_id, zaak_id, gemeente_id, domein, wijk, task_uuid, spec_name, lane,
                                    form_key, title, assignee_id, due_at, status, created_at, completed_at,
                                    completed_by_id)
            {zaken}
            SELECT pi.id, z.id, z.gemeente_id, z.domein, p.wijk, md5('closed' || z.id || '-' || k),
                   (CAST(:specs AS text[]))[1 + k % {len(TASKS)}], 'consulent',
                   (CAST(:specs AS text[]))[1 + k % {len(TASKS)}], (CAST(:titles AS text[]))[1 + k % {len(TASKS)}],
                   s.ids[1], now() - interval '20 day', 'completed', now() - interval '30 day',
                   now() - interval '25 day', s.ids[1]
            FROM numbered z JOIN process_instance pi ON pi.zaak_id = z.id JOIN person p ON p.id = z.person_id
            JOIN staff s ON s.gemeente_id = z.gemeente_id
            CROSS JOIN generate_series(1, :per_zaak) AS k""",
        # 1 in 100 zaken has a message from the inwoner that nobody at the gemeente has read yet
        f"""INSERT INTO portaal_bericht (zaak_id, gemeente_id, van, afzender_id, tekst, soort, verstuurd_op)
            {zaken}
            SELECT z.id, z.gemeente_id, 'inwoner', (SELECT min(id) FROM user_account), 'Een vraag over mijn zaak.', 'bericht',
                   now() - (z.n % 10) * interval '1 hour'
            FROM numbered z WHERE z.n % 100 = 0""",
    ]
    for sql in statements:
        session.execute(text(sql), params)
    session.commit()


def _seed_people_and_zaken(session, workload: Workload, gemeente: int, open_tasks: int) -> None:
    """PEOPLE inwoners of the gemeente spread over its wijken, and one zaak per open task among them."""
    ours = {"gemeente": gemeente, "block": workload.block}
    session.execute(text(
        """INSERT INTO person (bsn, gemeente_id, voornamen, voorvoegsel, achternaam, geboortedatum, straat, huisnummer,
                               postcode, woonplaats, wijk)
           SELECT lpad((:block * 100000000 + i)::text, 9, '0'), :gemeente, 'Voornaam' || i, NULL, 'Achternaam' || i,
                  DATE '1940-01-01' + (i % 25000), 'Straat', (i % 200)::text, '3441 AA', g.naam,
                  (CAST(:wijken AS text[]))[1 + i % :n_wijken]
           FROM generate_series(1, :people) AS i, gemeente g WHERE g.id = :gemeente"""),
        {**ours, "people": PEOPLE, "wijken": list(workload.wijken), "n_wijken": len(workload.wijken)})
    session.execute(text(
        """INSERT INTO zaak (zaaknummer, gemeente_id, domein, person_id, status, omschrijving, kanaal, ontvangen_op,
                             created_at)
           SELECT 'Z-2026-' || (:block * 1000000 + i)::text, :gemeente, CASE WHEN i % 4 = 0 THEN 'jeugd' ELSE 'wmo' END,
                  (SELECT min(id) FROM person WHERE gemeente_id = :gemeente AND bsn LIKE :bsn_start) + i % :people,
                  'lopend', 'Hulp nodig.', 'telefoon', CURRENT_DATE - (i % 60), now()
           FROM generate_series(1, :n) AS i"""),
        {**ours, "n": open_tasks, "people": PEOPLE, "bsn_start": f"{workload.block}%"})


def vacuum_analyze() -> None:
    """VACUUM ANALYZE, then close the pool's connections: a connection that wrote millions of rows stays slower
    for minutes (seen: every scenario 1.5x slower in the database seeded last), so timings use fresh ones."""
    engine = db.session.get_bind()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE"))
    db.session.remove()
    engine.dispose()


def task_counts() -> tuple[int, int]:
    """Open and completed tasks in the database."""
    rows = dict(db.session.execute(text("SELECT status, count(*) FROM human_task GROUP BY status")).all())
    return rows.get("open", 0), rows.get("completed", 0)


def api_token(username: str) -> str:
    from app.services.accounts import create_api_token
    from app.services.lookups import user_by_name
    return create_api_token(user_by_name(username), "bench")


def sample_person(code: str = WOERDEN.code) -> dict:
    """BSN, name, zaaknummer and wijk of the person of the last open consulent task in gemeente `code`."""
    row = db.session.execute(text(
        "SELECT p.bsn, p.voornamen || ' ' || p.achternaam, z.zaaknummer, p.wijk FROM human_task h "
        "JOIN zaak z ON z.id = h.zaak_id JOIN person p ON p.id = z.person_id "
        "WHERE h.status = 'open' AND h.lane = 'consulent' AND h.gemeente_id = (SELECT id FROM gemeente WHERE code = :c) "
        "ORDER BY h.id DESC LIMIT 1"), {"c": code}).one()
    return {"bsn": row[0], "naam": row[1], "zaaknummer": row[2], "wijk": row[3]}


def page_scenarios(p: dict) -> dict[str, str]:
    """Query strings of /werkvoorraad/ by scenario name."""
    return {"first_page": "", "page_20": "?pagina=20", "wmo_te_laat": "?domein=wmo&termijn=te-laat",
            "mine": "?behandelaar=mij", "task_type_vrij": "?taak=triage&behandeling=vrij",
            "wijk": f"?wijk={p['wijk']}", "search_name": f"?zoek={p['naam']}", "search_bsn": f"?zoek={p['bsn']}",
            # 'achternaam1' is in 11,111 of the 50,000 names (22,222 zaken): refused as too broad, the page
            # says so and shows the list without the search
            "search_name_broad": "?zoek=achternaam1",
            "search_zaaknummer": f"?zoek={p['zaaknummer']}",
            # the other orders of #18, each walked on its own index per lane
            "sort_ontvangen": "?sorteer=ontvangen", "sort_naam": "?sorteer=naam",
            "sort_naam_page_20": "?sorteer=naam&pagina=20", "nieuw_bericht": "?berichten=nieuw",
            "search_zaaknummer_prefix": f"?zoek={p['zaaknummer'][:-2]}"}


def api_scenarios(p: dict) -> dict[str, str]:
    """Query strings of /api/v1/taken by scenario name."""
    return {"rol_consulent": "?rol=consulent", "wmo_deze_week": "?domein=wmo&termijn=deze-week",
            "search_bsn": f"?zoek={p['bsn']}", "offset_1000": "?rol=consulent&offset=1000"}


def logged_in(app, username: str = "consulent"):
    """A test client of `app` logged in as the demo user `username`."""
    client = app.test_client()
    response = client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": "demo"})
    assert response.status_code == 302, f"login of {username} failed"
    return client


def timed(call) -> float:
    """Milliseconds one call takes; a response must be 200 OK."""
    start = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - start) * 1000
    status = getattr(response, "status_code", 200)
    assert status == 200, (status, response.get_data(as_text=True)[:300])
    return elapsed


def time_call(call, repeat: int) -> dict:
    """One warm-up call (which also checks the scenario works), then `repeat` timed ones; beside the wall time
    the CPU time of this process per call (the app runs in it; the database's own CPU is not in it)."""
    timed(call)
    times, cpu = [], []
    for _ in range(repeat):
        started = time.process_time()
        times.append(timed(call))
        cpu.append((time.process_time() - started) * 1000)
    return {**summary(times), "cpu_p50_ms": round(statistics.median(cpu), 1), "_all": times}


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)], 1), "n": len(ordered)}


def explain(app, query: str = "?domein=wmo", username: str = "consulent") -> None:
    """EXPLAIN ANALYZE every SELECT on human_task that /werkvoorraad/`query` runs, on stderr."""
    client = logged_in(app, username)
    seen = []
    with app.app_context():
        engine = db.session.get_bind()

    def _capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "human_task" in statement:
            seen.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", _capture)
    try:
        client.get("/werkvoorraad/" + query)
    finally:
        event.remove(engine, "before_cursor_execute", _capture)
    raw = engine.raw_connection()
    sqlite = engine.dialect.name == "sqlite"
    try:
        cursor = raw.cursor()
        if not sqlite:  # as the inbox's counts run (services/inbox.py _serial_plan)
            cursor.execute("SET max_parallel_workers_per_gather = 0")
        for statement, parameters in seen:
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) ") + statement, parameters)
            print("\n".join(str(r[-1] if sqlite else r[0]) for r in cursor.fetchall()), "\n", file=sys.stderr)
    finally:
        raw.close()
