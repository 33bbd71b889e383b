"""An aanbieder's back office in headless Chromium: the toewijzing waits in the outbox, the 302 is
uploaded as a file, its status page and the toewijzingen follow — every page without serious or
critical axe violations, and without JavaScript needed."""
import sys
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.models import Bericht
from app.simulator.berichten import answer_301

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared exchange helpers
from exchange_flow import beschikking  # noqa: E402
from test_case_walkthrough import log_in, look, serious_axe_violations  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def inline(app):
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    app.config["JOBS_INLINE"] = True  # the upload is handled in the request, so its page shows the outcome
    yield
    app.config.update(REDIS_URL=previous, JOBS_INLINE=False)


def test_an_aanbieder_answers_a_toewijzing_through_its_pages(live_server, browser, app, api_as, person, inline,
                                                            tmp_path):
    from playwright.sync_api import expect

    beschikking(api_as("consulent"), person.bsn)
    xml_301 = db.session.query(Bericht).filter_by(richting="uit", nummer="301").one().inhoud
    reply = tmp_path / "retour-302.xml"
    reply.write_bytes(answer_301(xml_301, "R302-E2E", date.today()))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, live_server, "aanbieder")
        page.goto(f"{live_server}/")
        page.get_by_role("heading", level=1, name="Berichtenverkeer met").wait_for()
        expect(page.get_by_role("cell", name="Toewijzing (WMO301)")).to_be_visible()
        expect(page.get_by_text("Nieuw, nog niet opgehaald")).to_be_visible()
        assert serious_axe_violations(page) == []
        look(page, "aanbieder-outbox")

        page.get_by_role("link", name="Bericht versturen").click()
        page.get_by_role("button", name="Versturen").click()
        expect(page.locator("#field-bestand-error")).to_contain_text("Kies het XML-bestand")
        assert serious_axe_violations(page) == []
        page.get_by_label("XML-bestand").set_input_files(str(reply))
        page.get_by_role("button", name="Versturen").click()
        page.get_by_role("heading", level=1, name="Retour toewijzing").wait_for()
        expect(page.locator("#uitkomst")).to_contain_text("Verwerkt: de gemeente heeft het bericht zonder opmerkingen")
        assert serious_axe_violations(page) == []
        look(page, "aanbieder-bericht")

        page.get_by_role("link", name="Berichtenverkeer").first.click()
        page.get_by_role("link", name="Mijn toewijzingen").click()
        expect(page.get_by_role("cell", name="Geaccepteerd")).to_be_visible()
        assert serious_axe_violations(page) == []
        look(page, "aanbieder-toewijzingen")
    finally:
        context.close()
