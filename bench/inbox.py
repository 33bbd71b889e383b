"""Benchmark: the werkvoorraad with a whole municipality's workload. Seeds PostgreSQL with N open and
M closed tasks (multi-row INSERT … SELECT generate_series), then times the inbox page (HTML, through the
Flask test client, logged in as the demo consulent) and the filtered API query (GET /api/v1/taken with a
Bearer token). Prints one JSON object with p50/p95 ms per scenario and over all of them.

Usage: DATABASE_URL=postgresql+psycopg://cumulus:cumulus@127.0.0.1:5432/cumulus_bench_inbox \\
       python bench/inbox.py [--open 100000] [--closed 1000000] [--repeat 30] [--explain]

The database name must contain 'bench': its schema is dropped and migrated afresh. Every zaak has one
open task and closed/open completed ones; lanes, task types, deadlines (overdue to two months ahead),
wijken and claims are spread as in a working gemeente; 1 in 10 open tasks is claimed by someone.
--explain prints EXPLAIN ANALYZE of the page's queries to stderr; --no-seed times the database as a previous
run left it.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--open", type=int, default=100_000, dest="open_tasks")
    parser.add_argument("--closed", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per scenario")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--no-seed", action="store_true", help="time the database a previous run seeded")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (it is emptied).")

    logging.disable(logging.INFO)  # one log line per person shown would flood stderr
    started = time.perf_counter()
    if not args.no_seed:
        _fresh_schema(url)
    app = create_app(TestConfig, DATABASE_URL=url, WTF_CSRF_ENABLED=False, REDIS_URL=None)
    with app.app_context():
        if not args.no_seed:
            from app.services import demo_data, deployment
            demo_data.load_demo_data()
            deployment.deploy_directory(app.config["BPMN_DIR"])
            _seed(args.open_tasks, args.closed)
        args.open_tasks, args.closed = _counts()
        token = _token()
    seed_seconds = time.perf_counter() - started

    page, api = app.test_client(), app.test_client()
    response = page.post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "demo"})
    assert response.status_code == 302, "login failed"
    if args.explain:
        _explain(app)
    results = {"open_tasks": args.open_tasks, "closed_tasks": args.closed, "seed_seconds": round(seed_seconds, 1),
               "repeat": args.repeat, "page_html": {}, "api": {}}
    people = _sample_people(app)
    for name, query in _page_scenarios(people).items():
        results["page_html"][name] = _time(lambda q=query: page.get("/werkvoorraad/" + q), args.repeat)
    headers = {"Authorization": f"Bearer {token}"}
    for name, query in _api_scenarios(people).items():
        results["api"][name] = _time(lambda q=query: api.get("/api/v1/taken" + q, headers=headers), args.repeat)
    for kind in ("page_html", "api"):
        every = [ms for r in results[kind].values() for ms in r.pop("_all")]
        results[kind]["all"] = _summary(every)
    print(json.dumps(results, indent=2))


def _fresh_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    upgrade(url)


def _seed(open_tasks: int, closed: int) -> None:
    """People, zaken, instances and tasks in a few set-based statements; ANALYZE afterwards."""
    per_zaak = max(closed // max(open_tasks, 1), 0)
    session = db.session()
    definition = session.execute(text("SELECT id FROM process_definition ORDER BY id LIMIT 1")).scalar()
    staff = [row[0] for row in session.execute(text(
        "SELECT id FROM user_account WHERE username IN ('consulent', 'senior', 'beoordelaar', 'backoffice')"))]
    wijken = ["Centrum", "Molenvliet", "Schilderskwartier", "Snel en Polanen", "Waterrijk", "Zegveld"]
    statements = [
        ("""INSERT INTO person (bsn, voornamen, voorvoegsel, achternaam, geboortedatum, straat, huisnummer, postcode,
                                woonplaats, wijk)
            SELECT lpad((100000000 + i)::text, 9, '0'), 'Voornaam' || i, NULL, 'Achternaam' || i,
                   DATE '1940-01-01' + (i % 25000), 'Straat', (i % 200)::text, '3441 AA', 'Woerden',
                   (CAST(:wijken AS text[]))[1 + i % 6]
            FROM generate_series(1, :people) AS i""", {"people": PEOPLE, "wijken": wijken}),
        ("""INSERT INTO zaak (zaaknummer, domein, person_id, status, omschrijving, kanaal, ontvangen_op, created_at)
            SELECT 'Z-2026-' || lpad(i::text, 7, '0'), CASE WHEN i % 4 = 0 THEN 'jeugd' ELSE 'wmo' END,
                   (SELECT min(id) FROM person WHERE bsn LIKE '1%') + i % :people, 'lopend', 'Hulp nodig.', 'telefoon',
                   CURRENT_DATE - (i % 60), now()
            FROM generate_series(1, :n) AS i""", {"n": open_tasks, "people": PEOPLE}),
        ("""INSERT INTO process_instance (definition_id, zaak_id, state, lock_version, status, created_at, updated_at)
            SELECT :definition, id, '{}', 1, 'running', now(), now() FROM zaak""", {"definition": definition}),
        (f"""INSERT INTO human_task (instance_id, zaak_id, domein, wijk, task_uuid, spec_name, lane, form_key, title,
                                     assignee_id, claimed_at, due_at, status, created_at)
            SELECT pi.id, z.id, z.domein, p.wijk, md5('open' || z.id), t.spec, t.lane, t.spec, t.title,
                   CASE WHEN z.id % 10 = 0 THEN (CAST(:staff AS integer[]))[1 + z.id % {len(staff)}] END,
                   CASE WHEN z.id % 10 = 0 THEN now() END,
                   now() + ((z.id * 7919) % 90 - 30) * interval '1 day', 'open', now()
            FROM zaak z JOIN process_instance pi ON pi.zaak_id = z.id JOIN person p ON p.id = z.person_id
            CROSS JOIN LATERAL (SELECT (CAST(:lanes AS text[]))[1 + z.id % {len(LANES)}] AS lane,
                                       (CAST(:specs AS text[]))[1 + (z.id / 5) % {len(TASKS)}] AS spec,
                                       (CAST(:titles AS text[]))[1 + (z.id / 5) % {len(TASKS)}] AS title) t""",
         {"staff": staff, "lanes": list(LANES), "specs": [t[0] for t in TASKS], "titles": [t[1] for t in TASKS]}),
        (f"""INSERT INTO human_task (instance_id, zaak_id, domein, wijk, task_uuid, spec_name, lane, form_key, title,
                                     assignee_id, due_at, status, created_at, completed_at, completed_by_id)
            SELECT pi.id, z.id, z.domein, p.wijk, md5('closed' || z.id || '-' || k), (CAST(:specs AS text[]))[1 + k % {len(TASKS)}],
                   'consulent', (CAST(:specs AS text[]))[1 + k % {len(TASKS)}], (CAST(:titles AS text[]))[1 + k % {len(TASKS)}],
                   (CAST(:staff AS integer[]))[1], now() - interval '20 day', 'completed', now() - interval '30 day',
                   now() - interval '25 day', (CAST(:staff AS integer[]))[1]
            FROM zaak z JOIN process_instance pi ON pi.zaak_id = z.id JOIN person p ON p.id = z.person_id
            CROSS JOIN generate_series(1, :per_zaak) AS k""",
         {"staff": staff, "specs": [t[0] for t in TASKS], "titles": [t[1] for t in TASKS], "per_zaak": per_zaak}),
    ]
    for sql, params in statements:
        session.execute(text(sql), params)
    session.commit()
    with db.session.get_bind().connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _counts() -> tuple[int, int]:
    rows = dict(db.session.execute(text("SELECT status, count(*) FROM human_task GROUP BY status")).all())
    return rows.get("open", 0), rows.get("completed", 0)


def _token() -> str:
    from app.services.accounts import create_api_token
    from app.services.lookups import user_by_name
    return create_api_token(user_by_name("consulent"), "bench")


def _sample_people(app) -> dict:
    with app.app_context():
        row = db.session.execute(text(
            "SELECT p.bsn, p.voornamen || ' ' || p.achternaam, z.zaaknummer, p.wijk FROM human_task h "
            "JOIN zaak z ON z.id = h.zaak_id "
            "JOIN person p ON p.id = z.person_id WHERE h.status = 'open' AND h.lane = 'consulent' "
            "ORDER BY h.id DESC LIMIT 1")).one()
        return {"bsn": row[0], "naam": row[1], "zaaknummer": row[2], "wijk": row[3]}


def _page_scenarios(p: dict) -> dict[str, str]:
    return {"first_page": "", "page_20": "?pagina=20", "wmo_te_laat": "?domein=wmo&termijn=te-laat",
            "mine": "?behandelaar=mij", "task_type_vrij": "?taak=triage&behandeling=vrij",
            "wijk": f"?wijk={p['wijk']}", "search_name": f"?zoek={p['naam']}", "search_bsn": f"?zoek={p['bsn']}",
            # 'achternaam1' is in 11,111 of the 50,000 names (22,222 zaken): refused as too broad, the page
            # says so and shows the list without the search
            "search_name_broad": "?zoek=achternaam1",
            "search_zaaknummer": f"?zoek={p['zaaknummer']}"}


def _api_scenarios(p: dict) -> dict[str, str]:
    return {"rol_consulent": "?rol=consulent", "wmo_deze_week": "?domein=wmo&termijn=deze-week",
            "search_bsn": f"?zoek={p['bsn']}", "offset_1000": "?rol=consulent&offset=1000"}


def _time(call, repeat: int) -> dict:
    response = call()  # warm-up; also checks the scenario works
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:300])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {**_summary(times), "_all": times}


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)], 1), "n": len(ordered)}


def _explain(app) -> None:
    """EXPLAIN ANALYZE every SELECT the first page runs, on stderr."""
    client = app.test_client()
    client.post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "demo"})
    seen = []
    engine = None
    with app.app_context():
        engine = db.session.get_bind()

    def _capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "human_task" in statement:
            seen.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", _capture)
    try:
        client.get("/werkvoorraad/?domein=wmo")
    finally:
        event.remove(engine, "before_cursor_execute", _capture)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in seen:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            print("\n".join(r[0] for r in cursor.fetchall()), "\n", file=sys.stderr)
    finally:
        raw.close()


if __name__ == "__main__":
    main()
