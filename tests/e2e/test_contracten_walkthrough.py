"""The contractmanager in headless Chromium: lands on Contracten, registers an aanbieder (first with a wrong
AGB code, KvK number and IBAN: named beside the fields, what was typed kept), makes a contract, adds a product
(a tarief of zero refused), changes the tarief from next month and sees the history; the pages also work at
320 px wide — every page without serious or critical axe violations."""
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser


def _next_month() -> date:
    return (date.today().replace(day=28) + timedelta(days=4)).replace(day=1)


def _too_wide(page, width: int) -> list[str]:
    """The elements that reach beyond `width` pixels (empty when the page fits without scrolling sideways).

    Measured once the page has loaded: a click returns when the new page's text is there, and a busy machine may
    not have applied every stylesheet by then (the browser would not have painted it yet either)."""
    page.wait_for_load_state("load")
    return page.evaluate("""(width) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.cumulus-table-scroll'))
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""", width)


def test_a_contractmanager_registers_an_aanbieder_with_a_contract_and_changes_its_tarief(live_server, page):
    from playwright.sync_api import expect

    log_in(page, live_server, "contractmanager")
    page.get_by_role("heading", level=1, name="Contracten").wait_for()
    expect(page.get_by_role("row", name="Thuiszorg Het Groene Hart")).to_contain_text("42420001")
    checked(page, "contracten-01-start")

    page.get_by_role("link", name="Nieuwe aanbieder").click()
    page.get_by_label("Naam", exact=True).fill("Buurtzorg Woerden-West")
    page.get_by_label("AGB-code").fill("1234")
    page.get_by_label("KvK-nummer").fill("12-34")
    page.get_by_label("IBAN").fill("NL91ABNA0417164301")
    page.get_by_role("group", name="Producten die de aanbieder mag leveren").get_by_label(
        "01A03 — Hulp bij het huishouden, basis").check()
    page.get_by_role("button", name="Aanbieder registreren").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Een AGB-code bestaat uit 8 cijfers")
    expect(summary).to_contain_text("Een KvK-nummer bestaat uit 8 cijfers")
    expect(summary).to_contain_text("het controlegetal klopt niet")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Buurtzorg Woerden-West")
    expect(page.get_by_label("IBAN")).to_have_value("NL91ABNA0417164301")
    checked(page, "contracten-02-fouten")

    page.get_by_label("AGB-code").fill("41770001")
    page.get_by_label("KvK-nummer").fill("30770001")
    page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Aanbieder registreren").click()
    page.get_by_role("heading", level=1, name="Buurtzorg Woerden-West").wait_for()
    expect(page.get_by_text("Er is nog geen contract met deze aanbieder.")).to_be_visible()
    checked(page, "contracten-03-aanbieder")

    page.get_by_role("link", name="Nieuw contract").click()
    page.get_by_label("Kenmerk").fill("WMO-2026-077")
    page.get_by_label("Ingangsdatum").fill(date.today().replace(month=1, day=1).isoformat())
    page.get_by_role("button", name="Contract aanmaken").click()
    page.get_by_role("heading", level=1, name="Contract WMO-2026-077").wait_for()
    page.get_by_label("Product", exact=True).select_option(label="01A03 — Hulp bij het huishouden, basis")
    page.get_by_label("Tarief per eenheid (euro)").fill("0")
    page.get_by_role("button", name="Product toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("groter dan nul")
    checked(page, "contracten-04-tarief-nul")
    page.get_by_label("Tarief per eenheid (euro)").fill("32,50")
    page.get_by_role("button", name="Product toevoegen").click()
    expect(page.get_by_role("row", name="01A03")).to_contain_text("€ 32,50")

    page.get_by_label("Nieuw tarief geldt vanaf").fill(_next_month().isoformat())
    page.get_by_label("Nieuw tarief per eenheid (euro)").fill("33,75")
    page.get_by_role("button", name="Tarief wijzigen").click()
    expect(page.get_by_text("het oude blijft gelden voor prestaties daarvoor")).to_be_visible()
    expect(page.get_by_text("€ 33,75 per eenheid")).to_be_visible()
    expect(page.get_by_text("€ 32,50 per eenheid (geldt nu)")).to_be_visible()
    checked(page, "contracten-05-contract")

    for url in (page.url, f"{live_server}/contracten/"):
        page.set_viewport_size({"width": 320, "height": 800})  # `checked` may take its screenshots wider
        page.goto(url)
        assert _too_wide(page, 320) == [], f"{url} is wider than 320 px"
        checked(page, "contracten-06-smal")
    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_role("link", name="Buurtzorg Woerden-West").click()
    expect(page.get_by_text("Tarief gewijzigd")).to_be_visible()
    expect(page.get_by_text(f"tarief 01A03 vanaf {_next_month().isoformat()}: 32,50 → 33,75")).to_be_visible()
    assert _too_wide(page, 320) == []
    checked(page, "contracten-07-smal-aanbieder")
