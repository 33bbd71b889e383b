"""Vier-ogen on publishing in headless Chromium (#10 point 4): the procesontwerper renames the triage step of Wmo in
the modeler and moves an end event, saves and asks to publish; the beheerder sees both diagrams with the renamed
step marked as changed and the moved one as moved, the Dutch list of changes, approves; a new melding then runs
on the new version and its first task carries the new name in the werkvoorraad. Every page passes axe."""
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from case_flow import start_case  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse: jobs on the app's own thread, not on rq
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

from app import db  # noqa: E402
from app.engine import latest_definition  # noqa: E402
from app.models import DefinitieFormulier, ProcessDefinition, ProcessInstance  # noqa: E402

pytestmark = pytest.mark.browser
NEW_NAME = "Triage van de melding (nieuw)"


@pytest.fixture
def wmo_version(request):
    """The live Wmo version now; the versions this test publishes are taken away again afterwards (the models stay
    between tests, and the next tests expect the shipped Wmo)."""
    live = latest_definition(db.session, "wmo").version
    yield live
    _root_conftest(request)._delete_cases()  # the cases on those versions first
    newer = select(ProcessDefinition.id).where(ProcessDefinition.key == "wmo", ProcessDefinition.version > live)
    db.session.execute(delete(DefinitieFormulier).where(DefinitieFormulier.definition_id.in_(newer)))  # its forms
    db.session.execute(delete(ProcessDefinition).where(ProcessDefinition.key == "wmo",
                                                       ProcessDefinition.version > live))
    db.session.commit()


def _root_conftest(request):
    root = str(Path(__file__).resolve().parents[1] / "conftest.py")
    return next(p for p in request.config.pluginmanager.get_plugins() if getattr(p, "__file__", None) == root)


def test_a_change_of_wmo_is_published_after_a_beheerder_approves_the_highlighted_diff(
        live_server, page, wmo_version, api_as, person):
    from playwright.sync_api import expect

    log_in(page, live_server, "procesontwerper")
    page.get_by_role("button", name="Bewerken Wmo 2015 maatwerkvoorziening").click()
    page.locator("[data-modeler][data-ready='true']").wait_for()
    page.evaluate("""name => { const m = window.cumulusModeler, r = m.get('elementRegistry');
      m.get('modeling').updateLabel(r.get('triage'), name);
      m.get('modeling').moveElements([r.get('end_algemene_voorziening')], { x: 0, y: 30 }); }""", NEW_NAME)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#modeler-status")).to_contain_text("Opgeslagen om")
    page.get_by_role("link", name="Terug naar het concept").click()
    page.get_by_label("Wat is er veranderd en waarom").fill("De triage heet nu anders.")
    page.get_by_role("button", name="Publicatie aanvragen").click()
    expect(page.locator(".cumulus-flashes")).to_contain_text("Publicatie aangevraagd")
    expect(page.locator(".cumulus-verzoek-status")).to_contain_text("Wacht op beoordeling")
    expect(page.get_by_text("U heeft deze publicatie zelf aangevraagd")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren en publiceren")).to_have_count(0)
    checked(page, "publicatie-01-aangevraagd")
    log_out(page)

    log_in(page, live_server, "beheerder")
    page.goto(f"{live_server}/ontwerpen/")
    page.get_by_role("link", name="Publicaties (1 te beoordelen)").click()
    checked(page, "publicatie-02-lijst")
    page.get_by_role("link", name="Aanvraag").first.click()
    page.locator("[data-diff][data-ready='true']").wait_for()
    # the renamed step is marked in both diagrams; the moved end event only in the concept's, as moved
    expect(page.locator('.djs-element.cumulus-diff--changed[data-element-id="triage"]')).to_have_count(2)
    expect(page.locator('.djs-element.cumulus-diff--layout[data-element-id="end_algemene_voorziening"]')) \
        .to_have_count(1)
    expect(page.locator(".djs-element.cumulus-diff--added, .djs-element.cumulus-diff--removed")).to_have_count(0)
    row = page.locator('tr[data-diff-id="triage"]')
    expect(row).to_contain_text("Gewijzigd")
    expect(row).to_contain_text("Taak voor een medewerker")
    expect(row).to_contain_text(f"Naam: 'Triage van de melding' → '{NEW_NAME}'")
    expect(page.locator('tr[data-diff-id="end_algemene_voorziening"]')).to_contain_text("Alleen verplaatst")
    expect(page.get_by_text("De triage heet nu anders.").first).to_be_visible()
    row.get_by_role("button").click()  # shows the element in both diagrams
    expect(page.locator('.djs-element.cumulus-diff--selected[data-element-id="triage"]')).to_have_count(2)
    checked(page, "publicatie-03-vergelijking")

    page.get_by_role("button", name="Afwijzen").click()  # a refusal without a reason is not taken
    expect(page.locator("#field-reden-error")).to_contain_text("Schrijf waarom")
    page.get_by_label("Opmerking bij de goedkeuring").fill("Akkoord, duidelijker voor de consulent.")
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.get_by_text(f"is gepubliceerd als versie {wmo_version + 1}")).to_be_visible()
    expect(page.locator("#verloop")).to_contain_text("Goedgekeurd en gepubliceerd")
    expect(page.locator("#verloop")).to_contain_text("Akkoord, duidelijker voor de consulent.")
    checked(page, "publicatie-04-goedgekeurd")
    log_out(page)

    zaak = start_case(api_as("consulent"), person.bsn)
    db.session.remove()
    instance = db.session.scalar(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak["id"]))
    assert instance.definition.version == wmo_version + 1
    log_in(page, live_server, "consulent")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    expect(page.get_by_role("row", name=zaak["zaaknummer"]).first).to_contain_text(NEW_NAME)


@pytest.mark.parametrize("width", [1440, 320])
def test_the_request_page_fits_the_screen_with_both_diagrams_marked(live_server, browser, users, width):
    from playwright.sync_api import expect

    from app.services import publicatie
    from publicatie_flow import concept
    verzoek = publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"]))
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, "beheerder")
        page.goto(f"{live_server}/ontwerpen/publicaties/{verzoek.id}")
        page.locator("[data-diff][data-ready='true']").wait_for()
        expect(page.locator('.djs-element.cumulus-diff--changed[data-element-id="gesprek"]')).to_have_count(2)
        expect(page.locator('tr[data-diff-id="gesprek"]')).to_contain_text("Naam: 'Gesprek' →")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        checked(page, f"publicatie-05-pagina-{width}")
    finally:
        context.close()
