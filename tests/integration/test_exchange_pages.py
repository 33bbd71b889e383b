"""The aanbieder's pages: the outbox with the toewijzing, downloading it, uploading a message and
seeing its retour, the toewijzingen; other roles are refused."""
import io
from datetime import date

import pytest

from app import db
from app.models import Bericht, ProcessingRecord
from app.simulator.berichten import not_xsd_valid, start_zorg
from exchange_flow import beschikking, first_of_last_month
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def zaak_with_301(api_as, person):
    return beschikking(api_as("consulent"), person.bsn)


def test_the_aanbieder_finds_the_toewijzing_downloads_it_and_uploads_the_start(client_as, zaak_with_301, person):
    web = client_as("aanbieder")
    page = web.get("/aanbieder/").get_data(as_text=True)
    assert "Toewijzing" in page and "Nieuw, nog niet opgehaald" in page
    bericht = db.session.query(Bericht).filter_by(richting="uit", nummer="301").one()
    download = web.get(f"/aanbieder/berichten/{bericht.id}/xml")
    assert download.status_code == 200 and download.mimetype == "application/xml"
    assert "attachment" in download.headers["Content-Disposition"]
    db.session.refresh(bericht)
    assert bericht.status == "opgehaald"

    upload = web.post("/aanbieder/versturen", content_type="multipart/form-data", data={
        "bestand": (io.BytesIO(start_zorg(download.data, "S305-W", first_of_last_month())), "start.xml")})
    assert upload.status_code == 302
    detail = web.get(upload.headers["Location"]).get_data(as_text=True)
    assert "Start zorg" in detail and "Verwerkt" in detail and "Retour start zorg" in detail

    toewijzingen = web.get("/aanbieder/toewijzingen").get_data(as_text=True)
    assert "Zorg gestart" in toewijzingen and person.achternaam in toewijzingen
    assert db.session.query(ProcessingRecord).filter_by(action="raadplegen", object_type="toewijzing").count() == 1


def test_an_upload_that_fails_the_xsd_is_stored_and_shown_as_refused_with_its_faults(client_as, zaak_with_301):
    web = client_as("aanbieder")
    xml_301 = db.session.query(Bericht).filter_by(richting="uit", nummer="301").one().inhoud
    broken = not_xsd_valid(start_zorg(xml_301, "S305-X", first_of_last_month()))
    upload = web.post("/aanbieder/versturen", content_type="multipart/form-data", data={
        "bestand": (io.BytesIO(broken), "start.xml")})
    assert upload.status_code == 302
    detail = web.get(upload.headers["Location"]).get_data(as_text=True)
    assert "Afgekeurd: het bericht is niet verwerkt." in detail and "XSD-schema" in detail and "wordt verwerkt" not in detail
    assert db.session.query(Bericht).filter_by(richting="in").one().inhoud == broken


def test_an_upload_without_a_file_gets_a_dutch_error(client_as):
    response = client_as("aanbieder").post("/aanbieder/versturen", content_type="multipart/form-data", data={})
    assert response.status_code == 400 and "Kies het XML-bestand" in response.get_data(as_text=True)


def test_staff_cannot_use_the_aanbieder_pages_and_a_look_at_a_bericht_is_logged(client_as, zaak_with_301, person):
    web = client_as("consulent")
    assert web.get("/aanbieder/").status_code == 403
    bericht = db.session.query(Bericht).filter_by(richting="uit", nummer="301").one()
    assert web.get(f"/aanbieder/berichten/{bericht.id}").status_code == 403
    refused = db.session.query(ProcessingRecord).filter_by(action="geweigerd").one()
    assert refused.subject_person_id == person.id
