"""#17 points 7 and 8 in Chromium: the consulent finds 'Herindicatie beoordelen' in the werkvoorraad eight weeks
before a beschikking ends, due on its einddatum; a missing reason is named beside its field; a new onderzoek opens
a new melding for the inwoner. A zaak opened by a jeugdarts's verwijzing says so beside the verzoek."""
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import db
from app.domain.deadlines import format_date_nl
from app.jobs.tasks import tick
from app.models import Herindicatie, HumanTask, Person

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_flow import beschikking_with  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse fixture: messages handled in this process
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser


def test_the_consulent_handles_a_herindicatie_from_the_werkvoorraad(live_server, page, api_as, users, clock):
    from playwright.sync_api import expect
    person = db.session.get(Person, users["inwoner"].person_id)
    beschikking = beschikking_with(api_as("consulent"), person)
    clock.at = datetime.combine(beschikking.einddatum - timedelta(weeks=8), time(9), tzinfo=ZoneInfo("Europe/Amsterdam"))
    tick()

    log_in(page, live_server, "consulent")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Herindicatie beoordelen"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(format_date_nl(beschikking.einddatum))  # due on the einddatum
    checked(page, "herindicatie-01-werkvoorraad")
    row.get_by_role("link", name="Herindicatie beoordelen").click()
    page.get_by_role("heading", level=1, name="Herindicatie beoordelen").wait_for()
    expect(page.get_by_text("loopt binnenkort af").first).to_be_visible()

    page.get_by_label("Geen herindicatie nodig: afsluiten met een reden").check()
    page.get_by_role("button", name="Taak afronden").click()
    expect(page.get_by_text("Schrijf waarom herindicatie niet nodig is.").first).to_be_visible()
    checked(page, "herindicatie-02-reden-ontbreekt")

    page.get_by_label("Nieuw onderzoek: een nieuwe melding openen voor deze inwoner").check()
    page.get_by_label("Hulpvraag voor de nieuwe melding").fill("Het huishouden lukt nog steeds niet zelf.")
    page.get_by_role("button", name="Taak afronden").click()
    page.get_by_role("heading", level=1).wait_for()
    db.session.expire_all()
    row = db.session.query(Herindicatie).one()
    assert row.uitkomst == "nieuw_onderzoek" and row.nieuwe_zaak_id
    triage = db.session.query(HumanTask).filter_by(zaak_id=row.nieuwe_zaak_id, status="open").one()
    assert triage.spec_name == "triage"
    page.goto(f"{live_server}/werkvoorraad/zaken/{row.zaak_id}")
    expect(page.get_by_text("Herindicatie: nieuwe melding").first).to_be_visible()
    checked(page, "herindicatie-03-zaak")


def test_a_verzoek_after_a_jeugdarts_verwijzing_says_it_is_not_refused_on_content(live_server, page, app):
    from playwright.sync_api import expect

    from test_jeugd_verwijzing import _verwijzing
    _, _, zaak, task = _verwijzing(app, "03", "VERW-E2E-03")
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/taken/{task.id}")
    expect(page.get_by_text("Verwijzing door de jeugdarts").first).to_be_visible()
    page.get_by_label("Afwijzen: antwoordbericht (319) versturen").check()
    page.get_by_label("Reden van afwijzing").select_option(label="Zorginhoudelijke afkeur")
    page.get_by_role("button", name="Taak afronden").click()
    expect(page.get_by_text("wijst de gemeente niet inhoudelijk af").first).to_be_visible()
    checked(page, "herindicatie-04-verwijzing-jeugdarts")
