"""Benchmark: inbound iWmo berichten handled end to end (stored, parsed, validated, rule-checked, effects
applied, retour stored) by real `flask worker` processes on PostgreSQL and Redis. Prints one JSON object.

Usage: DATABASE_URL=postgresql+psycopg://…/cumulus_bench_x REDIS_URL=redis://127.0.0.1:6390/15 \
       python bench/exchange.py [--cases N] [--workers 1,2,4] [--modes waves,burst,steady] [--rate 300]

Setup (not timed, once): the database is emptied and migrated (its name must contain 'bench' or 'perf'), N Wmo
cases run through the service layer to a beschikking in natura for aanbieder 42420001 (its 301 in the outbox),
the letters are made here; the result is kept as the template `<database>_tpl` (reused with --reuse-setup), and
every run starts from a fresh copy of it. The aanbieder (the simulator's builders, posting on the API through
Flask's test client in this process) downloads every 301 and answers with a 302, a 305 and a 323 per case.

Modes, each run once per worker count:
- waves: all 302s, then all 305s, then all 323s, waiting after each wave until every message is handled (the
  order the standard expects); the rate is messages / the time of the three waves, posting included.
- burst: the same 3N messages stored while no drain may run, then released at once: the drain time of a
  backlog and its rate (a burst of 10,000 is extrapolated from it when N is smaller: said so in the JSON).
- steady: the messages posted at --rate per second (as far as this one poster keeps up: the rate reached is
  printed); p50/p95 seconds from stored (ontvangen_op) to retour readable (verwerkt_op, set at its commit).
CPU seconds per bericht (the workers, the PostgreSQL backends of the database, and this poster, which stores
and checks each message at level 1 as the web process does) and the load average are printed beside each rate:
the machine is shared, so the wall-clock rate alone says little.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import tempfile
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Bericht, HumanTask, Person, User  # noqa: E402
from engine import database_url, empty_job_queue, form_data, fresh_app, fresh_people, percentile  # noqa: E402
from exchange_measure import (batch_sizes, cpu_seconds, database_name, has_template, postgres_cpu,  # noqa: E402
                              postgres_cpu_spent, restore_template, save_template)

AGB, PRODUCT, TARIEF = "42420001", "01A03", 3250


def first_of_last_month() -> date:
    return (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)


def to_beschikkingen(app, cases: int) -> None:
    """Cases through submit_melding and complete_task to a beschikking in natura (not timed)."""
    from app.services.meldingen import submit_melding
    from app.services.tasks import complete_task
    with app.app_context():
        session = db.session
        consulent = session.scalar(select(User).where(User.username == "consulent"))
        people = fresh_people(session, consulent, cases)  # a client per case: TR302 allows one 01A03 per period
        for case_no in range(cases):
            zaak = submit_melding(consulent, person_id=people[case_no % len(people)], domein="wmo",
                                  omschrijving="Hulp bij het huishouden.", kanaal="telefoon")
            session.remove()
            while (task := session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak.id,
                                                                  HumanTask.status == "open")
                                          .order_by(HumanTask.id).limit(1))) is not None:
                data = form_data(task.spec_name, 1, [(PRODUCT, "04")])
                if task.spec_name == "aanvraag_registreren":  # zorg in natura: the 301 goes to the aanbieder
                    data.update(leveringsvorm="zin", aanbieder=AGB, ingangsdatum=first_of_last_month().isoformat())
                task_id = task.id
                session.remove()
                complete_task(consulent, task_id, data)
                session.remove()
            session.remove()


def make_letters(app) -> None:
    """The letters of the beschikkingen, whose jobs empty_job_queue dropped (not timed): otherwise the workers'
    tick would render them during the timed waves and the bench would measure WeasyPrint, not the exchange."""
    from app.services.beschikking_document import make_missing_documents
    with app.app_context():
        while make_missing_documents(limit=100):
            db.session.remove()


def start_workers(count: int, url: str, redis_url: str, log) -> list[subprocess.Popen]:
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "CUMULUS_ENV": "test"}
    return [subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT, env=env,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            for _ in range(count)]


def wait_ready(redis, count: int, timeout: float = 120) -> None:
    """Until `count` workers listen (their start-up, warm-up included, is not timed)."""
    from rq import Worker
    deadline = time.monotonic() + timeout
    while len(Worker.all(connection=redis)) < count:
        if time.monotonic() > deadline:
            sys.exit("bench/exchange.py: the workers did not start")
        time.sleep(0.1)


def wait_handled(app, timeout: float = 3600) -> None:
    deadline = time.monotonic() + timeout
    with app.app_context():
        while time.monotonic() < deadline:
            waiting = db.session.scalar(select(func.count()).select_from(Bericht).where(
                Bericht.richting == "in", Bericht.status == "ontvangen"))
            db.session.remove()
            if not waiting:
                return
            time.sleep(0.05)
    sys.exit("timed out waiting for the workers")


def messages(app, cases: int) -> tuple[object, dict, dict[str, list[bytes]]]:
    """The test client, its headers and the three waves the aanbieder sends (302, 305, 323 per case)."""
    from app.services.exchange.tokens import create_aanbieder_token
    from app.simulator.berichten import answer_301, declaratie, leveringen, new_in_each, start_zorg
    with app.app_context():
        token = create_aanbieder_token(AGB, "Bench")
    client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
    fetched = []
    while items := client.get("/api/v1/aanbieder/berichten?status=nieuw&limit=500", headers=headers).json["results"]:
        fetched += [(i["id"], client.get(f"/api/v1/aanbieder/berichten/{i['id']}", headers=headers).data)
                    for i in items]
    xmls = [xml for _, xml in sorted(fetched)]  # in the order sent: each 301 repeats earlier toewijzingen (OP087)
    if len(xmls) != cases:
        sys.exit(f"bench/exchange.py: the setup made {len(xmls)} toewijzingen (301) for {cases} cases; "
                 "there is nothing (or not everything) to measure — check the aanvraag data in to_beschikkingen")
    new = new_in_each(xmls)
    waves = {
        "302": [answer_301(x, f"A{n}", date.today()) for n, x in enumerate(xmls)],
        "305": [start_zorg(x, f"S{n}", first_of_last_month(), new[n]) for n, x in enumerate(xmls)],
        "323": [declaratie(AGB, [(lev, 10, TARIEF) for lev in leveringen(x, new[n])], first_of_last_month(),
                           f"D{n}", f"D{n}", date.today()) for n, x in enumerate(xmls)],
    }
    return client, {**headers, "Content-Type": "application/xml"}, waves


def post(client, headers, xml: bytes) -> None:
    response = client.post("/api/v1/aanbieder/berichten", data=xml, headers=headers)
    if response.status_code != 202:
        sys.exit(f"bench/exchange.py: a message was refused on arrival ({response.status_code}): {response.data[:300]}")


def timed(mode: str, app, client, headers, waves, rate: float, redis) -> dict:
    """Post the waves as `mode` says; the seconds that count as the run, and what else the mode measured."""
    from app.jobs.drain import FLAG, request_drain
    every = [xml for wave in waves.values() for xml in wave]
    if mode == "waves":
        seconds = {}
        for code, wave in waves.items():
            started = time.perf_counter()
            for xml in wave:
                post(client, headers, xml)
            wait_handled(app)
            seconds[code] = round(time.perf_counter() - started, 2)
        return {"seconds": sum(seconds.values()), "wave_seconds": seconds}
    if mode == "burst":
        redis.set(FLAG, "1", ex=3600)  # a drain is 'pending': the arrivals queue none, the backlog builds up
        for xml in every:
            post(client, headers, xml)
        started = time.perf_counter()
        redis.delete(FLAG)
        with app.app_context():
            request_drain()
        wait_handled(app)
        return {"seconds": time.perf_counter() - started}
    started = time.perf_counter()
    for n, xml in enumerate(every):  # steady: one message every 1/rate seconds, as far as this poster keeps up
        if (delay := started + n / rate - time.perf_counter()) > 0:
            time.sleep(delay)
        post(client, headers, xml)
    posted = time.perf_counter() - started
    wait_handled(app)
    return {"seconds": time.perf_counter() - started, "posted_per_second": round(len(every) / posted, 1)}


def latencies(app) -> tuple[list[float], dict]:
    with app.app_context():
        rows = db.session.execute(select(Bericht.ontvangen_op, Bericht.verwerkt_op, Bericht.status)
                                  .where(Bericht.richting == "in")).all()
    statuses: dict[str, int] = {}
    for _, _, status in rows:
        statuses[status] = statuses.get(status, 0) + 1
    return [(v - o).total_seconds() for o, v, _ in rows if v is not None], statuses


def setup(url: str, cases: int) -> float:
    """The cases to their beschikking, kept as the template of every run (not timed); its seconds."""
    started = time.perf_counter()
    app = fresh_app(url)
    to_beschikkingen(app, cases)
    empty_job_queue(app)
    make_letters(app)
    with app.app_context():
        engine = db.session.get_bind()
        db.session.remove()
        engine.dispose()  # the template is copied from a database nobody is connected to
    save_template(url)
    return time.perf_counter() - started


def run_once(mode: str, url: str, redis_url: str, cases: int, worker_count: int, rate: float) -> dict:
    """One run from a fresh copy of the setup with `worker_count` workers; its figures."""
    from redis import Redis

    from app import create_app
    from app.config import TestConfig
    restore_template(url)
    redis = Redis.from_url(redis_url)
    redis.flushdb()
    app = create_app(TestConfig, DATABASE_URL=url, REDIS_URL=redis_url)
    client, headers, waves = messages(app, cases)
    with tempfile.TemporaryFile("w+") as log:
        workers = start_workers(worker_count, url, redis_url, log)
        try:
            wait_ready(redis, worker_count)
            load_before, worker_cpu = os.getloadavg(), sum(cpu_seconds(w.pid) for w in workers)
            pg_before, poster_cpu = postgres_cpu(database_name(url)), time.process_time()
            result = timed(mode, app, client, headers, waves, rate, redis)
            poster_cpu = time.process_time() - poster_cpu
            worker_cpu = sum(cpu_seconds(w.pid) for w in workers) - worker_cpu
            pg_cpu = postgres_cpu_spent(pg_before, database_name(url))
            load_after = os.getloadavg()
        finally:
            for worker in workers:
                os.killpg(worker.pid, signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=60)
        log.seek(0)
        batches = batch_sizes(log.read())
    lat, statuses = latencies(app)
    count = sum(statuses.values())
    ms = lambda seconds: round(1000 * seconds / count, 2)  # noqa: E731
    figures = {
        "mode": mode, "workers": worker_count, "cases": cases, "inbound_messages": count,
        "inbound_by_status": statuses, "messages_per_second": round(count / result["seconds"], 1),
        "received_to_retour_seconds": {"p50": round(percentile(lat, 50), 3), "p95": round(percentile(lat, 95), 3),
                                       "max": round(max(lat, default=0), 3)},
        "cpu_ms_per_bericht": {"workers": ms(worker_cpu), "postgresql": ms(pg_cpu), "poster_receiving": ms(poster_cpu),
                               "handling_total": ms(worker_cpu + pg_cpu)},
        "batch_size": {"count": len(batches), "mean": round(sum(batches) / max(len(batches), 1), 1),
                       "max": max(batches, default=0)},
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in load_after]},
        **{k: v for k, v in result.items() if k != "seconds"}, "seconds": round(result["seconds"], 2),
    }
    if mode == "steady":
        figures.update(target_rate=rate, target_p95_seconds=2.0)
    elif mode == "burst":
        figures.update(burst_10000_seconds_extrapolated=round(10000 / figures["messages_per_second"], 1),
                       target_burst_10000_seconds=60)
    else:
        figures.update(target_messages_per_second_2_workers=500)
    if set(statuses) != {"verwerkt"}:
        print(json.dumps(figures, indent=2))
        sys.exit(f"bench/exchange.py: not every inbound bericht was handled as accepted ({statuses}); "
                 "the figures above measure refusals, not the chain")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated; each mode runs per count")
    parser.add_argument("--modes", default="waves,burst,steady")
    parser.add_argument("--rate", type=float, default=300.0, help="messages per second in the steady mode")
    parser.add_argument("--reuse-setup", action="store_true", help="keep the template a previous run made")
    args = parser.parse_args()
    url, dialect = database_url()
    redis_url = os.environ.get("REDIS_URL")
    if dialect != "postgresql" or not redis_url:
        sys.exit("bench/exchange.py measures the production set-up: a PostgreSQL DATABASE_URL and REDIS_URL")
    setup_s = 0.0 if args.reuse_setup and has_template(url) else setup(url, args.cases)
    counts = [int(n) for n in args.workers.split(",") if n.strip()]
    runs = [run_once(mode, url, redis_url, args.cases, n, args.rate)
            for mode in args.modes.split(",") for n in counts]
    scaling = {}
    for mode in args.modes.split(","):
        mine = [r for r in runs if r["mode"] == mode]
        base = mine[0]["messages_per_second"] / mine[0]["workers"]
        scaling[mode] = [{"workers": r["workers"], "messages_per_second": r["messages_per_second"],
                          "efficiency": round(r["messages_per_second"] / (r["workers"] * base), 2),
                          "cpu_ms_per_bericht": r["cpu_ms_per_bericht"]["handling_total"]} for r in mine]
    print(json.dumps({"setup_seconds": round(setup_s, 1), "cpu_count": os.cpu_count(), "scaling": scaling,
                      "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
