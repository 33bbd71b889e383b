"""The AVG afschrift as PDF is made by a background job (#13 benchmark: the click answers within 2 s whatever the
size): the click records the request and goes on to the afschrift's page — "wordt gemaakt" until the job is done,
then the file — which only the one who asked can open, and which is removed once its time is up."""
import io
import threading
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update

from app import db
from app.jobs import background
from app.models import Afschrift, ProcessingRecord
from app.models.base import utcnow
from app.services import avg_afschrift
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: jobs on the app's own job thread
from portal_data import PDF, full_dossier, second_inwoner

PDF_URL = "/mijn/gegevens/downloaden/mijn-gegevens.pdf"


@pytest.fixture
def dossier_a(users):
    second_inwoner()
    return full_dossier(users["inwoner"], users["consulent"], users["gemachtigde"])


def _no_drain_client(app, username: str):
    """Logged in, but not waiting for the job thread after each request (as a browser does not)."""
    client = app.test_client(drain=False)
    assert client.post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": "demo"}).status_code == 302
    return client


def test_the_click_answers_at_once_and_the_pdf_follows_on_the_same_page(app, users, dossier_a, clock):
    busy = threading.Event()
    background.submit(app, busy.wait, 30)  # the job thread is busy: the afschrift has to wait its turn
    try:
        browser = _no_drain_client(app, "inwoner")
        clicked = browser.get(PDF_URL)
        assert clicked.status_code == 302 and "/mijn/gegevens/downloaden/afschrift/" in clicked.headers["Location"]
        waiting = browser.get(clicked.headers["Location"])
        body = waiting.get_data(as_text=True)
        assert waiting.status_code == 200 and waiting.mimetype == "text/html"
        assert "Uw afschrift wordt gemaakt" in body and '<meta http-equiv="refresh" content="1">' in body
        assert waiting.headers["Cache-Control"] == "no-store"
        clock.advance(seconds=20)  # a queue with other work ahead: the page looks again less often
        later = browser.get(clicked.headers["Location"]).get_data(as_text=True)
        assert '<meta http-equiv="refresh" content="3">' in later
        page = browser.get("/mijn/gegevens/downloaden").get_data(as_text=True)
        assert "Uw PDF-bestand wordt gemaakt." in page and clicked.headers["Location"] in page
    finally:
        busy.set()
    assert background.drain(timeout=120)
    ready = browser.get(clicked.headers["Location"])
    assert ready.mimetype == "application/pdf" and "attachment" in ready.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(ready.data))
    assert dossier_a["zaaknummer"] in " ".join(p.extract_text() for p in reader.pages)
    assert {name: c[0] for name, c in reader.attachments.items()} == {"beschikking-a.pdf": PDF, "brief.pdf": PDF}
    again = browser.get(clicked.headers["Location"]).get_data(as_text=True)
    assert "Het afschrift is klaar" in again and "is gedownload" in again and "refresh" not in again
    fetched = db.session.scalars(select(ProcessingRecord.description).where(
        ProcessingRecord.subject_person_id == dossier_a["person_id"], ProcessingRecord.object_type == "inzage")).all()
    assert "Alle gegevens gedownload (PDF, art. 15 AVG)" in fetched and "Afschrift (PDF) opgehaald" in fetched


def test_only_the_one_who_asked_opens_the_afschrift(app, client_as, users, dossier_a):
    clicked = client_as("inwoner").get(PDF_URL)
    url = clicked.headers["Location"]
    afschrift_id = int(url.rsplit("/", 1)[1])
    assert client_as("inwoner2").get(url).status_code == 404
    assert client_as("privacy").get(f"/privacy/afschriften/{afschrift_id}").status_code == 404
    assert client_as("consulent").get(f"/privacy/afschriften/{afschrift_id}").status_code == 403
    officer = client_as("privacy")
    made = officer.post(f"/privacy/personen/{dossier_a['person_id']}/afschrift",
                        data={"reden": "schriftelijk verzoek van J.M. Bakker", "formaat": "pdf"})
    assert made.status_code == 303
    officer_id = int(made.headers["Location"].rsplit("/", 1)[1])
    assert client_as("inwoner").get(f"/mijn/gegevens/downloaden/afschrift/{officer_id}").status_code == 404
    assert officer.get(made.headers["Location"]).mimetype == "application/pdf"
    back = officer.get(f"/privacy/personen/{dossier_a['person_id']}").get_data(as_text=True)
    assert "Uw PDF-afschrift is klaar." in back and made.headers["Location"] in back


def test_an_afschrift_whose_time_is_up_is_gone(app, client_as, dossier_a):
    inwoner = client_as("inwoner")
    url = inwoner.get(PDF_URL).headers["Location"]
    afschrift_id = int(url.rsplit("/", 1)[1])
    assert db.session.get(Afschrift, afschrift_id).expires_at - utcnow() > timedelta(hours=23)
    db.session.execute(update(Afschrift).where(Afschrift.id == afschrift_id)
                       .values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert inwoner.get(url).status_code == 404
    assert avg_afschrift.remove_expired() >= 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Afschrift).where(Afschrift.id == afschrift_id)) == 0
