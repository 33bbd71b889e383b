"""Every upload is scanned by the real ClamAV daemon (CLAMD_SOCKET, started by .ci/run or
scripts/clamd.sh with the repo's signature set) and typed from its bytes: an infected, disguised or
unscanned file (scanner down in production) is refused beside its field and nothing of it is stored."""
import html
import io
import logging
import os

import pytest

from app import db
from app.config import ProductionConfig
from app.models import Bericht, Bijlage, ProcessingRecord, Zaak
from app.services import meldingen
from portal_data import PDF

# The EICAR anti-virus test string, put together here so that the repository holds no such file.
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()
INFECTED_PDF = b"%PDF-1.4\n% " + EICAR + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BERICHT = b'<?xml version="1.0" encoding="UTF-8"?>\n<iwmo:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"/>\n'


@pytest.fixture
def clamd(app, monkeypatch):
    """The running clamd; CI must have one, elsewhere these tests are skipped without it."""
    socket_path = os.environ.get("CLAMD_SOCKET")
    if not socket_path:
        if os.environ.get("CI"):
            pytest.fail("CLAMD_SOCKET is not set in CI: .ci/run starts clamd with scripts/clamd.sh")
        pytest.skip("no clamd: start one with `scripts/clamd.sh start` and export CLAMD_SOCKET")
    monkeypatch.setitem(app.config, "CLAMD_SOCKET", socket_path)
    monkeypatch.setitem(app.config, "UPLOAD_SCAN_REQUIRED", True)
    return socket_path


@pytest.fixture
def scanner_down(app, monkeypatch, tmp_path):
    """Production's rule with a clamd that does not answer."""
    monkeypatch.setitem(app.config, "CLAMD_SOCKET", str(tmp_path / "no-clamd.sock"))
    monkeypatch.setitem(app.config, "UPLOAD_SCAN_REQUIRED", ProductionConfig.UPLOAD_SCAN_REQUIRED)


def _melding(client, *files):
    return client.post("/mijn/melding", content_type="multipart/form-data", data={
        "domein": "wmo", "omschrijving": "Ik kan niet meer zelf stofzuigen.",
        "bijlagen": [(io.BytesIO(data), name) for data, name in files]})


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _nothing_stored():
    return (db.session.query(Zaak).count(), db.session.query(Bijlage).count(),
            db.session.query(ProcessingRecord).count()) == (0, 0, 0)


def _own_zaak(users):
    return meldingen.submit_melding(users["inwoner"], person_id=users["inwoner"].person_id, domein="wmo",
                                    kanaal="portaal", omschrijving="Hulp bij het huishouden.")


def test_a_clean_document_is_scanned_and_stored(clamd, client_as):
    assert _melding(client_as("inwoner"), (PDF, "brief.pdf")).status_code == 302
    assert db.session.query(Bijlage).one().inhoud == PDF


def test_an_infected_document_stops_the_melding_with_a_dutch_message_beside_the_field(clamd, client_as):
    response = _melding(client_as("inwoner"), (PDF, "brief.pdf"), (INFECTED_PDF, "verslag.pdf"))
    page = _text(response)
    assert response.status_code == 400
    assert 'id="field-bijlagen-error"' in page
    assert "Het bestand 'verslag.pdf' bevat een virus (Cumulus.Test.EICAR.UNOFFICIAL) en is niet aangenomen." in page
    assert _nothing_stored()


def test_an_infected_document_on_a_running_zaak_is_refused(clamd, client_as, users):
    zaak = _own_zaak(users)
    response = client_as("inwoner").post(f"/mijn/zaken/{zaak.id}/bijlagen", content_type="multipart/form-data",
                                         data={"bijlagen": [(io.BytesIO(INFECTED_PDF), "scan.pdf")]})
    assert response.status_code == 400 and "bevat een virus" in _text(response)
    assert db.session.query(Bijlage).count() == 0


def test_a_pdf_renamed_to_png_is_refused_and_not_stored(client_as, users):
    zaak = _own_zaak(users)
    response = client_as("inwoner").post(f"/mijn/zaken/{zaak.id}/bijlagen", content_type="multipart/form-data",
                                         data={"bijlagen": [(io.BytesIO(PDF), "foto.png")]})
    assert response.status_code == 400
    assert "Het bestand 'foto.png' is een PDF, maar de naam eindigt op .png." in _text(response)
    assert db.session.query(Bijlage).count() == 0


def test_an_executable_renamed_to_pdf_is_refused(client_as):
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)
    response = _melding(client_as("inwoner"), (exe, "brief.pdf"))
    assert response.status_code == 400
    assert "is geen PDF, JPG of PNG (het is een uitvoerbaar programma)" in _text(response)
    assert _nothing_stored()


def test_an_infected_or_non_xml_bericht_on_the_aanbieder_page_is_refused_and_not_stored(clamd, client_as):
    web = client_as("aanbieder")
    infected = BERICHT.replace(b"\n<iwmo", b"\n<!-- " + EICAR + b" -->\n<iwmo")
    for data, name, message in [(infected, "start.xml", "bevat een virus"),
                                (PDF, "start.xml", "is geen XML-bestand"),
                                (BERICHT, "start.pdf", "de naam eindigt op .pdf")]:
        response = web.post("/aanbieder/versturen", content_type="multipart/form-data",
                            data={"bestand": (io.BytesIO(data), name)})
        page = _text(response)
        assert response.status_code == 400 and message in page and 'id="field-bestand-error"' in page
    assert db.session.query(Bericht).count() == 0


def test_production_refuses_uploads_while_the_scanner_is_down(scanner_down, client_as, caplog):
    with caplog.at_level(logging.ERROR, logger="app.services.virus_scan"):
        response = _melding(client_as("inwoner"), (PDF, "brief.pdf"))
    assert response.status_code == 400
    assert "De virusscanner is op dit moment niet bereikbaar" in _text(response)
    assert _nothing_stored()
    assert "Virus scanner unavailable" in caplog.text
    web = client_as("aanbieder")
    refused = web.post("/aanbieder/versturen", content_type="multipart/form-data",
                       data={"bestand": (io.BytesIO(BERICHT), "start.xml")})
    assert refused.status_code == 400 and "niet bereikbaar" in _text(refused)
    assert db.session.query(Bericht).count() == 0


def test_development_without_a_scanner_accepts_the_upload_with_a_warning_in_the_log(app, monkeypatch, tmp_path,
                                                                                   client_as, caplog):
    monkeypatch.setitem(app.config, "CLAMD_SOCKET", None)
    monkeypatch.setitem(app.config, "UPLOAD_SCAN_REQUIRED", False)
    with caplog.at_level(logging.WARNING, logger="app.services.virus_scan"):
        assert _melding(client_as("inwoner"), (PDF, "brief.pdf")).status_code == 302
    assert "VIRUS SCANNER UNAVAILABLE" in caplog.text and "NOT scanned" in caplog.text
    assert db.session.query(Bijlage).count() == 1


def test_production_configuration_requires_the_scan():
    assert ProductionConfig.UPLOAD_SCAN_REQUIRED is True


def test_the_gate_a_bpmn_upload_will_call_types_and_scans_a_model(clamd, app):
    from app.services.errors import InvalidInput
    from app.services.upload_check import check_file
    model = (b'<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
             b'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>\n')
    with app.app_context():
        assert check_file("melding.bpmn", model, "bpmn", field="bpmn") == "application/xml"
        for data, name, message in [(model.replace(b"\n<bpmn", b"\n<!-- " + EICAR + b" -->\n<bpmn"), "melding.bpmn",
                                     "bevat een virus"),
                                    (model, "melding.exe", "de naam eindigt op .exe. Geef het een naam die op .bpmn"),
                                    (PDF, "melding.bpmn", "is geen XML-bestand")]:
            with pytest.raises(InvalidInput) as refused:
                check_file(name, data, "bpmn", field="bpmn")
            assert message in refused.value.errors["bpmn"]
