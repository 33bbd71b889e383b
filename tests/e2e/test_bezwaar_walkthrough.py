"""#17 point 5 in Chromium: the inwoner makes bezwaar against the beschikking in Mijn zaken (an empty form is refused
beside the field), sees the ontvangstbevestiging and the bezwaar's progress with its dates; the jurist handles it
from the werkvoorraad — beoordeling, hoorzitting, the commissie's advice (Woerden has a commissie), the beslissing —
and the inwoner reads the beslissing op bezwaar with the beroep clause. Axe on every page, at 1440 and 320 px."""
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import db
from app.models import Beschikking, HumanTask

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_data import form_data  # noqa: E402
from test_case_walkthrough import checked, complete, log_in, log_out  # noqa: E402

pytestmark = pytest.mark.browser
GRONDEN = "Ik krijg te weinig uren hulp. Sinds mijn val lukt stofzuigen helemaal niet meer."


def _beschikking(users) -> Beschikking:
    from app.jobs.background import drain
    from app.services.meldingen import submit_melding
    from app.services.tasks import complete_task
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon", ontvangen_op=date.today())
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden"):
        task = db.session.query(HumanTask).filter_by(zaak_id=zaak.id, status="open").filter(
            HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%")).order_by(HumanTask.id).first()
        assert task.spec_name == step
        complete_task(users["consulent"], task.id,
                      form_data(step) | ({"productcode": "01A03"} if step == "aanvraag_registreren" else {}))
    assert drain(timeout=120)  # the job wrote the letter: sent and in Mijn zaken, the bezwaar term runs
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak.id).one()
    assert beschikking.bekendgemaakt_op == date.today()
    return beschikking


def _at_320(page, name: str) -> None:
    """The page fits 320 px without a horizontal scroll (WCAG 1.4.10), and passes axe there too."""
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    checked(page, f"{name}-320")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_the_inwoner_makes_bezwaar_and_follows_it_and_the_jurist_handles_it_to_the_letter(live_server, page,
                                                                                           users):
    from playwright.sync_api import expect
    beschikking = _beschikking(users)
    zaak_id = beschikking.zaak_id
    page.set_viewport_size({"width": 1440, "height": 900})

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    page.locator(".cumulus-bezwaar-maken").first.click()
    page.get_by_role("heading", level=1, name="Bezwaar maken").wait_for()
    checked(page, "bezwaar-01-formulier")
    _at_320(page, "bezwaar-01-formulier")
    page.get_by_role("button", name="Bezwaar versturen").click()
    expect(page.locator("#field-gronden-error")).to_contain_text("Schrijf waarom u het niet eens bent")
    checked(page, "bezwaar-02-fout")
    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill(GRONDEN)
    page.get_by_role("button", name="Bezwaar versturen").click()
    status = page.locator(".cumulus-bezwaar-status")
    expect(status).to_contain_text(f"Uw bezwaar van")
    expect(status.get_by_role("list", name="Voortgang van uw bezwaar")).to_contain_text("Beoordeling")
    expect(status.locator("[aria-current=step]")).to_contain_text("Beoordeling")
    expect(status.locator(".cumulus-bezwaar-beslistermijn")).not_to_be_empty()
    expect(status).to_contain_text("Ontvangstbevestiging bezwaar")
    checked(page, "bezwaar-03-ingediend")
    _at_320(page, "bezwaar-03-ingediend")
    log_out(page)

    log_in(page, live_server, "jurist")
    hoorzitting = (date.today() + timedelta(days=7)).isoformat()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    checked(page, "bezwaar-04-jurist-werkvoorraad")
    page.get_by_role("link", name="Bezwaar beoordelen").first.click()
    page.get_by_role("heading", level=1, name="Bezwaar beoordelen").wait_for()
    expect(page.locator("main")).to_contain_text(GRONDEN[:40])
    checked(page, "bezwaar-04-jurist-beoordelen")
    page.get_by_label("Op tijd ontvangen").check()
    page.get_by_label("Horen").select_option("horen")
    page.get_by_label("Datum van de hoorzitting").fill(hoorzitting)
    complete(page)
    page.get_by_role("link", name="Hoorzitting houden en verslag vastleggen").first.click()
    page.get_by_label("Datum waarop de hoorzitting is gehouden").fill(date.today().isoformat())  # held early
    page.get_by_label("Verslag van de hoorzitting").fill("Mevrouw lichtte toe dat zij sinds haar val niet meer kan "
                                                         "stofzuigen.")
    complete(page)
    page.get_by_role("link", name="Advies bezwaarcommissie vastleggen").first.click()
    page.get_by_label("Bezwaar gegrond verklaren").check()
    page.get_by_label("Overwegingen van de commissie").fill("Het onderzoek hield geen rekening met de val.")
    page.get_by_label("Datum van het advies").fill(date.today().isoformat())
    complete(page)
    page.get_by_role("link", name="Beslissen op bezwaar").first.click()
    checked(page, "bezwaar-05-jurist-beslissen")
    page.get_by_label("Gegrond: het besluit wordt herroepen of aangepast").check()
    page.get_by_label("Motivering").fill("Wij doen een nieuw onderzoek en nemen binnen twee weken een nieuw besluit.")
    complete(page)
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
    expect(page.locator("#bezwaren")).to_contain_text("gegrond")
    checked(page, "bezwaar-06-jurist-zaak")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    status = page.locator(".cumulus-bezwaar-status")
    expect(status).to_contain_text("Uw bezwaar is gegrond")
    expect(status).to_contain_text("beroep instellen bij de rechtbank")
    checked(page, "bezwaar-07-beslist")
    status.get_by_role("link", name="lezen (Beslissing op bezwaar").click()
    expect(page.locator("main")).to_contain_text("Wij verklaren uw bezwaar gegrond")
    expect(page.locator("main")).to_contain_text("binnen zes weken")
    checked(page, "bezwaar-08-brief")
    _at_320(page, "bezwaar-08-brief")
