"""The beschikking letter: written as HTML and PDF when the beschikking is vastgesteld, kept with the zaak,
with what the Awb and the Wmo ask, readable by the inwoner and the consulent and by nobody else."""
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest

from app import db
from app.models import Beschikking, Document, ZaakEvent
from app.services.beschikking_document import create_beschikking_document, make_missing_documents
from case_flow import complete_steps, start_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _jobs_inline(app):
    """The letter job runs in-process here (these tests read the letter; test_jobs covers rq itself)."""
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    yield
    app.config["REDIS_URL"] = previous


def _toegekend(api_as, person) -> int:
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], besluit="toekennen", kosten=2400)
    return zaak["id"]


def test_a_toekenning_gets_a_letter_with_what_the_law_requires(api_as, person):
    zaak_id = _toegekend(api_as, person)
    [document] = db.session.query(Document).filter_by(zaak_id=zaak_id).all()
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak_id).one()
    assert document.beschikking_id == beschikking.id and document.soort == "beschikking"
    html = document.html
    for required in ("uw aanvraag is toegekend", "kent u de volgende", "Hulp bij het huishouden",  # besluit, product
                     "Wij nemen dit besluit op grond van artikel 2.3.5 Wmo 2015 en de Verordening "
                     "maatschappelijke ondersteuning Woerden.",                              # grondslag, a sentence
                     "Uw consulent is <strong>Consulent (demo)</strong>",                   # who to ask
                     "14 0348",                                                             # and how
                     "3 uur per week",                                                       # omvang
                     "Ingangsdatum", "Einddatum",                                            # duur
                     "Zorg in natura (ZIN)",                                                 # leveringsvorm
                     "Uit het onderzoek blijkt dat de voorziening nodig is.",                # motivering
                     "bezwaar", "binnen zes weken", "6:7"):                                  # bezwaarclausule
        assert required in html, required
    assert document.pdf.startswith(b"%PDF-") and len(document.pdf) > 5000
    assert document.bestandsnaam.endswith(".pdf")
    events = [e.kind for e in db.session.query(ZaakEvent).filter_by(zaak_id=zaak_id)]
    assert "document_gemaakt" in events


def test_the_pdf_holds_the_text_of_the_letter(api_as, person):
    zaak_id = _toegekend(api_as, person)
    document = db.session.query(Document).filter_by(zaak_id=zaak_id).one()
    from pypdf import PdfReader
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(document.pdf)).pages)
    assert "toegekend" in text and "bezwaar" in text and person.achternaam in text


def test_the_inwoner_and_the_consulent_read_it_and_another_inwoner_cannot(api_as, client_as, person):
    zaak_id = _toegekend(api_as, person)
    document = db.session.query(Document).filter_by(zaak_id=zaak_id).one()
    for username in ("inwoner", "consulent"):
        client = client_as(username)
        page = client.get(f"/documenten/{document.id}")
        assert page.status_code == 200 and "Bent u het niet eens met dit besluit?" in page.get_data(as_text=True)
        pdf = client.get(f"/documenten/{document.id}/pdf")
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    assert client_as("aanbieder").get(f"/documenten/{document.id}").status_code == 404
    zaak_page = client_as("consulent").get(f"/werkvoorraad/zaken/{zaak_id}").get_data(as_text=True)
    assert f"/documenten/{document.id}/pdf" in zaak_page


def test_an_afwijzing_says_so_and_keeps_the_bezwaar_clause(api_as, person):
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], besluit="afwijzen")
    toets = [t for t in api_as("beoordelaar").get("/api/v1/taken").json["results"] if t["zaak_id"] == zaak["id"]][0]
    from case_data import form_data
    api_as("beoordelaar").post(f"/api/v1/taken/{toets['id']}/voltooien", json={"gegevens": form_data("vier_ogen_toets")})
    html = db.session.query(Document).filter_by(zaak_id=zaak["id"]).one().html
    assert "uw aanvraag is afgewezen" in html and "wijst uw aanvraag" in html and "niet nodig is." in html
    assert "binnen zes weken" in html and "Zorg in natura" not in html


def test_a_letter_is_made_once_and_a_missing_one_is_made_by_the_tick(api_as, person):
    zaak_id = _toegekend(api_as, person)
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak_id).one()
    first = db.session.query(Document).filter_by(beschikking_id=beschikking.id).one()
    assert create_beschikking_document(beschikking.id).id == first.id  # a job run twice changes nothing
    db.session.query(Document).delete()  # as if the job was lost: no letter, so no bekendmaking either
    beschikking.bekendgemaakt_op = beschikking.bezwaar_tot = None
    db.session.commit()
    assert make_missing_documents() == 1
    assert db.session.query(Document).filter_by(beschikking_id=beschikking.id).count() == 1


def test_a_beschikking_made_known_outside_the_platform_gets_no_letter_from_the_tick(api_as, person):
    """The demo history's beschikkingen went out on paper before the platform: the tick has none to write."""
    _toegekend(api_as, person)
    db.session.query(Document).delete()  # made known (bekendgemaakt_op stays), the letter is not here
    db.session.commit()
    assert make_missing_documents() == 0


REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set (.ci/run starts a Redis)")
def test_with_redis_a_real_worker_writes_the_letter_after_the_commit(app, api_as, person, database_url):
    from redis import Redis
    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL  # the fixture above made it in-process; here the real queue
    zaak_id = _toegekend(api_as, person)
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).count() == 0  # queued, not written here
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url, "TEST_DATABASE_URL": database_url,
           "CUMULUS_ENV": "test"}
    worker = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert worker.returncode == 0, worker.stderr[-2000:]
    db.session.remove()
    assert db.session.query(Document).filter_by(zaak_id=zaak_id).one().pdf.startswith(b"%PDF-")
    Redis.from_url(REDIS_URL).flushdb()


def test_two_writers_of_one_letter_meet_and_both_return_the_one_letter(app, api_as, person):
    """A job and the tick (or a retried job) write the same letter at once: both pass the 'exists?' check while
    the other renders its PDF; the unique beschikking_id lets one commit, and the other returns that letter
    instead of failing (CI once saw the job thread and a direct call collide)."""
    import threading
    zaak_id = _toegekend(api_as, person)
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak_id).one()
    db.session.query(Document).delete()
    beschikking.bekendgemaakt_op = beschikking.bezwaar_tot = None
    db.session.commit()
    start, results, errors = threading.Barrier(2), [], []

    def write():
        with app.app_context():
            start.wait()
            try:
                results.append(create_beschikking_document(beschikking.id).id)
            except Exception as exc:  # the failure this test is about
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert db.session.query(Document).filter_by(beschikking_id=beschikking.id).count() == 1
