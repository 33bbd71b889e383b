"""An aanbieder's back office in headless Chromium: the toewijzing waits in the outbox, the 302 is
uploaded as a file, its status page and the toewijzingen follow — every page without serious or
critical axe violations, and without JavaScript needed."""
import re
import sys
from contextlib import contextmanager
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


@contextmanager
def aanbieder_page(browser, live_server):
    """A Dutch-language page of its own, logged in as the demo aanbieder, closed afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, live_server, "aanbieder")
        yield page
    finally:
        context.close()


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

    with aanbieder_page(browser, live_server) as page:
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


ENGLISH = ("Element '", "Expected is", "This element", "not accepted", "{http", "not well-formed")


def test_an_xsd_invalid_declaratie_is_refused_with_its_reason_in_dutch(live_server, browser, app, api_as, person,
                                                                       inline, tmp_path):
    """A 323 from faulty software: one red result on the page, the reason in plain Dutch with its line — the same
    sentence the API gives its back office — and no libxml2 English."""
    from playwright.sync_api import expect
    from exchange_flow import AANBIEDER, aanbieder_client, first_of_last_month
    from app.simulator.berichten import declaratie, leveringen, new_in_each, not_xsd_valid

    beschikking(api_as("consulent"), person.bsn)
    xml_301 = db.session.query(Bericht).filter_by(richting="uit", nummer="301").one().inhoud
    lines = [(levering, 10, 3250) for levering in leveringen(xml_301, new_in_each([xml_301])[0])]
    made = [declaratie(AANBIEDER["wmo"], lines, first_of_last_month(), f"FDE{n}", f"F323-{n}", date.today())
            for n in (1, 2)]
    upload = tmp_path / "declaratie-323.xml"
    upload.write_bytes(not_xsd_valid(made[0]))

    with aanbieder_page(browser, live_server) as page:
        page.goto(f"{live_server}/aanbieder/versturen")
        page.get_by_label("XML-bestand").set_input_files(str(upload))
        page.get_by_role("button", name="Versturen").click()
        outcome = page.locator("#uitkomst")
        expect(outcome).to_contain_text("Afgekeurd: het bericht is niet verwerkt.")
        main = page.get_by_role("main")
        expect(main).to_contain_text("voldoet niet aan het XSD-schema van iStandaarden")
        expect(main).to_contain_text("de waarde 'X' van BerichtVersie is geen geldig geheel getal")
        row = main.get_by_role("row").filter(has_text="BerichtVersie")
        assert re.fullmatch(r"\d+", row.get_by_role("cell").nth(4).inner_text().strip())  # the line it is on
        text = main.inner_text()
        assert not any(english in text for english in ENGLISH), text
        assert "Verwerkt" not in outcome.inner_text()
        assert serious_axe_violations(page) == []
        look(page, "aanbieder-afgekeurd-323")

    sent = aanbieder_client(app, AANBIEDER["wmo"]).send(not_xsd_valid(made[1]))
    assert sent.status_code == 422
    reasons = " ".join(sent.json["fouten"])
    assert "voldoet niet aan het XSD-schema van iStandaarden" in reasons
    assert re.search(r"Regel \d+: de waarde 'X' van BerichtVersie is geen geldig geheel getal", reasons), reasons
    assert not any(english in reasons + sent.json["detail"] for english in ENGLISH), sent.json
