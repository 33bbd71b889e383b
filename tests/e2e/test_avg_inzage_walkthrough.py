"""Mijn gegevens downloaden in headless Chromium: the inwoner goes from Mijn gegevens to the download page,
downloads her afschrift as PDF and JSON, is told in Dutch what is missing from a correction request, sends
one, and sees it among the berichten of her zaak; the privacy officer makes the same afschrift for a written
request, told in Dutch what is missing. axe-core finds no serious problems on the way."""
import json

import pytest
from test_case_walkthrough import checked, log_in, log_out

pytestmark = pytest.mark.browser


def test_an_inwoner_downloads_her_data_and_asks_for_a_correction(live_server, page, users):
    from playwright.sync_api import expect

    from app.services import meldingen
    inwoner = users["inwoner"]
    zaak = meldingen.submit_melding(inwoner, person_id=inwoner.person_id, domein="wmo", kanaal="portaal",
                                    omschrijving="Ik kan de trap niet meer op.")

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/gegevens")
    page.get_by_role("link", name="Mijn gegevens downloaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens downloaden")
    checked(page, "a01-inzage")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download als PDF").click()
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    with open(pdf_download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # the PDF is made by a job; the inwoner can come back to it (until it is removed)
    page.goto(f"{live_server}/mijn/gegevens/downloaden")
    expect(page.get_by_role("main")).to_contain_text("Uw PDF-bestand is klaar.")
    page.get_by_role("link", name="Naar uw afschrift van").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het afschrift is klaar")
    checked(page, "a01b-afschrift-klaar")
    with page.expect_download() as again:
        page.get_by_role("link", name="Download het PDF-bestand").click()
    assert again.value.suggested_filename == pdf_download.value.suggested_filename
    page.get_by_role("link", name="Terug").click()
    with page.expect_download() as json_download:
        page.get_by_role("link", name="Download als JSON-bestand").click()
    with open(json_download.value.path(), encoding="utf-8") as handle:
        afschrift = json.load(handle)
    zaken = [p for p in afschrift["onderdelen"] if p["tabel"] == "zaak"][0]["rijen"]
    assert [z["zaaknummer"] for z in zaken] == [zaak.zaaknummer]

    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf welke gegevens niet kloppen")
    expect(page.get_by_role("alert")).to_contain_text("Schrijf wat het wel moet zijn")
    checked(page, "a02-inzage-fout")
    page.get_by_label("Welke gegevens kloppen niet?").fill("Mijn huisnummer")
    page.get_by_label("Wat moet het zijn?").fill("Rijnstraat 14")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("naar de consulent gestuurd")
    expect(page.get_by_role("main")).to_contain_text("Verzoek om correctie (art. 16 AVG)")
    expect(page.get_by_role("main")).to_contain_text("Rijnstraat 14")
    checked(page, "a03-berichten")
    log_out(page)


def test_the_privacy_officer_makes_an_afschrift_for_a_written_request(live_server, page, users):
    from playwright.sync_api import expect

    log_in(page, live_server, "privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzageverzoeken")
    checked(page, "a04-privacy-zoeken")
    page.get_by_label("BSN van de inwoner").fill("12345")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("alert")).to_contain_text("Het BSN moet uit 9 cijfers bestaan")
    checked(page, "a05-privacy-zoeken-fout")
    page.get_by_label("BSN van de inwoner").fill(users["inwoner"].person.bsn)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("main")).to_contain_text(users["inwoner"].person.naam)
    page.get_by_role("button", name="Afschrift maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul de reden in")
    checked(page, "a06-privacy-reden-fout")
    page.get_by_label("Reden").fill("schriftelijk verzoek van J.M. Bakker d.d. 1 december 2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="Afschrift maken").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    log_out(page)
