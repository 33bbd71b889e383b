"""Benchmark (not a test): many simultaneous users against gunicorn on PostgreSQL with real rq workers.
Prints one JSON object on stdout.

Usage: DATABASE_URL=postgresql+psycopg://…/cumulus_bench_load REDIS_URL=redis://127.0.0.1:6390/6 \\
       python bench/load.py [--users 200] [--seconds 300] [--web-workers 4] [--rq-workers 2] [--cases 400]

Setup (not timed): the database (its name must contain 'bench') is emptied, migrated and seeded with the
demo municipality; --cases Wmo meldingen are made through the service layer (each waits at its triage; one in ten goes on
to its beschikking, so 301s wait in the aanbieder's outbox from the start);
`gunicorn wsgi:app` (sync workers, as the README runs it) and `flask worker`s start on 127.0.0.1; every
simulated user logs in (staff and the inwoner through the login form, with CSRF) or gets its API token.
Timed: a bounded thread pool of --users users for --seconds. Of every ten users six are staff, two the
inwoner and two an aanbieder system. Staff open the werkvoorraad, filter it (domein, termijn, behandeling,
a name search), open case views, and through the API list, claim and complete the tasks of their own
cases (each case belongs to one staff user: no two users race for a task); a besluit sends the 301.
The inwoner opens Mijn zaken, a case there, and GET /api/v1/mijn/zaken. Aanbieders poll their outbox,
download the 301s that belong to them and post the 302. Each user waits --think seconds (×0.5…1.5) between
actions. Traffic goes only to 127.0.0.1.

Reported: requests, errors by status (anything but 2xx/3xx, and dropped connections), p50/p95/p99 ms per
kind of request, the largest number of connections PostgreSQL saw from the application (sampled every
0.2 s) against what the pools allow, and whether any process logged a QueuePool timeout (the pool ran out).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import requests  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402

from app import db  # noqa: E402
from app.models import Bericht, HumanTask, Person, User  # noqa: E402
from engine import fresh_app, people_of, percentile  # noqa: E402

AGB, PRODUCT = "42420001", "01A03"
STAFF = ("consulent", "senior")
STEPS = {
    "triage": {"spoed": False, "samenvatting": "Hulp bij het huishouden nodig.", "vervolg": "onderzoek"},
    "onderzoek_gesprek": {
        "datum_gesprek": date.today().isoformat(), "aanwezigen": "Inwoner, consulent",
        "mantelzorger_betrokken": False, "clientondersteuning_aangeboden": True, "persoonlijk_plan_ontvangen": False,
        "identiteit_vastgesteld": True, "pgb_uitgelegd": True, "bevinding_behoeften": "Huishouden lukt niet.",
        "bevinding_eigen_kracht": "Lichte taken lukken.", "bevinding_mantelzorg_netwerk": "Geen.",
        "bevinding_ondersteuning_mantelzorger": "Niet van toepassing.",
        "bevinding_algemene_voorzieningen": "Geen passende.", "eigen_bijdrage_besproken": True},
    "onderzoek_verslag": {"verslag": "Maatwerk nodig.", "advies": "maatwerkvoorziening",
                          "verslag_verstrekt_op": date.today().isoformat(), "persoonlijk_plan": "ziet_af"},
    "aanvraag_registreren": {"aanvraag_ontvangen_op": date.today().isoformat(), "productcode": PRODUCT,
                             "leveringsvorm": "zin", "aanbieder": AGB, "omvang": 3, "eenheid": "04",
                             "frequentie": "per_week", "kosten_per_jaar": 1000,
                             "einddatum": (date.today() + timedelta(days=365)).isoformat(),  # weekly: CD076
                             "ingangsdatum": (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
                             .isoformat()},
    "besluit_voorbereiden": {"besluit": "toekennen", "grondslag": "art. 2.3.5 Wmo 2015",
                             "motivering": "Uit het onderzoek blijkt dat de voorziening nodig is."},
}


class Stats:
    """Latency per kind and status counts, shared by all user threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.status: Counter = Counter()
        self.errors: Counter = Counter()
        self.error_samples: list[str] = []

    def record(self, kind: str, started: float, status: int | str, detail: str = "") -> None:
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.ms[kind].append(elapsed)
            self.status[str(status)] += 1
            if not (isinstance(status, int) and status < 400):
                self.errors[f"{status}"] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind} {status} {detail[:300]}")


class User_:
    """One simulated user with its own HTTP session."""

    def __init__(self, base_url: str, stats: Stats, rng: random.Random):
        self.base, self.stats, self.rng = base_url, stats, rng
        self.http = requests.Session()

    def request(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=120, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            self.stats.record(kind, started, type(exc).__name__, str(exc))
            return None
        self.stats.record(kind, started, response.status_code, response.text if response.status_code >= 400 else "")
        return response

    def login(self, username: str) -> None:
        page = self.http.get(self.base + "/auth/inloggen", timeout=120)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.http.post(self.base + "/auth/inloggen", timeout=120, allow_redirects=False, data={
            "csrf_token": token, "gebruikersnaam": username, "wachtwoord": "demo"})
        if done.status_code != 302:
            sys.exit(f"login as {username} failed: {done.status_code}")


class Staff(User_):
    def __init__(self, base_url, stats, rng, username: str, api_token: str, zaken: set[int], names: list[str]):
        super().__init__(base_url, stats, rng)
        self.login(username)
        self.api = {"Authorization": f"Bearer {api_token}"}
        self.zaken, self.names = zaken, names

    def act(self) -> None:
        roll = self.rng.random()
        if roll < 0.25:
            self.request("werkvoorraad", "GET", "/werkvoorraad/")
        elif roll < 0.45:
            query = self.rng.choice(["domein=wmo", "termijn=deze-week", "behandeling=vrij", "domein=wmo&termijn=later",
                                     f"zoek={self.rng.choice(self.names)}"])
            self.request("werkvoorraad_filter", "GET", f"/werkvoorraad/?{query}")
        elif roll < 0.65:
            self.request("zaak_bekijken", "GET", f"/werkvoorraad/zaken/{self.rng.choice(sorted(self.zaken))}")
        else:
            self.complete_one()

    def complete_one(self) -> None:
        listed = self.request("api_taken", "GET", "/api/v1/taken?rol=consulent&limit=500", headers=self.api)
        if listed is None or listed.status_code != 200:
            return
        mine = [t for t in listed.json()["results"] if t["zaak_id"] in self.zaken and t["taak"] in STEPS]
        if not mine:
            return
        task = self.rng.choice(mine)
        claimed = self.request("api_claim", "POST", f"/api/v1/taken/{task['id']}/claim", headers=self.api)
        if claimed is None or claimed.status_code != 200:
            return
        self.request("api_voltooien", "POST", f"/api/v1/taken/{task['id']}/voltooien", headers=self.api,
                     json={"gegevens": STEPS[task["taak"]]})


class Inwoner(User_):
    def __init__(self, base_url, stats, rng, api_token: str, zaken: list[int]):
        super().__init__(base_url, stats, rng)
        self.login("inwoner")
        self.api, self.zaken = {"Authorization": f"Bearer {api_token}"}, zaken

    def act(self) -> None:
        roll = self.rng.random()
        if roll < 0.4:
            self.request("mijn_zaken", "GET", "/mijn/")
        elif roll < 0.7:
            self.request("mijn_zaak", "GET", f"/mijn/zaken/{self.rng.choice(self.zaken)}")
        else:
            self.request("api_mijn_zaken", "GET", "/api/v1/mijn/zaken", headers=self.api)


class AanbiederSystem(User_):
    """Polls the outbox; downloads and answers (302) the 301s whose id falls to this system (no races)."""

    def __init__(self, base_url, stats, rng, token: str, index: int, systems: int):
        super().__init__(base_url, stats, rng)
        self.api, self.index, self.systems, self.answered = {"Authorization": f"Bearer {token}"}, index, systems, set()

    def act(self) -> None:
        from app.simulator.berichten import answer_301
        outbox = self.request("aanbieder_outbox", "GET", "/api/v1/aanbieder/berichten?status=nieuw&limit=100",
                              headers=self.api)
        if outbox is None or outbox.status_code != 200:
            return
        mine = [b for b in outbox.json()["results"] if b["id"] % self.systems == self.index
                and b["id"] not in self.answered and b.get("bericht", "").endswith("301")]
        if not mine:
            return
        item = mine[0]
        xml = self.request("aanbieder_download", "GET", f"/api/v1/aanbieder/berichten/{item['id']}", headers=self.api)
        if xml is None or xml.status_code != 200:
            return
        self.answered.add(item["id"])
        self.request("aanbieder_versturen", "POST", "/api/v1/aanbieder/berichten",
                     data=answer_301(xml.content, f"L{item['id']}", date.today()),
                     headers={**self.api, "Content-Type": "application/xml"})


def to_beschikking(session, zaak_id: int) -> None:
    from app.services.tasks import complete_task
    consulent = session.scalar(select(User).where(User.username == "consulent"))
    while (task := session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open")
                                  .order_by(HumanTask.id).limit(1))) is not None and task.spec_name in STEPS:
        task_id, step = task.id, task.spec_name
        session.remove()
        complete_task(consulent, task_id, STEPS[step])
        session.remove()
        consulent = session.scalar(select(User).where(User.username == "consulent"))


def seed_cases(app, cases: int) -> dict:
    """Meldingen through the service layer (not timed); zaak ids per staff user and the inwoner's."""
    from app.services.accounts import create_api_token
    from app.services.exchange.tokens import create_aanbieder_token
    from app.services.meldingen import submit_melding
    with app.app_context():
        session = db.session
        users = {u.username: u for u in session.scalars(select(User))}
        inwoner_person = users["inwoner"].person_id
        people = [p for p in people_of(session, users["consulent"]) if p != inwoner_person]
        names = sorted({p.achternaam for p in session.scalars(select(Person))})[:20]
        zaken, inwoner_zaken = [], []
        for n in range(cases):
            person = inwoner_person if n % 20 == 0 else people[n % len(people)]
            zaak = submit_melding(users["consulent"], person_id=person, domein="wmo", omschrijving="Hulp nodig.",
                                  kanaal="telefoon")
            zaken.append(zaak.id)
            if person == inwoner_person:
                inwoner_zaken.append(zaak.id)
            session.remove()
            if n % 10 == 5:  # one in ten already has its beschikking: a 301 waits for the aanbieders from the start
                to_beschikking(session, zaak.id)
            users = {u.username: u for u in session.scalars(select(User))}
        tokens = {name: create_api_token(users[name], "load bench") for name in (*STAFF, "inwoner")}
        aanbieder_token = create_aanbieder_token(AGB, "load bench")
    return {"zaken": zaken, "inwoner_zaken": inwoner_zaken, "tokens": tokens, "aanbieder_token": aanbieder_token,
            "names": names}


def completed_tasks(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(HumanTask).where(HumanTask.status == "completed"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_services(url: str, redis_url: str, web_workers: int, rq_workers: int, log) -> tuple[list, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "CUMULUS_"))}
    env.update(DATABASE_URL=url, REDIS_URL=redis_url)
    port = free_port()
    bin_dir = Path(sys.executable).parent
    web = subprocess.Popen([str(bin_dir / "gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{port}", "--workers",
                            str(web_workers), "--backlog", "2048"], cwd=ROOT, env=env, stdout=log,
                           stderr=subprocess.STDOUT, start_new_session=True)
    workers = [subprocess.Popen([str(bin_dir / "flask"), "--app", "wsgi", "worker"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True) for _ in range(rq_workers)]
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(base + "/auth/inloggen", timeout=10).status_code == 200:
                break
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or web.poll() is not None:
            sys.exit("gunicorn did not start")
        time.sleep(0.3)
    return [web, *workers], base


def watch_connections(url: str, database: str, stop: threading.Event, out: dict) -> None:
    """Sample how many connections the application holds on the bench database."""
    engine = create_engine(url, pool_size=1, max_overflow=0)
    with engine.connect() as conn:
        while not stop.wait(0.2):
            rows = conn.execute(text("SELECT state, count(*) FROM pg_stat_activity WHERE datname = :d "
                                     "AND pid <> pg_backend_pid() GROUP BY state"), {"d": database}).all()
            conn.commit()
            total = sum(n for _, n in rows)
            active = sum(n for state, n in rows if state == "active")
            out["max_connections"] = max(out.get("max_connections", 0), total)
            out["max_active"] = max(out.get("max_active", 0), active)
    engine.dispose()


def run_users(users: list, seconds: float, think: float) -> None:
    stop_at = time.monotonic() + seconds

    def loop(user):
        time.sleep(user.rng.uniform(0, think))  # users do not all start in the same millisecond
        while time.monotonic() < stop_at:
            user.act()
            time.sleep(think * user.rng.uniform(0.5, 1.5))

    threads = [threading.Thread(target=loop, args=(u,), daemon=True) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds a user waits between actions")
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--rq-workers", type=int, default=2)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL")
    database = url.rsplit("/", 1)[-1]
    if not url.startswith("postgresql") or "bench" not in database:
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench' (it is emptied).")
    if not redis_url:
        sys.exit("REDIS_URL is required: jobs run in real rq workers, as in production")
    from redis import Redis
    Redis.from_url(redis_url).flushdb()
    app = fresh_app(url)
    seeded = seed_cases(app, args.cases)
    db.session.remove()
    rng = random.Random(args.seed)
    with tempfile.TemporaryFile("w+") as log:
        processes, base = start_services(url, redis_url, args.web_workers, args.rq_workers, log)
        watched, stop = {}, threading.Event()
        watcher = threading.Thread(target=watch_connections, args=(url, database, stop, watched), daemon=True)
        try:
            stats = Stats()
            staff_count = args.users * 6 // 10
            inwoners = args.users * 2 // 10
            aanbieders = args.users - staff_count - inwoners
            zaken = seeded["zaken"]
            setup_started = time.perf_counter()
            users = [Staff(base, stats, random.Random(rng.random()), STAFF[n % 2], seeded["tokens"][STAFF[n % 2]],
                           set(zaken[n::staff_count]) or {zaken[0]}, seeded["names"]) for n in range(staff_count)]
            users += [Inwoner(base, stats, random.Random(rng.random()), seeded["tokens"]["inwoner"],
                              seeded["inwoner_zaken"]) for _ in range(inwoners)]
            users += [AanbiederSystem(base, stats, random.Random(rng.random()), seeded["aanbieder_token"], n,
                                      aanbieders) for n in range(aanbieders)]
            login_s = time.perf_counter() - setup_started
            completed_before = completed_tasks(app)
            watcher.start()
            started = time.perf_counter()
            run_users(users, args.seconds, args.think)
            elapsed = time.perf_counter() - started
        finally:
            stop.set()
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)
        log.seek(0)
        output = log.read()
    done = completed_tasks(app) - completed_before
    with app.app_context():
        inbound = dict(db.session.execute(select(Bericht.status, func.count()).where(Bericht.richting == "in")
                                          .group_by(Bericht.status)).all())
    pool_timeouts = len(re.findall(r"QueuePool limit of size \d+ overflow \d+ reached", output))
    requests_total = sum(len(v) for v in stats.ms.values())
    print(json.dumps({
        "users": args.users, "seconds": args.seconds, "think_seconds": args.think, "web_workers": args.web_workers,
        "rq_workers": args.rq_workers, "cases": args.cases, "login_setup_seconds": round(login_s, 1),
        "requests": requests_total, "requests_per_second": round(requests_total / elapsed, 1),
        "errors": sum(stats.errors.values()), "errors_by_status": dict(stats.errors),
        "status_counts": dict(stats.status), "error_samples": stats.error_samples,
        "tasks_completed_in_run": done, "inbound_berichten_by_status": inbound,
        "ms_by_kind": {kind: {"n": len(v), "p50": round(percentile(v, 50), 1), "p95": round(percentile(v, 95), 1),
                              "p99": round(percentile(v, 99), 1)} for kind, v in sorted(stats.ms.items())},
        "database": {"max_connections_seen": watched.get("max_connections"),
                     "max_active_seen": watched.get("max_active"),
                     "pool_capacity": (args.web_workers + args.rq_workers) * (5 + 10),
                     "queuepool_timeouts_logged": pool_timeouts, "pool_ran_out": pool_timeouts > 0},
        "server_errors_logged": len(re.findall(r"Traceback \(most recent call last\)", output)),
    }, indent=2))


if __name__ == "__main__":
    main()
