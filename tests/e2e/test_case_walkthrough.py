"""One Wmo case walked through the real pages in headless Chromium, as its users would:
melding by the inwoner, triage (with a form error first) up to a rejected besluit by the consulent,
the vier-ogentoets by the beoordelaar, and the beschikking read back by the inwoner.

Set CUMULUS_E2E_SHOTS=<folder> to also save desktop (1280) and mobile (390) screenshots of every page."""
import os
import re
from datetime import date
from pathlib import Path

import pytest

#: axe-core as the app serves it: a script from the page's own origin, so the strict CSP lets it run.
AXE_URL = "/static/vendor/axe-core/axe.min.js"
SHOTS = os.environ.get("CUMULUS_E2E_SHOTS")

pytestmark = pytest.mark.browser


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core on the current page; its violations of the given impacts as readable lines."""
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in impacts]


def serious_axe_violations(page) -> list[str]:
    return axe_violations(page)


def checked(page, name: str) -> None:
    """Screenshots of the page (when asked for) and no serious or critical axe violations on it."""
    look(page, name)
    assert serious_axe_violations(page) == [], name


def look(page, name: str) -> None:
    """Save desktop and mobile screenshots of the page when CUMULUS_E2E_SHOTS is set."""
    if not SHOTS:
        return
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(folder / f"{name}-mobile.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = axe_violations(page, ("minor", "moderate", "serious", "critical"))
    (folder / f"{name}-axe.txt").write_text("\n".join(problems) or "geen problemen\n", encoding="utf-8")


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/auth/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").wait_for()


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", level=1, name="Inloggen").wait_for()


def open_task(page, title: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", level=1, name=title).wait_for()


def complete(page) -> str:
    """Submit the task form; returns the confirmation the werkvoorraad shows."""
    page.get_by_role("button", name="Taak afronden").click()
    page.get_by_role("heading", level=1, name="Werkvoorraad").wait_for()
    return page.get_by_role("status").first.inner_text()


def test_wmo_case_from_melding_to_beschikking(live_server, browser):
    from playwright.sync_api import expect

    today = date.today().isoformat()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        # -- the inwoner reports that she needs help ------------------------------------------
        page.goto(f"{live_server}/auth/inloggen")
        look(page, "01-inloggen")
        log_in(page, live_server, "inwoner")
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
        look(page, "02-mijn-zaken-leeg")
        page.get_by_role("main").get_by_role("link", name="Melding doen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Melding doen")
        page.get_by_role("button", name="Melding versturen").click()  # nothing filled in
        expect(page).to_have_title(re.compile("^Fout: "))
        expect(page.locator(".cumulus-error-summary")).to_be_visible()
        look(page, "03-melding-fouten")
        page.get_by_label("Hulp of ondersteuning thuis (Wmo)").check()
        page.get_by_label("Waar heeft u hulp bij nodig?").fill(
            "Sinds mijn heupoperatie kan ik niet meer zelf douchen en het huis schoonhouden.")
        page.get_by_role("button", name="Melding versturen").click()
        expect(page.get_by_role("status").first).to_contain_text("Wij hebben uw melding ontvangen")
        zaaknummer = page.locator(".cumulus-lead").inner_text().split()[1]
        look(page, "04-zaak-net-gemeld")
        log_out(page)

        # -- the consulent triages: first forgets the summary, then fixes it -------------------
        log_in(page, live_server, "consulent")
        expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
        expect(page.get_by_role("row", name=re.compile(zaaknummer))).to_contain_text("Triage van de melding")
        look(page, "05-werkvoorraad")
        assert serious_axe_violations(page) == []
        open_task(page, "Triage van de melding")
        expect(page.get_by_role("complementary", name="De zaak")).to_contain_text("niet meer zelf douchen")
        look(page, "06-taak-triage")
        assert serious_axe_violations(page) == []
        page.get_by_label("Onderzoek starten").check()
        page.get_by_role("button", name="Taak afronden").click()
        field = page.locator("#field-samenvatting")
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator("#field-samenvatting-error")
        expect(error).to_be_visible()
        message = error.inner_text().removeprefix("Fout:").strip()
        assert re.search(r"\b(vul|verplicht|kies|geef|schrijf|vink)\b", message, re.I), message  # Dutch, not "is required"
        summary = page.locator(".cumulus-error-summary")
        expect(summary.get_by_role("link", name=message)).to_have_attribute("href", "#field-samenvatting")
        expect(page.get_by_label("Onderzoek starten")).to_be_checked()  # nothing typed was lost
        look(page, "07-taak-triage-fout")
        assert serious_axe_violations(page) == []
        summary.get_by_role("link", name=message).click()
        field.fill("Mevrouw kan na een heupoperatie niet meer zelf douchen en schoonmaken.")
        assert "afgerond" in complete(page)

        open_task(page, "Keukentafelgesprek voeren")
        page.get_by_label("Datum gesprek").fill(today)
        page.get_by_label("Aanwezigen").fill("Inwoner en consulent")
        page.get_by_label("Gratis cliëntondersteuning aangeboden").check()
        page.get_by_label("Identiteit vastgesteld").check()
        page.get_by_label("Mogelijkheid van een pgb uitgelegd").check()
        page.get_by_label("a. Behoeften").fill("Wil zelfstandig blijven wonen.")
        page.get_by_label("b. Eigen kracht").fill("Kookt zelf; douchen lukt niet.")
        page.get_by_label("c. Mantelzorg").fill("Geen mantelzorger in de buurt.")
        page.get_by_label("e. Algemene voorzieningen").fill("Boodschappendienst besproken; lost het niet op.")
        page.get_by_label("g. Eigen bijdrage").check()
        look(page, "07b-taak-gesprek")
        assert "afgerond" in complete(page)

        open_task(page, "Onderzoeksverslag opstellen")
        page.get_by_label("Verslag en conclusie").fill("Huishoudelijke ondersteuning lijkt nodig.")
        page.get_by_label("Maatwerkvoorziening", exact=True).check()
        page.get_by_label("Verslag aan inwoner verstrekt op").fill(today)
        page.get_by_role("button", name="Taak afronden").click()  # the persoonlijk plan term still runs
        expect(page.get_by_text("een persoonlijk plan inleveren (art. 2.3.2 lid 2 Wmo 2015)").first).to_be_visible()
        page.get_by_label("De inwoner heeft gezegd geen plan in te leveren").check()
        assert "afgerond" in complete(page)

        open_task(page, "Aanvraag registreren")
        page.get_by_label("Aanvraag ontvangen op").fill(today)
        product = page.get_by_label("Product")
        product.select_option(index=1)
        assert product.input_value()
        page.get_by_label("Zorg in natura").check()
        aanbieder = page.get_by_label("Aanbieder")
        aanbieder.select_option(index=1)
        assert aanbieder.input_value()
        page.get_by_label("Omvang").fill("3")
        page.get_by_label("Eenheid").select_option(label="Uur")
        page.get_by_label("Per week").check()
        page.get_by_label("Ingangsdatum").fill(today)
        page.get_by_label("Kosten per jaar (euro)").fill("100")
        page.get_by_role("button", name="Taak afronden").click()  # no einddatum: the 301 would break CD076
        expect(page.get_by_text("Een toewijzing per week heeft een einddatum nodig").first).to_be_visible()
        assert page.get_by_label("Omvang").input_value() == "3"  # what was typed stays
        page.get_by_label("Einddatum").fill(date.fromordinal(date.today().toordinal() + 364).isoformat())
        look(page, "07c-taak-aanvraag")
        assert "afgerond" in complete(page)

        open_task(page, "Besluit voorbereiden")
        page.get_by_role("link", name="Hele zaak bekijken").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Zaak {zaaknummer}")
        look(page, "07d-zaak-consulent")
        page.go_back()
        page.get_by_label("Afwijzen").check()
        page.get_by_label("Motivering").fill(
            "U kunt met een algemene voorziening en hulp van uw netwerk zelf uw huis schoonhouden.")
        page.get_by_label("Wettelijke grondslag").fill("art. 2.3.5 Wmo 2015")
        complete(page)
        expect(page.get_by_role("link", name="Besluit toetsen (vier ogen)")).to_have_count(0)  # not for its author
        log_out(page)

        # -- the beoordelaar approves the rejection ----------------------------------------------
        log_in(page, live_server, "beoordelaar")
        open_task(page, "Besluit toetsen (vier ogen)")
        expect(page.get_by_role("complementary", name="De zaak")).to_contain_text(zaaknummer)
        look(page, "08-taak-vier-ogen")
        page.get_by_label("Akkoord", exact=True).check()
        assert "afgerond" in complete(page)
        expect(page.get_by_text("Er staan geen taken voor u klaar.")).to_be_visible()
        page.get_by_role("link", name="Mijn profiel").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
        look(page, "09-profiel")
        log_out(page)

        # -- the inwoner reads the beschikking --------------------------------------------------
        log_in(page, live_server, "inwoner")
        expect(page.get_by_role("main")).to_contain_text("Besluit: afgewezen. U krijgt deze hulp niet.")
        look(page, "10-mijn-zaken")
        page.get_by_role("link", name=re.compile(zaaknummer)).click()
        beschikking = page.locator(".cumulus-beschikking")
        expect(beschikking).to_contain_text("afgewezen")
        expect(beschikking).to_contain_text("algemene voorziening en hulp van uw netwerk")
        expect(beschikking).to_contain_text("bezwaar")
        steps = page.get_by_role("list", name="Voortgang van uw zaak").get_by_role("listitem")
        expect(steps).to_have_count(4)
        for i in range(4):
            expect(steps.nth(i)).to_contain_text("(afgerond)")
        look(page, "11-zaak-beschikking")
        assert serious_axe_violations(page) == []
    finally:
        context.close()
