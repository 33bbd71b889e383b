"""The management dashboard in headless Chromium, at 1440 and at 320 pixels wide: a teamleider lands on
Managementinformatie, narrows it to Woerden per kwartaal, reads a chart with its table beside it, downloads a
table as CSV, and as controller enters a budget (first with a mistake, named at the field) — every page without
serious or critical axe violations, and nothing wider than the phone's screen."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from rapportage_data import make_history  # noqa: E402
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser


def _checked(page, name: str, width: int) -> None:
    """No serious axe problem (and the screenshots when asked); `look` leaves the viewport at desktop size."""
    checked(page, name)
    page.set_viewport_size({"width": width, "height": 900})


def _fits(page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"the page is {overflow}px wide on a {width}px screen"


@pytest.mark.parametrize("width", [1440, 320])
def test_a_teamleider_reads_the_dashboard_and_the_controller_enters_a_budget(live_server, page, width):
    from playwright.sync_api import expect

    make_history()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "management")
    expect(page.get_by_role("heading", level=1)).to_have_text("Managementinformatie")
    expect(page.get_by_text("Samenwerkingsverband (Gemeente Oudewater, Gemeente Woerden)").first).to_be_visible()
    _fits(page, width)
    _checked(page, f"r01-dashboard-{width}", width)

    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Woerden")
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_label("Periode", exact=True).select_option(label="Per kwartaal")
    page.get_by_role("button", name="Cijfers tonen").click()
    instroom = page.locator("#tabel-instroom")
    expect(instroom.locator("caption")).to_have_text("Instroom en uitstroom — Gemeente Woerden")
    expect(instroom.get_by_role("row", name="1e kwartaal 2026")).to_contain_text("< 5")
    expect(page.locator("#grafiek-budget")).to_have_attribute("role", "img")
    budget = page.locator("#tabel-budget")
    expect(budget.get_by_role("row", name="02 Begeleiding individueel")).to_contain_text("€ 2.000,00")
    _fits(page, width)
    _checked(page, f"r02-woerden-kwartaal-{width}", width)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV van Instroom en uitstroom").click()
    assert download.value.suggested_filename == "instroom-0632-2026.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "1e kwartaal 2026;< 5;< 5;0;< 5;0;0" in text

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Budget").click()
    page.get_by_label("Jaar", exact=True).fill("2026")
    page.get_by_role("button", name="Budget openen").click()
    page.get_by_label("07 Dagbesteding (euro)").fill("veel")
    page.get_by_role("button", name="Budget opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een bedrag in euro in")
    expect(page.locator("#field-budget-07-error")).to_be_visible()
    _fits(page, width)
    _checked(page, f"r03-budget-fout-{width}", width)
    page.get_by_label("07 Dagbesteding (euro)").fill("1.200.000")
    page.get_by_role("button", name="Budget opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("1 categorie gewijzigd")
    expect(page.get_by_label("07 Dagbesteding (euro)")).to_have_value("1.200.000,00")
    _checked(page, f"r04-budget-{width}", width)
