"""Retention in headless Chromium: the beheerder finds the bewaartermijnen from the /beheer index (a negative term
is refused and named), opens the day's vernietigingslijst, submits it and is told a second person must approve;
the privacy officer approves, and the list becomes the vernietigingsverklaring — every page without serious or
critical axe violations."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse fixture: jobs on the app's own thread
from retentie_data import ended_zaak, new_person  # noqa: E402
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

from app.services.demo_data import WOERDEN  # noqa: E402
from app.services.retentie import propose_due  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_list_is_reviewed_submitted_and_approved_by_a_second_person(live_server, page, api_as, clock):
    from playwright.sync_api import expect

    from app import db
    from app.models import Zaak
    zaak_id = ended_zaak(api_as("consulent"), new_person(WOERDEN))
    zaaknummer = db.session.get(Zaak, zaak_id).zaaknummer
    clock.advance(days=16 * 366)
    propose_due()

    log_in(page, live_server, "beheerder")
    page.get_by_role("link", name="Bewaartermijnen").click()
    page.get_by_role("heading", level=1, name="Bewaartermijnen Gemeente Oudewater").wait_for()
    page.get_by_label("Gemeente").select_option(label="Gemeente Woerden")
    page.get_by_role("button", name="Toon deze gemeente").click()
    page.get_by_role("heading", level=1, name="Bewaartermijnen Gemeente Woerden").wait_for()
    checked(page, "retentie-01-termijnen")
    field = page.get_by_label("Termijn in jaren: Wmo 2015, Toegekend (voorziening verstrekt)")
    expect(field).to_have_value("15")
    field.fill("-1")
    page.get_by_role("button", name="Bewaartermijnen opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("minstens 1 jaar")
    checked(page, "retentie-02-fout")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vernietigen").click()
    page.get_by_role("heading", level=1, name="Vernietigingslijsten").wait_for()
    checked(page, "retentie-03-lijsten")
    page.get_by_role("row", name="Gemeente Woerden").get_by_role("link").click()
    expect(page.get_by_role("row", name=zaaknummer)).to_contain_text("15 jaar (8.1.1)")
    checked(page, "retentie-04-lijst")
    page.get_by_role("button", name="Lijst indienen ter goedkeuring").click()
    expect(page.get_by_text("moet hem nu goedkeuren")).to_be_visible()
    expect(page.get_by_text("U heeft deze vernietigingslijst zelf ingediend")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren en vernietigen")).to_have_count(0)
    checked(page, "retentie-05-ingediend")
    log_out(page)

    log_in(page, live_server, "privacy")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vernietigen").click()
    page.get_by_role("row", name="Wacht op goedkeuring").get_by_role("link").click()
    checked(page, "retentie-06-goedkeuren")
    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    expect(page.get_by_text("De lijst is goedgekeurd")).to_be_visible()
    for _ in range(20):  # the destruction is a job after the commit
        if page.get_by_role("heading", level=1).inner_text().startswith("Vernietigingsverklaring"):
            break
        page.wait_for_timeout(250)
        page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vernietigingsverklaring")
    expect(page.get_by_role("row", name="8.1.1")).to_contain_text("< 5")
    checked(page, "retentie-07-verklaring")
    assert db.session.get(Zaak, zaak_id) is None
