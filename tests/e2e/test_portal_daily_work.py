"""What an inwoner of 80 and her mantelzorger meet in the portal (#18 points 4 and 5), each tried in Chromium as
they would: a document chosen before a form error, the beschikking letter inside the site with the consulent's
name, cards that say what was decided, 'wie heeft mijn gegevens bekeken' in plain words, machtigen by BSN with a
confirmation before revoking, no API keys, a select box that looks like one and a 403 that says where to go.
Layout is checked at 1440 and at 320 px wide; axe-core finds nothing serious or critical on any page."""
import re
import sys
from pathlib import Path

import pytest

from app import db
from app.models import User

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared exchange helpers
from exchange_flow import beschikking  # noqa: E402
from test_case_walkthrough import axe_violations, checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WIDTHS = [1440, 320]


@pytest.fixture
def inline(app):
    """Jobs (the beschikking letter) run in the request that queued them, so the letter is there at once."""
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    app.config["JOBS_INLINE"] = True
    yield
    app.config.update(REDIS_URL=previous, JOBS_INLINE=False)


def _at(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})


def _checked(page, name: str, width: int) -> None:
    """axe on the page (and screenshots when asked for); the screenshots resize the page, so size it back."""
    checked(page, name)
    _at(page, width)


def _fits(page, width: int) -> None:
    """No sideways scrolling of the page itself (WCAG 1.4.10 at 320 px)."""
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1, page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_a_document_chosen_before_a_form_error_must_be_chosen_again_and_the_page_says_so(live_server, page, tmp_path,
                                                                                          width):
    from playwright.sync_api import expect
    _at(page, width)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/melding")
    brief = tmp_path / "brief huisarts.pdf"
    brief.write_bytes(PDF)
    page.get_by_label("Documenten (niet verplicht)", exact=True).set_input_files(str(brief))
    page.get_by_role("button", name="Melding versturen").click()  # no choice Wmo/Jeugd: an error
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("Kies Wmo of Jeugd.")
    expect(summary).to_contain_text("Kies uw document opnieuw: brief huisarts.pdf. Het is nog niet verstuurd.")
    field = page.get_by_label("Documenten (niet verplicht)", exact=True)
    expect(field).to_have_accessible_description("Bijvoorbeeld een brief van de huisarts of een foto van de situatie "
                                                 "thuis. PDF, JPG of PNG, hoogstens 10 MB per bestand en 5 bestanden. "
                                                 "Kies dit document opnieuw. Uw melding is nog niet verstuurd, en het "
                                                 "document dus ook niet: brief huisarts.pdf.")
    _fits(page, width)
    _checked(page, f"d01-bijlage-opnieuw-{width}", width)
    page.get_by_label("Hulp of ondersteuning thuis (Wmo)").check()
    page.get_by_label("Waar heeft u hulp bij nodig?").fill("Ik kan niet meer zelf douchen.")
    field.set_input_files(str(brief))
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("link", name="brief_huisarts.pdf")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_beschikking_letter_opens_inside_the_site_and_names_the_consulent(live_server, page, api_as, person,
                                                                               inline, width):
    from playwright.sync_api import expect
    zaak_id = beschikking(api_as("consulent"), person.bsn)
    _at(page, width)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    contact = page.get_by_role("region", name="Uw consulent")
    expect(contact).to_contain_text("Uw consulent is Consulent (demo).")
    expect(contact).to_contain_text("bel Gemeente Woerden op 14 0348 en vraag naar Consulent (demo)")
    expect(contact.get_by_role("link", name="Berichten met de consulent")).to_be_visible()
    _fits(page, width)
    _checked(page, f"d02-zaak-consulent-{width}", width)

    page.get_by_role("main").get_by_role("link", name="lezen").first.click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()  # inside the site
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_contain_text("Mijn zaken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschikking: uw aanvraag is toegekend")
    letter = page.get_by_role("article")
    expect(letter).to_contain_text("Wij nemen dit besluit op grond van artikel 2.3.5 Wmo 2015 en de Verordening "
                                   "maatschappelijke ondersteuning Woerden.")
    expect(letter).to_contain_text("Uw consulent is Consulent (demo). Bel Gemeente Woerden op 14 0348")
    _fits(page, width)
    _checked(page, f"d03-brief-{width}", width)
    assert axe_violations(page, ("minor", "moderate", "serious", "critical")) == []  # the letter: no finding at all
    page.get_by_role("link", name="Terug naar uw zaak").first.click()
    expect(page).to_have_url(f"{live_server}/mijn/zaken/{zaak_id}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overview_cards_say_what_was_decided_and_what_each_is_about(live_server, page, api_as, person, inline,
                                                                         width):
    from playwright.sync_api import expect

    from app.services import meldingen
    beschikking(api_as("consulent"), person.bsn)
    mother = db.session.query(User).filter_by(username="inwoner").one()
    meldingen.submit_melding(mother, person_id=mother.person_id, domein="wmo", kanaal="portaal",
                             omschrijving="Ik kan de trap niet meer op naar mijn slaapkamer.")
    _at(page, width)
    log_in(page, live_server, "inwoner")
    cards = page.get_by_role("main").get_by_role("listitem").filter(has=page.get_by_role("heading", level=3))
    expect(cards).to_have_count(2)
    expect(cards.nth(0).get_by_role("heading")).to_contain_text("Ik kan de trap niet meer op naar mijn slaapkamer")
    expect(cards.nth(0)).to_contain_text("Loopt nog. Er is nog geen besluit.")
    expect(cards.nth(1).get_by_role("heading")).to_contain_text("Hulp bij het huishouden")
    expect(cards.nth(1)).to_contain_text("Besluit: toegekend. U krijgt deze hulp.")
    _fits(page, width)
    _checked(page, f"d04-mijn-zaken-{width}", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_who_looked_groups_repeats_filters_and_speaks_plain_dutch(live_server, page, api_as, person, inline, width):
    from playwright.sync_api import expect

    from app.models import Zaak
    from app.services import dossier
    zaak_id = beschikking(api_as("consulent"), person.bsn)  # the toewijzing (301) names the aanbieder by AGB code
    consulent = db.session.query(User).filter_by(username="consulent").one()
    for _ in range(4):
        dossier.open_zaak(consulent, db.session.get(Zaak, zaak_id), purpose="wmo-behandeling")
    _at(page, width)
    log_in(page, live_server, "inwoner")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wie bekeek mijn gegevens").click()
    log = page.get_by_role("list", name="Wie heeft uw gegevens bekeken of veranderd, nieuwste eerst")
    zaaknummer = db.session.get(Zaak, zaak_id).zaaknummer
    viewed = log.get_by_role("listitem").filter(has_text=f"Zaak {zaaknummer} bekeken")
    expect(viewed).to_have_count(1)
    expect(viewed).to_contain_text("4 keer")
    expect(log).to_contain_text("Opdracht voor uw zorg aan zorgaanbieder")
    text = log.inner_text()
    assert "WMO3" not in text and "JW3" not in text
    assert not re.search(r"tussen (\d\d:\d\d) en \1 uur", text), "four views in one minute read 'tussen 10:04 en 10:04'"
    assert not any(word.isdigit() and len(word) == 8 for word in text.split()), "an AGB code is shown"
    _fits(page, width)
    _checked(page, f"d05-wie-bekeek-{width}", width)

    page.get_by_label("Wie", exact=True).select_option(label="Zorgaanbieders")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("main")).to_contain_text("Met deze keuze is er niets gevonden")
    page.get_by_label("Wie", exact=True).select_option(label="Medewerkers van de gemeente")
    page.get_by_label("Vanaf").fill("2020-01-01")
    page.get_by_role("button", name="Toon").click()
    expect(log.get_by_role("listitem").filter(has_text=f"Zaak {zaaknummer} bekeken")).to_have_count(1)
    expect(log).not_to_contain_text("Het systeem van de gemeente")
    _checked(page, f"d06-wie-bekeek-gefilterd-{width}", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_machtigen_by_bsn_says_nothing_about_accounts_and_revoking_asks_first(live_server, page, width):
    from playwright.sync_api import expect
    _at(page, width)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/machtigingen")
    expect(page.get_by_label("Gebruikersnaam van de persoon die u machtigt")).to_have_count(0)
    for naam, bsn in (("Kees Bakker", "999990019"), ("Anna de Vries", "999900018")):  # no account / an inwoner
        page.get_by_label("Naam van de persoon die u machtigt").fill(naam)
        page.get_by_label("BSN van de persoon die u machtigt").fill(bsn)
        page.get_by_label("Meekijken", exact=True).check()
        page.get_by_role("button", name="Machtiging geven").click()
        expect(page.get_by_role("status").first).to_have_text(
            f"Gelukt: U heeft {naam} gemachtigd: meekijken. {naam} logt in met de eigen DigiD en kiest dan "
            f"bij 'Namens wie?' uw naam.")
    page.get_by_label("Naam van de persoon die u machtigt").fill("Iemand")
    page.get_by_label("BSN van de persoon die u machtigt").fill("12345678")
    page.get_by_role("button", name="Machtiging geven").click()
    expect(page.get_by_role("alert").first).to_contain_text("Het BSN moet uit 9 cijfers bestaan")
    _fits(page, width)
    _checked(page, f"d07-machtigen-{width}", width)

    page.get_by_role("link", name="Intrekken voor Kees Bakker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Weet u zeker dat u de machtiging van Kees Bakker wilt intrekken?")
    _checked(page, f"d08-intrekken-{width}", width)
    page.get_by_role("link", name="Nee, terug naar Delen en machtigen").click()
    expect(page.get_by_role("list", name="Wie mag nu meekijken of handelen?")).not_to_contain_text("Ingetrokken")
    page.get_by_role("link", name="Intrekken voor Kees Bakker").click()
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("status").first).to_contain_text("De machtiging van Kees Bakker is ingetrokken.")
    expect(page.get_by_role("list", name="Wie mag nu meekijken of handelen?")).to_contain_text("Ingetrokken op")


def test_api_keys_are_offered_to_staff_not_to_inwoners(live_server, browser):
    from playwright.sync_api import expect
    for username, offered in (("inwoner", False), ("gemachtigde", False), ("consulent", True)):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
        page = context.new_page()
        log_in(page, live_server, username)
        page.goto(f"{live_server}/auth/profiel")
        expect(page.get_by_role("heading", name="API-sleutels")).to_have_count(1 if offered else 0)
        expect(page.get_by_role("button", name="Sleutel aanmaken")).to_have_count(1 if offered else 0)
        checked(page, f"d09-profiel-{username}")
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_select_box_shows_its_arrow(live_server, page, width):
    _at(page, width)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/wie-bekeek-mijn-gegevens")
    style = page.get_by_label("Wie", exact=True).evaluate(
        "s => { const c = getComputedStyle(s); return [c.appearance, c.backgroundImage, c.paddingRight]; }")
    appearance, arrow, padding = style
    assert appearance != "none" or (arrow.startswith("url(") and float(padding.rstrip("px")) >= 24), style


@pytest.mark.parametrize("username, where_to, says", [
    ("inwoner", "Mijn zaken", "In Mijn zaken ziet u uw eigen zaken"),
    ("aanbieder", "Naar Berichtenverkeer", "Als zorgaanbieder ziet u alleen uw eigen"),
    ("gemachtigde", "Namens wie?", "Helpt u iemand anders? Kies dan eerst bij Namens wie?"),
    ("consulent", "Naar uw startpagina", "Uw rol (consulent) geeft geen toegang tot dit onderdeel."),
    ("backoffice", "Naar uw startpagina", "Uw rol (backoffice) geeft geen toegang tot dit onderdeel."),
])
def test_a_403_says_what_the_user_can_do_and_where_to_go(live_server, page, username, where_to, says):
    from playwright.sync_api import expect
    log_in(page, live_server, username)
    response = page.goto(f"{live_server}/beheer/instellingen")
    assert response.status == 403
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Geen toegang tot deze pagina")
    expect(main).to_contain_text(says)
    expect(main.get_by_role("link", name=where_to)).to_be_visible()
    checked(page, f"d10-403-{username}")
