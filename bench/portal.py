"""Benchmark: the inwoner portal pages for an inwoner with many zaken and a long processing log.
Prints one JSON object on stdout.

Usage: [DATABASE_URL=postgresql+psycopg://…/cumulus_bench_portal] python bench/portal.py [--zaken N] [--reads R]

Setup (not timed): a fresh database (SQLite in a temp folder by default; a PostgreSQL database name
must contain 'bench' or 'perf'), N Wmo meldingen for the demo inwoner through the service layer, and R
reads of her zaken by a consulent (processing-log records).
Timed: GET /mijn/ (Mijn zaken: progress, deadlines, to-do per zaak), /mijn/zaken/<id>, and the first
and last page of /mijn/wie-bekeek-mijn-gegevens, each `--repeat` times through Flask's test client,
logged in as the inwoner. Reported: p50/p95 milliseconds per page and the number of SQL statements
one request of each page runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import event  # noqa: E402

from app import db  # noqa: E402
from app.models import User, Zaak  # noqa: E402
from engine import database_url, fresh_app, ms, percentile  # noqa: E402


def setup(app, zaken: int, reads: int) -> int:
    from app.services import dossier, meldingen
    with app.app_context():
        inwoner = db.session.query(User).filter_by(username="inwoner").one()
        consulent = db.session.query(User).filter_by(username="consulent").one()
        last = None
        for i in range(zaken):
            last = meldingen.submit_melding(inwoner, person_id=inwoner.person_id, domein="wmo", kanaal="portaal",
                                            omschrijving=f"Melding {i}: hulp bij het huishouden.")
        for _ in range(reads):
            dossier.open_zaak(consulent, db.session.get(Zaak, last.id), purpose="wmo-behandeling")
        return last.id


def timed(client, url: str, repeat: int, counter: list[int]) -> dict:
    times = []
    for _ in range(repeat):
        counter[0] = 0
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return {"p50_ms": ms(percentile(times, 50)), "p95_ms": ms(percentile(times, 95)), "sql_statements": counter[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zaken", type=int, default=30)
    parser.add_argument("--reads", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    url, backend = database_url()
    app = fresh_app(url)
    app.config["WTF_CSRF_ENABLED"] = False  # the test client logs in through the real form
    zaak_id = setup(app, args.zaken, args.reads)
    counter = [0]
    event.listen(_engine(app), "before_cursor_execute",
                 lambda *a, **k: counter.__setitem__(0, counter[0] + 1))
    client = app.test_client()
    client.post("/auth/inloggen", data={"gebruikersnaam": "inwoner", "wachtwoord": "demo"})
    pages = (args.reads + 49) // 50 + 1  # the inwoner's own records are not listed
    result = {"backend": backend, "zaken": args.zaken, "consulent_reads": args.reads, "repeat": args.repeat}
    for name, page_url in (("mijn_zaken", "/mijn/"), ("zaak", f"/mijn/zaken/{zaak_id}"),
                           ("wie_bekeek_p1", "/mijn/wie-bekeek-mijn-gegevens"),
                           ("wie_bekeek_last", f"/mijn/wie-bekeek-mijn-gegevens?pagina={pages}")):
        result[name] = timed(client, page_url, args.repeat, counter)
    print(json.dumps(result, indent=2))


def _engine(app):
    with app.app_context():
        return db.session.get_bind()


if __name__ == "__main__":
    main()
