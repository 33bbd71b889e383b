"""A letter's PDF is made after the commit, never inside the click that wrote the letter (#15 point 2): the HTML is
kept at once, the job makes the PDF, a job lost in a crash is redone by the recovery every tick runs, and a
download before the job ran still gets the PDF (rendered on the spot, not kept)."""
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.jobs.background import drain
from app.jobs.queue import QUEUE
from app.jobs.tasks import recover_lost_jobs
from app.models import Document, Zaak
from app.services import brief_pdf
from app.services.termijn_brieven import store_letter
from app.services.uow import unit_of_work
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: the job thread, unless a test takes Redis
from real_worker import REDIS_URL, redis_jobs  # noqa: F401 — fixture

ROOT = Path(__file__).resolve().parents[2]

HTML = "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Brief</title></head><body><p>Beste mevrouw Bakker,</p></body></html>"


def _letter(zaak_id: int) -> int:
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak_id)
        document = store_letter(session, zaak, "verdaging", "Verdaging beslistermijn", "verdaging-test.pdf", HTML)
        return document.id


def _zaak(users) -> int:
    from app.services.meldingen import submit_melding
    return submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon", ontvangen_op=date.today()).id


def test_the_letter_is_kept_at_once_and_its_job_makes_the_pdf_after_the_commit(users):
    document_id = _letter(_zaak(users))
    assert drain(timeout=120)
    document = db.session.get(Document, document_id)
    assert document.html == HTML and document.pdf.startswith(b"%PDF-") and len(document.sha256) == 64
    assert brief_pdf.make_pdf(document_id) is False  # a second run changes nothing


def test_a_lost_job_is_redone_by_the_recovery_and_a_download_meanwhile_gets_the_pdf(users, client_as):
    zaak_id = _zaak(users)
    document_id = _letter(zaak_id)
    assert drain(timeout=120)
    document = db.session.get(Document, document_id)
    document.pdf = document.sha256 = None  # as if the process died between the commit and its job
    db.session.commit()
    download = client_as("inwoner").get(f"/mijn/zaken/{zaak_id}/documenten/{document_id}/pdf")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    db.session.expire_all()
    assert db.session.get(Document, document_id).pdf is None  # a read renders, it does not write
    assert recover_lost_jobs()["pdfs"] == 1
    db.session.expire_all()
    assert db.session.get(Document, document_id).pdf.startswith(b"%PDF-")
    assert recover_lost_jobs()["pdfs"] == 0


@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (.ci/run starts a Redis)")
def test_with_redis_a_real_rq_worker_makes_the_pdf_queued_after_the_commit(users, redis_jobs, database_url):
    document_id = _letter(_zaak(users))
    assert db.session.get(Document, document_id).pdf is None and redis_jobs.llen(f"rq:queue:{QUEUE}") >= 1
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url, "TEST_DATABASE_URL": database_url,
           "CUMULUS_ENV": "test"}
    worker = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    assert worker.returncode == 0, worker.stderr[-2000:]
    db.session.expire_all()
    assert db.session.get(Document, document_id).pdf.startswith(b"%PDF-")
