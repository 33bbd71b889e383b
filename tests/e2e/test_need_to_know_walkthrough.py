"""A consulent of one wijk in headless Chromium opens a zaak of another wijk: the page asks why, a reason
that is too short is named at the field, a good one opens the zaak — without serious axe violations."""
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models import Gemeente, Person, User, UserWijk
from app.services.accounts import hash_password

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from case_flow import start_case  # noqa: E402
from test_case_walkthrough import log_in, look, serious_axe_violations  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def wijk_consulent(app, api_as, users):
    person = db.session.get(Person, users["inwoner"].person_id)
    woerden = db.session.get(Gemeente, person.gemeente_id)
    other = db.session.scalar(select(Person.wijk).where(Person.gemeente_id == woerden.id, Person.wijk != person.wijk))
    user = User(username="wijk.e2e", display_name="Wijkconsulent", roles="consulent", password_hash=hash_password("demo"),
                is_demo=True, gemeenten=[woerden], wijken=[UserWijk(gemeente_id=woerden.id, wijk=other)])
    db.session.add(user)
    db.session.commit()
    yield start_case(api_as("consulent"), person.bsn)
    db.session.rollback()
    user = db.session.get(User, user.id)
    user.username, user.active, user.gemeenten, user.wijken = f"vervallen-{user.id}", False, [], []
    db.session.commit()


def test_a_zaak_outside_the_wijk_asks_for_a_reason(live_server, page, wijk_consulent):
    from playwright.sync_api import expect

    zaak = wijk_consulent
    log_in(page, live_server, "wijk.e2e")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak['id']}")
    page.get_by_role("heading", level=1, name=f"Zaak {zaak['zaaknummer']} valt buiten uw werk").wait_for()
    assert serious_axe_violations(page) == []
    look(page, "doorbreken-01-vraag")
    page.get_by_label("Waarom moet u deze zaak inzien?").fill("nodig")
    page.get_by_role("button", name="Zaak openen met deze reden").click()
    expect(page.locator("#field-reden-error")).to_contain_text("minstens 10")
    assert serious_axe_violations(page) == []
    page.get_by_label("Waarom moet u deze zaak inzien?").fill("Vervanging van mijn collega, spoedvraag inwoner")
    page.get_by_role("button", name="Zaak openen met deze reden").click()
    page.get_by_role("heading", level=1, name=zaak["zaaknummer"]).first.wait_for()
