"""The beheerder keeps a gemeente in headless Chromium (1440 and 320 px): Gemeenten in the menu, the list with what
is missing, Oudewater's page; a colour that is too light is refused beside its field with the rest kept; a new
colour and a PNG logo saved; the header of Oudewater's pages shows the logo — every page without serious or critical
axe violations, and nothing sticks out sideways at 320 px."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_aanbieder_formulieren_walkthrough import NARROW, OVERFLOWING, WIDE, no_page_scroll  # noqa: E402
from test_case_walkthrough import checked, log_in  # noqa: E402
from test_gemeentebeheer import _gemeenten_as_they_were, _png  # noqa: E402,F401 — autouse fixture: put back

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["1440px", "320px"])
def test_a_beheerder_changes_oudewaters_colour_and_logo(live_server, page, size):
    from playwright.sync_api import expect

    page.set_viewport_size(size)
    suffix = "" if size is WIDE else "-320"
    log_in(page, live_server, "beheerder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gemeenten").click()
    page.get_by_role("heading", level=1, name="Gemeenten").wait_for()
    expect(page.get_by_role("row", name="Gemeente Oudewater")).to_contain_text("Huiskleur of logo ontbreekt")
    assert no_page_scroll(page), page.evaluate(OVERFLOWING)
    checked(page, f"gemeenten-01-lijst{suffix}")
    page.set_viewport_size(size)  # the screenshots (CUMULUS_E2E_SHOTS) change it

    page.get_by_role("link", name="Gemeente Oudewater").click()
    page.get_by_role("heading", level=1, name="Gemeente Oudewater").wait_for()
    page.get_by_label("Telefoon").fill("0348 123 456")
    page.get_by_label("Huiskleur").fill("#ffcc00")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("De kleur #ffcc00 is te licht")
    expect(page.locator("#field-kleur-error")).to_contain_text("minstens 4,5:1")
    expect(page.get_by_label("Telefoon")).to_have_value("0348 123 456")  # kept, though not stored
    assert no_page_scroll(page), page.evaluate(OVERFLOWING)
    checked(page, f"gemeenten-02-fout{suffix}")
    page.set_viewport_size(size)  # the screenshots (CUMULUS_E2E_SHOTS) change it

    page.get_by_label("Huiskleur").fill("#1f4e79")
    page.get_by_label("Logo").set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": _png(360, 90, "#1f4e79")})
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen: telefoon, huiskleur, logo")
    expect(page.get_by_text("Huiskleur: #8a1538 → #1f4e79")).to_be_visible()
    expect(page.get_by_role("img", name="Logo gemeente Oudewater")).to_be_visible()
    assert no_page_scroll(page), page.evaluate(OVERFLOWING)
    checked(page, f"gemeenten-03-opgeslagen{suffix}")
    page.set_viewport_size(size)  # the screenshots (CUMULUS_E2E_SHOTS) change it

    page.get_by_role("link", name="Uitloggen").or_(page.get_by_role("button", name="Uitloggen")).click()
    log_in(page, live_server, "consulent-oudewater")
    logo = page.locator("header").get_by_role("img", name="Logo gemeente Oudewater")
    expect(logo).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.cumulus-header')).borderBottomColor") \
        == "rgb(31, 78, 121)"  # the accent under the header is the new colour
    assert logo.evaluate("img => img.naturalWidth") == 360  # the image loaded (the CSP allowed it)
    assert no_page_scroll(page), page.evaluate(OVERFLOWING)
    checked(page, f"gemeenten-04-werkvoorraad{suffix}")
    page.set_viewport_size(size)  # the screenshots (CUMULUS_E2E_SHOTS) change it
