"""The procesontwerper moves running cases in headless Chromium: opens version 1 of a process with its changes and
cases, previews the move to version 2 (one case can, one is refused with the reason), moves it, sees the run's
outcome per case and reverts the move — every page without serious or critical axe violations."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse: jobs on the app's own thread, not on rq
from migratie_flow import case_at, instance_of, versions  # noqa: E402
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_procesontwerper_previews_moves_and_reverts_running_cases(live_server, page, users):
    from playwright.sync_api import expect

    versions()
    kept = case_at("intake", users["consulent"])
    case_at("gesprek", users["consulent"])
    log_in(page, live_server, "procesontwerper")
    page.get_by_role("link", name="Migratieproef").click()
    page.get_by_role("link", name="1 bekijken met wijzigingen en zaken").click()
    page.get_by_role("heading", level=1, name="Versie 1 van Migratieproef").wait_for()
    expect(page.get_by_role("row", name="T-MIG-gesprek-1")).to_contain_text("Gesprek")
    page.locator(".cumulus-diagram[data-ready='true']").wait_for()
    checked(page, "migratie-01-versie-1")

    page.get_by_role("link", name="Bekijk welke zaken naar versie 2 kunnen").click()
    page.get_by_role("heading", level=1, name="Zaken verplaatsen van versie 1 naar versie 2").wait_for()
    expect(page.get_by_role("heading", name="1 van 2 zaken kunnen naar versie 2")).to_be_visible()
    expect(page.get_by_role("row", name="T-MIG-intake-1")).to_contain_text("Ja")
    expect(page.get_by_role("row", name="T-MIG-gesprek-1")).to_contain_text(
        "Nee: De stap 'Gesprek' waar de zaak nu staat, bestaat niet meer in versie 2.")
    checked(page, "migratie-02-voorbeeld")

    page.get_by_role("button", name="1 zaak verplaatsen naar versie 2").click()
    expect(page.get_by_text("is gestart")).to_be_visible()
    for _ in range(20):  # the job runs on its own thread: the page says how far it is
        if page.get_by_text("Klaar op").count():
            break
        page.wait_for_timeout(250)
        page.reload()
    expect(page.locator("#voortgang")).to_contain_text("1 van de 2 zaken verplaatst, 1 niet")
    expect(page.get_by_role("row", name="T-MIG-gesprek-1")).to_contain_text("Niet verplaatst")
    checked(page, "migratie-03-uitkomst")
    assert instance_of(kept).definition.version == 2

    page.get_by_role("button", name="Terugzetten (T-MIG-intake-1)").click()
    expect(page.get_by_text("staat weer op versie 1")).to_be_visible()
    expect(page.get_by_role("row", name="T-MIG-intake-1")).to_contain_text("Teruggezet naar versie 1")
    checked(page, "migratie-04-teruggezet")
    assert instance_of(kept).definition.version == 1

    page.get_by_role("link", name="Versie 1", exact=True).click()
    page.get_by_role("link", name="Migratieproef").first.click()
    page.get_by_role("link", name="2 bekijken met wijzigingen en zaken").click()
    expect(page.get_by_text("1 toegevoegd, 2 gewijzigd, 1 verwijderd")).to_be_visible()
    page.locator(".cumulus-diagram[data-ready='true']").wait_for()
    checked(page, "migratie-05-versie-2")
