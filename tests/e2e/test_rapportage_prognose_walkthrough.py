"""The forecast section of the dashboard in headless Chromium, at 1440 and at 320 pixels wide, on three years of
demo history: a controller reads the year-end forecast with its interval and the backtest's honest verdict, jumps
to the section from the table of contents, and downloads the backtest as CSV — without serious axe violations."""
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in  # noqa: E402
from test_demo_history import _delete_cases  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_history(app):
    from app import db
    from app.models import Person
    from app.services.demo_history import load_demo_history
    yield load_demo_history()
    db.session.rollback()
    _delete_cases()
    db.session.execute(delete(Person).where(Person.achternaam == "Demo-inwoner"))
    db.session.commit()


@pytest.mark.parametrize("width", [1440, 320])
def test_the_controller_reads_the_forecast_and_its_backtest(live_server, page, demo_history, width):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "management")
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Woerden")
    page.get_by_role("button", name="Cijfers tonen").click()
    page.get_by_role("navigation", name="Onderdelen van de rapportage").get_by_role(
        "link", name="Prognose van de uitgaven en backtest").click()
    expect(page.get_by_role("heading", name="Prognose van de uitgaven en backtest")).to_be_in_viewport()
    forecast = page.locator("#tabel-prognose")
    expect(forecast.locator("caption")).to_have_text(f"Prognose uitgaven {date.today().year} — Gemeente Woerden")
    total = forecast.get_by_role("row", name="Totaal")
    expect(total.locator("td").nth(2)).to_contain_text("€ ")
    expect(page.get_by_text("Zo rekenen wij").first).to_be_visible()
    expect(page.locator("#grafiek-prognose")).to_have_attribute("role", "img")
    verdict = page.get_by_text("Uitkomst voor het totaal")
    expect(verdict).to_contain_text("seizoensnaïeve methode")
    expect(verdict).to_contain_text("De prognose is dus")
    expect(page.locator("#tabel-backtest").get_by_role("row", name="Totaal").locator("td").first).not_to_have_text("0")
    expect(page.locator("#tabel-backtest_maanden").get_by_role("row")).not_to_have_count(1)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"the page is {overflow}px wide on a {width}px screen"
    checked(page, f"p01-prognose-{width}")
    page.set_viewport_size({"width": width, "height": 900})

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV van Backtest van de prognose").click()
    assert download.value.suggested_filename == f"backtest-0632-{date.today().year}.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Productcategorie;Voorspellingen;MAPE methode (%)" in text and "Uitkomst voor het totaal" in text
