"""Benchmark: the AVG export (inzage, art. 15 AVG) of a person with many zaken (#13: 50 zaken < 2 s).
Prints one JSON object on stdout.

Usage: [DATABASE_URL=postgresql+psycopg://…/cumulus_bench_avg] python bench/avg_export.py [--zaken N] [--repeat R]

Setup (not timed): a fresh database (SQLite in a temp folder by default; a PostgreSQL database name must
contain 'bench' or 'perf'), N Wmo meldingen for the demo inwoner through the service layer, each with a
beschikking document (a real one-page PDF), an upload, two portal messages and a consulent's read
(processing-log records).
Timed, logged in as the inwoner through Flask's test client (jobs on the in-process job thread, as without
Redis): the JSON download, the click on "Download als PDF" (the answer the browser gets: the afschrift's page)
and the time until the complete PDF is there on that page. Reported: p50/max seconds, the PDF's size and page
count, and the 2 s target beside them (the target is for the click; the PDF follows on the page); and, for
comparison, collecting and rendering the PDF straight in this thread, as the request did before the job.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from app import db  # noqa: E402
from app.models import Document, User, Zaak  # noqa: E402
from engine import database_url, fresh_app, percentile  # noqa: E402

TARGET_S = 2.0
#: How often the bench asks the afschrift page again (the page itself refreshes every 3 s).
POLL_S = 0.5
JSON_URL = "/mijn/gegevens/downloaden/mijn-gegevens.json"
PDF_URL = "/mijn/gegevens/downloaden/mijn-gegevens.pdf"


def setup(app, zaken: int) -> None:
    from app.jobs.pdf import render_pdf
    from app.services import bijlagen, dossier, meldingen, portaal_berichten
    letter = render_pdf("<h1>Beschikking</h1><p>U krijgt hulp bij het huishouden.</p>")
    with app.app_context():
        inwoner = db.session.query(User).filter_by(username="inwoner").one()
        consulent = db.session.query(User).filter_by(username="consulent").one()
        for i in range(zaken):
            zaak = meldingen.submit_melding(inwoner, person_id=inwoner.person_id, domein="wmo", kanaal="portaal",
                                            omschrijving=f"Melding {i}: ik kan de trap niet meer op en heb hulp "
                                                         "nodig bij het huishouden.")
            db.session.add(Document(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, soort="beschikking",
                                    titel=f"Beschikking {i}", bestandsnaam=f"beschikking-{i}.pdf",
                                    html="<p>Beschikking</p>", pdf=letter, sha256="0" * 64))
            db.session.commit()
            zaak = db.session.get(Zaak, zaak.id)
            bijlagen.add_bijlagen(inwoner, zaak, [bijlagen.Upload(f"brief-{i}.pdf", letter, "Brief van de huisarts")])
            portaal_berichten.send(inwoner, zaak, f"Vraag {i}: wanneer komt de consulent langs?", van="inwoner")
            portaal_berichten.send(consulent, zaak, f"Antwoord {i}: volgende week dinsdag om 10 uur.", van="gemeente")
            dossier.open_zaak(consulent, db.session.get(Zaak, zaak.id), purpose="wmo-behandeling")


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def fetch_pdf(client) -> tuple[float, float, bytes]:
    """(seconds until the click is answered, seconds until the PDF is there, the PDF). The click goes on to the
    afschrift's page ("wordt gemaakt", made by the job); the page is asked again, as its refresh does, until it
    gives the file."""
    start = time.perf_counter()
    response = client.get(PDF_URL)
    click = time.perf_counter() - start
    page = response.headers.get("Location")
    while response.mimetype != "application/pdf":
        assert response.status_code in (200, 302), response.status_code
        time.sleep(POLL_S)
        response = client.get(page)
    return click, time.perf_counter() - start, response.data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zaken", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url, backend = database_url()
    app = fresh_app(url)
    app.config["WTF_CSRF_ENABLED"] = False  # the test client logs in through the real form
    setup(app, args.zaken)
    client = app.test_client()
    client.post("/auth/inloggen", data={"gebruikersnaam": "inwoner", "wachtwoord": "demo"})
    json_times, clicks, readies, pdf = [], [], [], b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(JSON_URL)
        json_times.append(time.perf_counter() - start)
        assert response.status_code == 200 and response.mimetype == "application/json"
        click, ready, pdf = fetch_pdf(client)
        clicks.append(click)
        readies.append(ready)
    render_times = [_render_once(app) for _ in range(2)]
    result = {"backend": backend, "zaken": args.zaken, "repeat": args.repeat, "target_s": TARGET_S,
              "json_s": _stats(json_times), "pdf_click_s": _stats(clicks), "pdf_ready_s": _stats(readies),
              "pdf_render_in_request_s": _stats(render_times),
              "pdf_pages": pdf_pages(pdf), "pdf_kib": round(len(pdf) / 1024),
              "click_within_target": max(clicks) < TARGET_S, "pdf_within_target": max(readies) < TARGET_S}
    print(json.dumps(result, indent=2))


def _render_once(app) -> float:
    """Collect and render the PDF here, as the request did before the job (for comparison)."""
    from app.models import Person
    from app.services import avg_export
    with app.test_request_context():
        inwoner = db.session.query(User).filter_by(username="inwoner").one()
        start = time.perf_counter()
        afschrift = avg_export.collect(db.session, db.session.get(Person, inwoner.person_id), verzoek="bench")
        avg_export.as_pdf(afschrift)
        elapsed = time.perf_counter() - start
        db.session.rollback()
    return elapsed


def _stats(times: list[float]) -> dict:
    return {"p50": round(percentile(times, 50), 3), "max": round(max(times), 3)}


if __name__ == "__main__":
    main()
