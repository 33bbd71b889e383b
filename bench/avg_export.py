"""Benchmark: the AVG export (inzage, art. 15 AVG) of a person with many zaken (#13: 50 zaken < 2 s).
Prints one JSON object on stdout.

Usage: [DATABASE_URL=postgresql+psycopg://…/cumulus_bench_avg] python bench/avg_export.py [--zaken N] [--repeat R]
       [--profile]

Setup (not timed): a fresh database (SQLite in a temp folder by default; a PostgreSQL database name must
contain 'bench' or 'perf'), N Wmo meldingen for the demo inwoner through the service layer, each with a
beschikking document (a real one-page PDF), an upload, two portal messages and a consulent's read
(processing-log records).
Timed, logged in as the inwoner through Flask's test client (jobs on the in-process job thread, as without
Redis): the JSON download, the click on "Download als PDF" (the answer the browser gets: the afschrift's page)
and the time until the complete PDF is there on that page (asked every POLL_S; the page itself looks again
after REFRESH_S). Then the PDF's stages straight in this thread: collecting the rows (the database), making
the parts, laying out the pages (ReportLab) and embedding the files (pypdf), with the CPU seconds beside the
wall-clock ones (the machine may be shared). Each figure as min, p50 and max over the runs, the PDF's size and
page count, and the 2 s target beside them. `before` holds the figures measured with the WeasyPrint layout
(commit c192f45) on the same machine. --profile samples the stages with py-spy (when installed) and adds
the top frames.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from app import db  # noqa: E402
from app.models import Document, User, Zaak  # noqa: E402
from engine import database_url, fresh_app, percentile  # noqa: E402

TARGET_S = 2.0
#: How often the bench asks the afschrift page again, to see when the PDF is there.
POLL_S = 0.1
#: The figures of this bench with the WeasyPrint layout (commit c192f45, 7 December 2026, the same 2-core machine
#: shared with five other jobs): three runs of --repeat 3 per backend, p50 and max of each run.
BEFORE = {
    "layout": "WeasyPrint 70 (templates/documents/avg_inzage.html), polled every 0.5 s",
    "pdf_pages": 66, "pdf_kib": 682,
    "postgresql": {"pdf_ready_s_p50_of_runs": [5.509, 4.253, 3.623], "pdf_ready_s_max_of_runs": [17.725, 6.57, 4.194],
                   "render_in_thread_s_p50_of_runs": [5.056, 3.311, 3.201], "json_s_p50_of_runs": [0.316, 0.131, 0.128]},
    "sqlite": {"pdf_ready_s_p50_of_runs": [6.36, 3.585, 3.576], "pdf_ready_s_max_of_runs": [6.378, 5.159, 4.646],
               "render_in_thread_s_p50_of_runs": [3.258, 3.638, 2.976], "json_s_p50_of_runs": [0.086, 0.071, 0.062]},
    "weasyprint_cpu_s": {"layout": 2.7, "write_pdf_with_files": 1.0,
                         "note": "process CPU seconds of HTML().render() and write_pdf() for the same HTML"},
    "profile_top_self_frames": ["Layout.get_first_line (weasyprint/text/line_break.py)",
                                "StyleFor.set_computed_styles (weasyprint/css)", "Color.to (tinycss2/color4.py)",
                                "HTMLUnicodeInputStream.chars_until (tinyhtml5)", "ParentBox.__init__ (boxes.py)",
                                "draw_first_line (weasyprint/draw/text.py)"],
    "profile_share": {"layout (make_all_pages)": 0.41, "css cascade (get_all_computed_styles)": 0.14,
                      "html parse": 0.04, "drawing and writing the pages (write_pdf)": 0.32},
}
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
    parser.add_argument("--profile", action="store_true", help="sample the stages with py-spy, add the top frames")
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
    stages = [_stages(app) for _ in range(args.repeat)]
    result = {"backend": backend, "zaken": args.zaken, "repeat": args.repeat, "target_s": TARGET_S,
              "json_s": _stats(json_times), "pdf_click_s": _stats(clicks), "pdf_ready_s": _stats(readies),
              "pdf_stages_s": {name: _stats([s[name] for s in stages]) for name in stages[0]},
              "pdf_pages": pdf_pages(pdf), "pdf_kib": round(len(pdf) / 1024),
              "click_within_target": max(clicks) < TARGET_S, "pdf_within_target": max(readies) < TARGET_S,
              "before": BEFORE}
    if args.profile:
        result["profile"] = _profile(app)
    print(json.dumps(result, indent=2))


def _stages(app) -> dict:
    """One PDF made here, stage by stage: seconds (wall clock, and the process's CPU for the whole)."""
    from app.models import Person
    from app.services import avg_export, avg_pdf
    with app.test_request_context():
        inwoner = db.session.query(User).filter_by(username="inwoner").one()
        cpu, start = time.process_time(), time.perf_counter()
        afschrift = avg_export.collect(db.session, db.session.get(Person, inwoner.person_id), verzoek="bench")
        collected = time.perf_counter()
        cover, sections, files = avg_export.pdf_parts(afschrift)
        parted = time.perf_counter()
        pages = avg_pdf.layout(cover, sections)
        laid_out = time.perf_counter()
        avg_pdf.attach(pages, files)
        end = time.perf_counter()
        db.session.rollback()
    return {"collect_db": collected - start, "parts": parted - collected, "layout_reportlab": laid_out - parted,
            "attach_files_pypdf": end - laid_out, "total": end - start, "total_cpu": time.process_time() - cpu}


def _profile(app, renders: int = 5) -> dict:
    """py-spy (sampling this process) over `renders` PDFs made here: the frames most samples were in."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).is_file():
        return {"error": "py-spy is not installed (pip install -r requirements-dev.txt)"}
    raw = Path(tempfile.mkdtemp(prefix="cumulus-avg-profile-")) / "avg.txt"
    sampler = subprocess.Popen([spy, "record", "--pid", str(os.getpid()), "--rate", "250", "--format", "raw",
                                "--output", str(raw)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches
    for _ in range(renders):
        _stages(app)
    sampler.send_signal(signal.SIGINT)
    sampler.wait(timeout=30)
    if not raw.is_file():
        return {"error": "py-spy wrote no samples (it needs permission to trace this process)"}
    own, within, total = Counter(), Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not any("_stages" in f for f in frames):
            continue  # the bench waiting for py-spy, not the PDF
        total += int(count)
        own[_short(frames[-1])] += int(count)
        for frame in {_short(f) for f in frames
                      if f" ({Path(__file__).name}:" not in f}:  # not the bench's own frames (py-spy: path on sys.path)
            within[frame] += int(count)

    def share(counter: Counter, n: int) -> list:
        return [{"frame": f, "share": round(c / total, 3)} for f, c in counter.most_common(n)]
    return {"samples": total, "renders": renders, "top_self": share(own, 12), "top_inclusive": share(within, 15)}


def _short(frame: str) -> str:
    """'func (/long/path/site-packages/pkg/mod.py:12)' → 'func (pkg/mod.py:12)'."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.split('site-packages/')[-1].replace(str(ROOT) + '/', '')}" if where else name


def _stats(times: list[float]) -> dict:
    return {"min": round(min(times), 3), "p50": round(percentile(times, 50), 3), "max": round(max(times), 3)}


if __name__ == "__main__":
    main()
