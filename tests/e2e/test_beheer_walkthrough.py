"""The beheerder in headless Chromium: lands on Medewerkers, adds a consulent for Oudewater with two
wijken (first with a mistake, kept and named), hands over the one-time password; the new consulent logs
in with it and sees Oudewater's werkvoorraad — every page without serious or critical axe violations."""
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models import Gemeente, Person, User

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import log_in, log_out, look, serious_axe_violations  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def retire_made_users(app):
    before = set(db.session.scalars(select(User.id)))
    yield
    db.session.rollback()
    for user in db.session.scalars(select(User).where(User.id.not_in(list(before)))):
        user.username, user.active, user.gemeenten, user.roles, user.wijken = f"vervallen-{user.id}", False, [], "", []
    db.session.commit()


def test_a_beheerder_adds_a_consulent_for_oudewater_who_then_logs_in(live_server, page, retire_made_users):
    from playwright.sync_api import expect

    oudewater = db.session.scalar(select(Gemeente).where(Gemeente.code == "0589"))
    wijken = sorted(db.session.scalars(select(Person.wijk).where(Person.gemeente_id == oudewater.id,
                                                                 Person.wijk.is_not(None)).distinct()))
    log_in(page, live_server, "beheerder")
    page.get_by_role("heading", level=1, name="Medewerkers").wait_for()
    expect(page.get_by_role("row", name="Consulent Oudewater")).to_contain_text("Gemeente Oudewater")
    assert serious_axe_violations(page) == []
    look(page, "beheer-01-medewerkers")

    page.get_by_role("link", name="Nieuwe medewerker").click()
    page.get_by_label("Gebruikersnaam").fill("m.jansen")
    page.get_by_label("Naam", exact=True).fill("Marieke Jansen")
    page.get_by_label("Team").fill("Wmo-team Oudewater")
    page.get_by_role("group", name="Rollen").get_by_label("Consulent").check()
    page.get_by_role("button", name="Medewerker aanmaken").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kies minstens één gemeente waarvoor de medewerker werkt.")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Marieke Jansen")
    assert serious_axe_violations(page) == []
    look(page, "beheer-02-fout")

    page.get_by_role("group", name="Werkt voor de gemeenten").get_by_label("Gemeente Oudewater").check()
    for wijk in wijken[:2]:
        page.get_by_role("group", name="Wijken").get_by_label(f"{wijk} (Gemeente Oudewater)").check()
    page.get_by_role("button", name="Medewerker aanmaken").click()
    page.get_by_role("heading", level=1, name="Eenmalig wachtwoord voor Marieke Jansen").wait_for()
    password = page.locator(".cumulus-secret").inner_text()
    assert serious_axe_violations(page) == []
    look(page, "beheer-03-wachtwoord")
    page.get_by_role("link", name="Terug naar Marieke Jansen").click()
    expect(page.get_by_text("gemeenten: (leeg) → Gemeente Oudewater")).to_be_visible()
    assert serious_axe_violations(page) == []
    look(page, "beheer-04-medewerker")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Instellingen").click()
    page.get_by_label("Grens vier-ogentoets (euro per jaar)").fill("tien")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een bedrag in euro in")
    assert serious_axe_violations(page) == []
    look(page, "beheer-05-instellingen")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Doorbraken").click()
    page.get_by_role("heading", level=1, name="Zaken geopend buiten het eigen werk").wait_for()
    assert serious_axe_violations(page) == []
    log_out(page)

    page.get_by_label("Gebruikersnaam").fill("m.jansen")
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", level=1, name="Kies een nieuw wachtwoord").wait_for()
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(password)
    page.get_by_label("Nieuw wachtwoord nog een keer").fill(password)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een ander wachtwoord dan het eenmalige wachtwoord")
    assert serious_axe_violations(page) == []
    look(page, "beheer-06-nieuw-wachtwoord")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("mijn eigen wachtwoordzin")
    page.get_by_label("Nieuw wachtwoord nog een keer").fill("mijn eigen wachtwoordzin")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.get_by_role("heading", level=1, name="Werkvoorraad").wait_for()
    expect(page.locator(".cumulus-brand__name")).to_have_text("Gemeente Oudewater")
