"""Benchmark: N Wmo cases from beschikking (ZIN) to a paid declaratie, with PostgreSQL, a real Redis
and real rq worker processes. Prints one JSON object on stdout.

Usage: DATABASE_URL=postgresql+psycopg://…/cumulus_bench_exchange REDIS_URL=redis://127.0.0.1:6390/6 \
       python bench/exchange.py [--cases N] [--workers W]

Setup (not timed): the database is emptied and migrated (its name must contain 'bench' or 'perf'),
N cases run through the service layer to a beschikking in natura for aanbieder 42420001 (the 301
lands in its outbox), and the jobs that queued (letters) are dropped and the letters made here instead.
Timed: W `flask worker` processes run; the aanbieder (the simulator's builders on the API through
Flask's test client) downloads every 301, then sends in three waves — all 302s, all 305s, all
323s — waiting after each wave until the workers handled every message; finally the payment batch
is closed (pain.001). Waves keep the order the standard expects (305 after the 302, 323 after the 305).

Reported: inbound messages per second over the three waves; how long the handling job ran inside
the rq worker (from the workers' log, without the queue time); p50/p95 seconds from a message stored
(ontvangen_op) to its retour available (verwerkt_op, the commit that made it readable); the wall
time per case (whole timed run / N). A wave posts N messages at once, so the latency includes the
queue backlog of a burst: it is an upper bound for a steady stream.
"""
from __future__ import annotations

import argparse
import json
import os
import re
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


def job_seconds(log_text: str) -> list[float]:
    """How long each handle_bericht_job ran in its worker, from rq's 'Successfully completed' lines."""
    out = []
    for match in re.finditer(r"completed app\.jobs\.tasks\.handle_bericht_job\(.*?\) job in (\d+):(\d+):([\d.]+)s",
                             log_text):
        hours, minutes, seconds = match.groups()
        out.append(int(hours) * 3600 + int(minutes) * 60 + float(seconds))
    return out


def wait_handled(app, timeout: float = 3600) -> None:
    deadline = time.monotonic() + timeout
    with app.app_context():
        while time.monotonic() < deadline:
            waiting = db.session.scalar(select(func.count()).select_from(Bericht).where(
                Bericht.richting == "in", Bericht.status == "ontvangen"))
            db.session.remove()
            if not waiting:
                return
            time.sleep(0.2)
    sys.exit("timed out waiting for the workers")


def run(app, cases: int) -> dict:
    from app.services.betaalbatches import close_betaalbatch
    from app.services.exchange.tokens import create_aanbieder_token
    from app.simulator.berichten import answer_301, declaratie, leveringen, new_in_each, start_zorg
    with app.app_context():
        token = create_aanbieder_token(AGB, "Bench")
    client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
    post_headers = {**headers, "Content-Type": "application/xml"}

    started = time.perf_counter()
    items = client.get(f"/api/v1/aanbieder/berichten?status=nieuw&limit=500", headers=headers).json["results"]
    fetched = []
    while items:
        fetched += [(i["id"], client.get(f"/api/v1/aanbieder/berichten/{i['id']}", headers=headers).data)
                    for i in items]
        items = client.get(f"/api/v1/aanbieder/berichten?status=nieuw&limit=500", headers=headers).json["results"]
    xmls = [xml for _, xml in sorted(fetched)]  # in the order sent: each 301 repeats earlier toewijzingen (OP087)
    new = new_in_each(xmls)
    if len(xmls) != cases:
        sys.exit(f"bench/exchange.py: the setup made {len(xmls)} toewijzingen (301) for {cases} cases; "
                 "there is nothing (or not everything) to measure — check the aanvraag data in to_beschikkingen")
    waves = {
        "302": [answer_301(x, f"A{n}", date.today()) for n, x in enumerate(xmls)],
        "305": [start_zorg(x, f"S{n}", first_of_last_month(), new[n]) for n, x in enumerate(xmls)],
        "323": [declaratie(AGB, [(lev, 10, TARIEF) for lev in leveringen(x, new[n])], first_of_last_month(), f"D{n}", f"D{n}",
                           date.today()) for n, x in enumerate(xmls)],
    }
    wave_s = {}
    for code, messages in waves.items():
        wave_started = time.perf_counter()
        for xml in messages:
            assert client.post("/api/v1/aanbieder/berichten", data=xml, headers=post_headers).status_code == 202
        wait_handled(app)
        wave_s[code] = time.perf_counter() - wave_started
    with app.app_context():
        batch = close_betaalbatch(uitvoerdatum=date.today())
        paid = len(batch.regels) if batch else 0
    total_s = time.perf_counter() - started
    return {"xmls": len(xmls), "wave_s": wave_s, "total_s": total_s, "paid": paid}


def latencies(app) -> tuple[list[float], dict]:
    with app.app_context():
        rows = db.session.execute(select(Bericht.ontvangen_op, Bericht.verwerkt_op, Bericht.status)
                                  .where(Bericht.richting == "in")).all()
    statuses: dict[str, int] = {}
    for _, _, status in rows:
        statuses[status] = statuses.get(status, 0) + 1
    return [(v - o).total_seconds() for o, v, _ in rows if v is not None], statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--workers", default="2",
                        help="worker processes; a comma-separated list (1,2,4) runs the whole bench once per count")
    args = parser.parse_args()
    counts = [int(n) for n in str(args.workers).split(",") if n.strip()]
    if len(counts) > 1:
        results = [run_once(args.cases, n) for n in counts]
        base = results[0]["messages_per_second"] / counts[0]
        print(json.dumps({"scaling": [{"workers": r["workers"], "messages_per_second": r["messages_per_second"],
                                       "per_worker": round(r["messages_per_second"] / r["workers"], 2),
                                       "efficiency": round(r["messages_per_second"] / (r["workers"] * base), 2)}
                                      for r in results], "runs": results}, indent=2))
    else:
        print(json.dumps(run_once(args.cases, counts[0]), indent=2))


def run_once(cases: int, worker_count: int) -> dict:
    """The whole bench (fresh database, setup, timed waves) with `worker_count` workers; its figures."""
    url, dialect = database_url()
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("REDIS_URL is required: the benchmark measures the exchange through a real rq worker")
    app = fresh_app(url)
    setup_started = time.perf_counter()
    to_beschikkingen(app, cases)
    empty_job_queue(app)
    make_letters(app)
    setup_s = time.perf_counter() - setup_started
    with tempfile.TemporaryFile("w+") as log:
        workers = start_workers(worker_count, url, redis_url, log)
        try:
            result = run(app, cases)
        finally:
            for worker in workers:
                os.killpg(worker.pid, signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=60)
        log.seek(0)
        in_horse = job_seconds(log.read())
    lat, statuses = latencies(app)
    messages = sum(statuses.values())
    figures = {
        "cases": cases, "workers": worker_count, "database": dialect, "setup_seconds": round(setup_s, 1),
        "toewijzingen_downloaded": result["xmls"], "inbound_messages": messages, "inbound_by_status": statuses,
        "paid_batch_lines": result["paid"],
        "messages_per_second": round(messages / sum(result["wave_s"].values()), 2),
        "wave_seconds": {k: round(v, 2) for k, v in result["wave_s"].items()},
        "received_to_retour_seconds": {"p50": round(percentile(lat, 50), 3), "p95": round(percentile(lat, 95), 3),
                                       "max": round(max(lat, default=0), 3)},
        "job_seconds_in_worker": {"p50": round(percentile(in_horse, 50), 3),
                                      "p95": round(percentile(in_horse, 95), 3), "count": len(in_horse)},
        "end_to_end_seconds_per_case": round(result["total_s"] / cases, 4),
        "end_to_end_seconds_total": round(result["total_s"], 1),
    }
    if set(statuses) != {"verwerkt"}:
        print(json.dumps(figures, indent=2))
        sys.exit(f"bench/exchange.py: not every inbound bericht was handled as accepted ({statuses}); "
                 "the figures above measure refusals, not the chain")
    return figures


if __name__ == "__main__":
    main()
