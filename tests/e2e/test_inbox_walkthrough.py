"""The werkvoorraad in headless Chromium, as a consulent and a beoordelaar use it: claim a task, fill its form
with an error, see the error beside the field, correct it, complete it, and the next task appears for the next
role; the case view's diagram marks the steps passed and the step waiting now. Without JavaScript: claim, save
a draft and hand over. axe-core finds no serious or critical problems on the werkvoorraad, task and case pages."""
import re
import sys
from pathlib import Path

import pytest

from app import db
from app.models import HumanTask
from app.services.tasks import complete_task

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_data import form_data  # noqa: E402
from case_flow import start_case  # noqa: E402
from test_case_walkthrough import log_in, log_out, look, serious_axe_violations  # noqa: E402

pytestmark = pytest.mark.browser
BEFORE_BESLUIT = ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren")


def _case_at_besluit(api_as, users, person) -> int:
    """A Wmo case whose next task is 'Besluit voorbereiden' (earlier steps done through the service)."""
    zaak = start_case(api_as("consulent"), person.bsn)
    for step in BEFORE_BESLUIT:
        task = db.session.query(HumanTask).filter_by(zaak_id=zaak["id"], status="open").one()
        assert task.spec_name == step
        data = form_data(step)
        if step == "aanvraag_registreren":
            data["productcode"] = "01A03"
        complete_task(users["consulent"], task.id, data)
    db.session.remove()
    return zaak["id"]


def _page(browser, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_claim_error_correct_complete_and_the_beoordelaar_gets_the_next_task(live_server, browser, api_as,
                                                                                users, person):
    from playwright.sync_api import expect

    zaak_id = _case_at_besluit(api_as, users, person)
    context, page = _page(browser)
    try:
        log_in(page, live_server, "consulent")
        row = page.get_by_role("row", name=re.compile("Besluit voorbereiden"))
        expect(row).to_contain_text(person.achternaam)
        assert serious_axe_violations(page) == []
        look(page, "inbox-01-werkvoorraad")
        row.get_by_role("link", name="Besluit voorbereiden").click()
        page.get_by_role("button", name="Oppakken").click()
        expect(page.get_by_text("U heeft deze taak opgepakt.")).to_be_visible()

        page.get_by_label("Afwijzen").check()
        page.get_by_label("Wettelijke grondslag").fill("art. 2.3.5 Wmo 2015")
        page.get_by_role("button", name="Taak afronden").click()  # the motivering is missing
        field = page.get_by_label("Motivering")
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator("#field-motivering-error")
        expect(error).to_be_visible()
        assert "motivering" in (field.get_attribute("aria-describedby") or "")
        expect(page.get_by_label("Wettelijke grondslag")).to_have_value("art. 2.3.5 Wmo 2015")  # nothing lost
        assert serious_axe_violations(page) == []
        look(page, "inbox-02-taak-fout")
        field.fill("Een algemene voorziening en uw netwerk helpen u voldoende.")
        page.get_by_role("button", name="Taak afronden").click()
        expect(page.get_by_role("status").first).to_contain_text("afgerond")
        expect(page.get_by_role("link", name="Besluit toetsen (vier ogen)")).to_have_count(0)  # not for its author
        log_out(page)

        log_in(page, live_server, "beoordelaar")
        row = page.get_by_role("row", name=re.compile("Besluit toetsen"))
        expect(row).to_contain_text(person.achternaam)
        row.get_by_role("link", name=re.compile("Z-")).click()
        diagram = page.locator(".cumulus-diagram[data-ready='true']")
        expect(diagram).to_be_visible()
        expect(diagram.locator('[data-element-id="vier_ogen_toets"].cumulus-step--current')).to_have_count(1)
        expect(diagram.locator('[data-element-id="besluit_voorbereiden"].cumulus-step--done')).to_have_count(1)
        expect(diagram.locator('[data-element-id="triage"].cumulus-step--done')).to_have_count(1)
        expect(diagram.locator('[data-element-id="besluit_voorbereiden"].cumulus-step--current')).to_have_count(0)
        expect(page.locator('[aria-current="step"]')).to_contain_text("Besluit toetsen (vier ogen)")
        assert serious_axe_violations(page) == []
        look(page, "inbox-03-zaak")
    finally:
        context.close()


def test_without_javascript_a_consulent_claims_saves_a_draft_and_hands_over(live_server, browser, api_as,
                                                                           users, person):
    from playwright.sync_api import expect

    _case_at_besluit(api_as, users, person)
    context, page = _page(browser, java_script_enabled=False)
    try:
        log_in(page, live_server, "consulent")
        page.get_by_role("link", name="Besluit voorbereiden").click()
        page.get_by_role("button", name="Oppakken").click()
        page.get_by_label("Motivering").fill("Eerste opzet van de motivering")
        page.get_by_role("button", name="Concept opslaan").click()
        expect(page.get_by_role("status").first).to_contain_text("concept is opgeslagen")
        expect(page.get_by_label("Motivering")).to_have_value("Eerste opzet van de motivering")
        page.get_by_label(re.compile("Overdragen aan een collega")).select_option(label="Senior consulent (demo)")
        page.get_by_role("button", name="Overdragen").click()
        expect(page.get_by_role("status").first).to_contain_text("overgedragen")
        log_out(page)

        log_in(page, live_server, "senior")
        page.get_by_label("Opgepakt door").select_option("mij")
        page.get_by_role("button", name="Filteren").click()
        page.get_by_role("link", name="Besluit voorbereiden").click()
        expect(page.get_by_text("U heeft deze taak opgepakt.")).to_be_visible()
        expect(page.get_by_label("Motivering")).to_have_value("Eerste opzet van de motivering")
    finally:
        context.close()
