"""The backoffice's "Declaratieregels beoordelen" in headless Chromium at 1440 px (and 320 px): the task shows the
line it asks to judge (client, product, period, volume, tarief, bedrag, the rule that stopped it and why) and the
toewijzing it is checked against; its link leads to Betalingen, where the approved amount waits in the open
betaalbatch, which is closed, released by a colleague (vier-ogen) and downloaded as pain.001."""
import sys
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.domain.sepa import validate_pain001
from app.models import Toewijzing
from app.simulator.berichten import answer_301, declaratie, leveringen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared exchange helpers
from exchange_flow import AANBIEDER, aanbieder_client, beschikking, first_of_last_month  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — the messages are handled in the request
from test_case_walkthrough import checked, log_in, log_out, open_task  # noqa: E402

pytestmark = pytest.mark.browser
WIDE, NARROW = {"width": 1440, "height": 900}, {"width": 320, "height": 800}


def test_the_backoffice_judges_the_line_it_is_shown_and_pays_it_through_betalingen(live_server, page, app, api_as,
                                                                                   person, monkeypatch):
    from playwright.sync_api import expect

    monkeypatch.setitem(app.config, "DECLARATIE_HANDMATIG_VANAF", 30_000)  # lines of € 300 and more
    beschikking(api_as("consulent"), person.bsn)
    aanbieder = aanbieder_client(app, AANBIEDER["wmo"])
    xml_301 = aanbieder.download(aanbieder.outbox("nieuw")[0]["id"]).data
    [levering] = leveringen(xml_301)
    aanbieder.send(answer_301(xml_301, "R302-E2E", date.today()))
    aanbieder.send(declaratie(AANBIEDER["wmo"], [(levering, 10, 3250)], first_of_last_month(), "DNBO1", "D323-BO",
                              date.today()))
    nummer = str(db.session.query(Toewijzing).one().toewijzingnummer)

    page.set_viewport_size(WIDE)
    log_in(page, live_server, "backoffice")
    open_task(page, "Declaratieregels beoordelen")
    section = page.get_by_role("region", name="Te beoordelen: declaratie DNBO1")
    expect(section).to_contain_text("Thuiszorg Het Groene Hart")
    line = page.get_by_label(f"Regel 1: {person.naam}")
    for text in ("01A03 — Hulp bij het huishouden", "10 uur", "€ 32,50", "€ 325,00", "Controledrempel",
                 "gelijk aan of hoger dan de drempel van € 300,00", nummer):
        expect(line).to_contain_text(text)
    expect(line).to_contain_text(f"BSN {person.bsn}")
    toewijzing = page.get_by_label(f"Toewijzing {nummer}")
    for text in ("3 uur per week", "€ 32,50 per uur", "Geaccepteerd door de aanbieder", "nog niets"):
        expect(toewijzing).to_contain_text(text)
    checked(page, "beoordelen-01-taak")
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the task scrolls sideways"
    checked(page, "beoordelen-02-taak-320")
    page.set_viewport_size(WIDE)

    page.get_by_role("main").get_by_role("link", name="Betalingen").click()
    page.get_by_role("heading", level=1, name="Betalingen").wait_for()
    page.go_back()
    page.get_by_label("Goedkeuren: het bedrag wordt betaald (of verrekend)").check()
    page.get_by_label("Toelichting").fill("Tien uur in november, zoals afgesproken.")
    page.get_by_role("button", name="Taak afronden").click()
    page.get_by_role("heading", level=1, name="Werkvoorraad").wait_for()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Betalingen").click()
    row = page.get_by_role("row", name="Open: verzamelt betalingen")
    expect(row).to_contain_text("€ 325,00")
    checked(page, "beoordelen-03-betalingen")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("row", name="DNBO1")).to_contain_text("€ 325,00")
    page.get_by_label("Uitvoerdatum").fill("2099-01-05")
    page.get_by_role("button", name="Batch sluiten en betaalbestand maken").click()
    expect(page.get_by_role("status").first).to_contain_text("is gesloten en het betaalbestand is gemaakt")
    batch_url = page.url
    log_out(page)

    log_in(page, live_server, "controller")
    page.goto(f"{live_server}/betalingen/")
    expect(page.get_by_role("row", name="Gesloten: wacht op vrijgave")).to_contain_text("€ 325,00")
    page.goto(batch_url)
    page.get_by_role("button", name="Gecontroleerd: vrijgeven voor de bank").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Betaalbestand downloaden").click()
    assert validate_pain001(Path(download_info.value.path()).read_bytes()) == []
