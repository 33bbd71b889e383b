"""The backoffice's Betalingen in headless Chromium: one colleague checks the open betaalbatch and closes it,
is refused the release (vier-ogen), a second colleague releases it and downloads the pain.001 — every page
without serious or critical axe violations."""
import sys
from pathlib import Path

import pytest

from app import db
from app.domain.sepa import validate_pain001
from app.models import Betaalbatch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from betaling_data import open_batch  # noqa: E402
from test_case_walkthrough import log_in, log_out, look, serious_axe_violations  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_betaalbatch_is_closed_by_one_and_released_and_downloaded_by_another(live_server, browser):
    from playwright.sync_api import expect

    batch_id = open_batch(8, nummer="DNE2E")
    nummer = db.session.get(Betaalbatch, batch_id).nummer
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, live_server, "backoffice")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Betalingen").click()
        page.get_by_role("heading", level=1, name="Betalingen").wait_for()
        row = page.get_by_role("row", name=nummer)
        expect(row).to_contain_text("Open: verzamelt betalingen")
        expect(row).to_contain_text("€ 260,00")
        assert serious_axe_violations(page) == []
        look(page, "betalingen-01-lijst")

        row.get_by_role("link", name=nummer).click()
        page.get_by_role("heading", level=1, name=f"Betaalbatch {nummer}").wait_for()
        expect(page.get_by_role("cell", name="DNE2E")).to_be_visible()
        expect(page.get_by_text("eindigt op 4567")).to_be_attached()
        page.get_by_label("Uitvoerdatum").fill("2020-01-01")
        page.get_by_role("button", name="Batch sluiten en betaalbestand maken").click()
        expect(page.locator("#field-uitvoerdatum-error")).to_contain_text("vandaag of een latere dag")
        assert serious_axe_violations(page) == []
        page.get_by_label("Uitvoerdatum").fill("2099-01-05")
        page.get_by_role("button", name="Batch sluiten en betaalbestand maken").click()
        expect(page.get_by_role("status").first).to_contain_text("is gesloten en het betaalbestand is gemaakt")
        expect(page.get_by_text("Gesloten: wacht op vrijgave").first).to_be_visible()
        expect(page.get_by_text("Betaalbestand downloaden: nog niet vrijgegeven.")).to_be_visible()
        expect(page.get_by_text("Vier-ogenprincipe: u heeft deze betaalbatch zelf gesloten")).to_be_visible()
        expect(page.get_by_role("button", name="Gecontroleerd: vrijgeven voor de bank")).to_have_count(0)
        assert serious_axe_violations(page) == []
        look(page, "betalingen-02-gesloten")
        log_out(page)

        log_in(page, live_server, "controller")
        page.goto(f"{live_server}/betalingen/{batch_id}")
        page.get_by_role("button", name="Gecontroleerd: vrijgeven voor de bank").click()
        expect(page.get_by_role("status").first).to_contain_text("is vrijgegeven")
        expect(page.locator("dd", has_text="door Controller betalingen (demo)")).to_be_visible()
        assert serious_axe_violations(page) == []
        look(page, "betalingen-03-vrijgegeven")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Betaalbestand downloaden").click()
        download = download_info.value
        assert download.suggested_filename == f"{nummer}.xml"
        assert validate_pain001(Path(download.path()).read_bytes()) == []
    finally:
        context.close()
