"""The sociale kaart in headless Chromium, at 320 px (a small phone, WCAG 1.4.10 reflow) and at 1440 px: an
inwoner without login chooses the gemeente, picks a need in plain words and a wijk, opens an entry and reads
how to get there; the entry's schema.org JSON-LD is there under the page's strict CSP (no violation reported);
the contractmanager adds an entry, first with HTML in it (named beside the field). No page has serious or
critical axe violations nor anything wider than the screen."""
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from kaart_data import demo_kaart  # noqa: E402
from test_case_walkthrough import checked, log_in  # noqa: E402
from test_contracten_walkthrough import _too_wide  # noqa: E402

pytestmark = pytest.mark.browser


def _fits(page, width: int) -> None:
    """Nothing wider than a screen of `width` px (set again: `checked` may have taken its screenshots)."""
    page.set_viewport_size({"width": width, "height": 900})
    assert _too_wide(page, width) == []


@pytest.mark.parametrize("width", [320, 1440])
def test_an_inwoner_finds_help_on_the_kaart_and_reads_an_entry(live_server, page, width):
    from playwright.sync_api import expect

    demo_kaart()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/sociale-kaart/")
    page.get_by_role("heading", level=1, name="Sociale kaart: hulp bij u in de buurt").wait_for()
    _fits(page, width)
    checked(page, f"kaart-01-start-{width}")
    page.set_viewport_size({"width": width, "height": 900})

    page.get_by_role("link", name="Gemeente Woerden").click()
    page.get_by_label("Waar zoekt u hulp bij?").select_option(label="Steun als u voor iemand zorgt (mantelzorg)")
    page.get_by_label("In welke wijk woont u?").select_option("Centrum")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=3, name="Mantelzorgsteunpunt (demo)")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Hulp bij het huishouden (demo)")).to_have_count(0)
    _fits(page, width)
    checked(page, f"kaart-02-resultaten-{width}")

    page.get_by_role("link", name="Mantelzorgsteunpunt (demo)").click()
    page.get_by_role("heading", level=1, name="Mantelzorgsteunpunt (demo)").wait_for()
    expect(page.get_by_text("U hebt geen beschikking nodig.")).to_be_visible()
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Service" and data["name"] == "Mantelzorgsteunpunt (demo)"
    _fits(page, width)
    checked(page, f"kaart-03-vermelding-{width}")

    page.goto(f"{live_server}/sociale-kaart/open-data")
    page.get_by_role("heading", level=1, name="De sociale kaart als open data").wait_for()
    checked(page, f"kaart-04-open-data-{width}")


def test_the_contractmanager_adds_an_entry_and_html_is_refused_beside_the_field(live_server, page):
    from playwright.sync_api import expect

    demo_kaart()
    log_in(page, live_server, "contractmanager")
    page.get_by_role("link", name="Sociale kaart beheren").click()
    page.get_by_role("heading", level=1, name="Sociale kaart beheren").wait_for()
    checked(page, "kaart-beheer-01-lijst")

    page.get_by_role("link", name=re.compile("^Nieuwe vermelding")).first.click()
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value(str(demo_kaart()["0632"].id))
    page.get_by_role("group", name="Wijken waar het werkt (niets gekozen: de hele gemeente)").get_by_label(
        "Centrum").check()
    page.get_by_role("group", name="Soort").get_by_label("Gratis initiatief in de buurt").check()
    page.get_by_label("Organisatie").fill("Stichting Soep (demo)")
    page.get_by_label("Naam", exact=True).fill("Soep op woensdag")
    page.get_by_label("Wat biedt het").fill("Samen <b>soep</b> eten.")
    page.get_by_label("Voor wie", exact=True).fill("Iedereen uit de wijk.")
    page.get_by_label("Hoe komt u er terecht").fill("Loop binnen om 12 uur.")
    page.get_by_role("group", name="Voor wie (wet)").get_by_label("Wmo (volwassenen)").check()
    page.get_by_role("group", name="Categorieën (waarop inwoners zoeken)").get_by_label(
        "Overige groepsgerichte ondersteuning").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("bevat HTML")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Soep op woensdag")
    checked(page, "kaart-beheer-02-fout")

    page.get_by_label("Wat biedt het").fill("Samen soep eten.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1, name="Soep op woensdag").wait_for()
    checked(page, "kaart-beheer-03-opgeslagen")
    page.get_by_role("link", name="Bekijk de vermelding zoals inwoners haar zien").click()
    page.get_by_role("heading", level=1, name="Soep op woensdag").wait_for()
    expect(page.get_by_text("Samen soep eten.")).to_be_visible()
