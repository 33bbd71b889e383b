"""A Jeugd referral (315) for a client the gemeente did not know, walked in headless Chromium by the consulent:
granting it stops because a toewijzing (301) needs the address; the error links to the zaak's address form,
a wrong postcode is named at its field, the right address is saved, and back at the task the 301 goes out —
without serious axe violations."""
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from exchange_flow import aanbieder_client  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse fixture: jobs on the app's own thread
from test_case_walkthrough import checked, log_in  # noqa: E402

from app.services.demo_data import WOERDEN  # noqa: E402
from app.simulator.berichten import Jeugdige, verzoek_om_toewijzing  # noqa: E402

pytestmark = pytest.mark.browser
JEUGD_AGB = "41234567"


def test_the_consulent_completes_a_referred_jeugdiges_address_and_the_toewijzing_goes_out(app, live_server, page):
    from playwright.sync_api import expect

    from app import db
    from app.models import Bericht, HumanTask, Toewijzing

    aanbieder = aanbieder_client(app, JEUGD_AGB)
    sent = aanbieder.send(verzoek_om_toewijzing("ijw", JEUGD_AGB, WOERDEN,
                                                Jeugdige("999990019", date(2015, 3, 1), "Visser", "Tim"), "45",
                                                "45A03", date.today(), 4, "04", "2", "VOT-E2E-1", "V315-E2E",
                                                date.today()))
    assert sent.status_code == 202, sent.json
    zaak_id = db.session.get(Bericht, sent.json["id"]).zaak_id
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").one()

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/taken/{task.id}")
    page.get_by_label("Toekennen: toewijzing (301) versturen").check()
    page.get_by_role("button", name="Taak afronden").click()
    alert = page.locator("#procesfout")
    expect(alert).to_contain_text("Van het adres ontbreekt: huisnummer, postcode.")
    checked(page, "adres-01-toewijzing-gestopt")
    alert.get_by_role("link", name="Adres van Tim Visser aanvullen").click()

    page.get_by_role("heading", level=1, name="Adres van Tim Visser aanvullen").wait_for()
    checked(page, "adres-02-formulier")
    page.get_by_label("Straat").fill("Kerkstraat")
    page.get_by_label("Huisnummer", exact=True).fill("3")
    page.get_by_label("Huisletter").fill("a")
    page.get_by_label("Postcode").fill("344 AB")  # one digit short
    page.get_by_label("Woonplaats").fill("Woerden")
    page.get_by_role("button", name="Adres opslaan").click()
    expect(page.locator("#field-postcode-error")).to_contain_text("Vul een Nederlandse postcode in")
    expect(page.get_by_label("Straat")).to_have_value("Kerkstraat")  # what was typed stays
    checked(page, "adres-03-fout-postcode")
    page.get_by_label("Postcode").fill("3441 AB")
    page.get_by_role("button", name="Adres opslaan").click()

    page.get_by_role("heading", level=1).filter(has_text="beoordelen").wait_for()  # back at the task
    expect(page.get_by_text("Het adres van Tim Visser is opgeslagen.")).to_be_visible()
    page.get_by_label("Toekennen: toewijzing (301) versturen").check()
    page.get_by_role("button", name="Taak afronden").click()
    expect(page.get_by_text("is afgerond")).to_be_visible()
    db.session.expire_all()
    assert db.session.query(Toewijzing).filter_by(zaak_id=zaak_id).one().status == "verzonden"
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
    expect(page.get_by_text("Kerkstraat 3a, 3441 AB Woerden")).to_be_visible()
    checked(page, "adres-04-zaak")


@pytest.mark.parametrize("width", [1440, 320])
def test_the_consulent_gives_an_address_abroad_with_its_land_and_the_zaak_shows_it(app, api_as, live_server, page,
                                                                                   width):
    """#14: addresses were Dutch only; an inwoner abroad gets the land from the list and a postcode as written
    there (a Dutch postcode is still asked when the land is Nederland)."""
    from playwright.sync_api import expect

    from case_flow import start_case
    from retentie_data import new_person
    from test_case_walkthrough import look, serious_axe_violations

    inwoner = new_person(WOERDEN, "Grensganger")
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak['id']}/persoonsgegevens")
    page.get_by_role("heading", level=1).filter(has_text="aanvullen").wait_for()
    expect(page.get_by_label("Land")).to_have_value("NL")
    page.get_by_label("Postcode").fill("1000")
    page.get_by_role("button", name="Adres opslaan").click()
    expect(page.locator("#field-postcode-error")).to_contain_text("Vul een Nederlandse postcode in")
    page.get_by_label("Land").select_option("BE")
    page.get_by_label("Straat").fill("Wetstraat")
    page.get_by_label("Huisnummer", exact=True).fill("16")
    page.get_by_label("Woonplaats").fill("Brussel")
    assert serious_axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    if width == 320:
        look(page, "adres-buitenland-formulier")  # (look resizes the page: last on this page)
    page.get_by_role("button", name="Adres opslaan").click()
    expect(page.get_by_text("is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Wetstraat 16, 1000 Brussel, Belgie")).to_be_visible()
    assert serious_axe_violations(page) == []

