"""The beslistabel editor in headless Chromium (#10 point 7): the procesontwerper opens the Wmo model in the
modeler, selects the vier-ogen business rule task, follows the panel's link to its DMN table, changes the
threshold cell in dmn-js, saves (the server's lint answers) and finds the change in the concept; a cell the sandbox
refuses comes back as a finding with the rule. The pages pass axe and run under the strict Content-Security-Policy
(the conftest watch)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser

THRESHOLD = "> vier_ogen_drempel"


def _cell(page, text: str):
    return page.locator("#dmn-canvas td", has_text=text).first


def _replace_cell(page, old: str, new: str) -> None:
    cell = _cell(page, old)
    cell.click()
    page.keyboard.press("End")
    for _ in old:
        page.keyboard.press("Backspace")
    page.keyboard.type(new)
    page.locator("h1").click()  # leaves the cell


def test_a_procesontwerper_changes_the_threshold_of_the_vier_ogen_table(live_server, page):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("button", name="Bewerken Wmo 2015 maatwerkvoorziening").click()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    # the palette offers the business rule task: the engine runs it
    expect(page.locator('.djs-palette [data-action="create.business-rule-task"]')).to_have_count(1)
    page.evaluate("""() => { const m = window.cumulusModeler;
      m.get('selection').select(m.get('elementRegistry').get('vier_ogen_bepalen')); }""")
    panel = page.locator("#modeler-panel")
    expect(panel.get_by_label("Beslistabel", exact=True)).to_have_value("vier_ogen")
    panel.get_by_role("link", name="Beslistabel 'Vier-ogen nodig?' bewerken").click()

    page.locator("[data-dmn-editor][data-ready='true']").wait_for()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beslistabel vier_ogen")
    expect(_cell(page, THRESHOLD)).to_be_visible()
    # dmn-js speaks Dutch (app/static/js/dmn/translations.js): the hit policy, the column headers
    expect(page.locator("#dmn-canvas .hit-policy")).to_contain_text("Eerste (First)")
    expect(page.locator("#dmn-canvas thead")).to_contain_text("Als")
    checked(page, "beslistabel-01-geopend")

    _replace_cell(page, THRESHOLD, "> vier_ogen_drempel * 2")
    expect(page.locator("[data-dmn-editor]")).to_have_attribute("data-dirty", "true")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#dmn-status")).to_contain_text("Opgeslagen om")
    expect(page.locator("#dmn-status")).to_contain_text("0 fouten")

    # the change is in the concept: the table reloads with it, and the concept's download has it
    page.reload()
    page.locator("[data-dmn-editor][data-ready='true']").wait_for()
    expect(_cell(page, "> vier_ogen_drempel * 2")).to_be_visible()
    url = page.locator("[data-dmn-editor]").get_attribute("data-xml-url")
    assert "&gt; vier_ogen_drempel * 2" in page.request.get(live_server + url).text()
    concept_url = page.get_by_role("link", name="Terug naar het concept").get_attribute("href")
    page.goto(live_server + concept_url)
    expect(page.locator("#beslistabellen")).to_be_visible()
    expect(page.get_by_role("link", name="Beslistabel vier_ogen bewerken")).to_be_visible()
    checked(page, "beslistabel-02-concept")

    # a cell the sandbox refuses is a finding of the server, with the rule and the column
    page.get_by_role("link", name="Beslistabel vier_ogen bewerken").click()
    page.locator("[data-dmn-editor][data-ready='true']").wait_for()
    _replace_cell(page, "> vier_ogen_drempel * 2", "> __import__('os')")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#dmn-status")).to_contain_text("1 fout")
    expect(page.locator("#dmn-bevindingen")).to_contain_text("regel 2, kolom 'Kosten per jaar'")
    checked(page, "beslistabel-03-fout")
