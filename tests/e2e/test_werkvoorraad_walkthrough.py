"""The consulent's werkvoorraad in headless Chromium (#18 point 2): she finds an inwoner's closed zaak by name,
sees a message that came in after the end and the one filter that shows such zaken, sorts by name, claims a task
from its row and hands two ticked tasks to a colleague at once with a result per task, sees spoed; a failed
"Taak afronden" puts the focus on the error summary at the top, whose lines name each question in plain words.
axe-core finds no serious or critical problem on the way; at 320 px the page does not scroll sideways."""
import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models import HumanTask, Person, Zaak
from app.services import portaal_berichten
from app.services.tasks import complete_task

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_data import form_data  # noqa: E402
from case_flow import start_case  # noqa: E402
from test_recht_op_aanvraag import let_the_aanvraag_term_pass  # noqa: E402
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser
REFERRED = {"spoed": False, "samenvatting": "Boodschappen lukken niet.", "vervolg": "algemene_voorziening",
            "vervolg_toelichting": "De boodschappendienst van de buurt volstaat."}


def _open(zaak_id) -> HumanTask:
    return db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open"))


def _no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_she_finds_a_closed_zaak_by_name_and_sees_the_message_that_came_after(live_server, page, api_as, users):
    from playwright.sync_api import expect

    inwoner = db.session.get(Person, users["inwoner"].person_id)
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    complete_task(users["consulent"], _open(zaak["id"]).id, REFERRED)
    let_the_aanvraag_term_pass(zaak["id"])  # no aanvraag followed the letter (Wmo 2015 art. 2.3.2 lid 9): closed
    portaal_berichten.send(users["inwoner"], db.session.get(Zaak, zaak["id"]),
                           "Waar vind ik de boodschappendienst?", van="inwoner")
    db.session.remove()

    log_in(page, live_server, "consulent")
    berichten = page.get_by_role("region", name="Nieuwe berichten van inwoners")
    expect(berichten.get_by_role("row", name=re.compile(zaak["zaaknummer"]))).to_contain_text("Geen: alleen dit bericht wacht")
    checked(page, "werkvoorraad-01-nieuwe-berichten")
    _no_sideways_scroll(page)

    page.get_by_label("Zoek op naam, BSN of zaaknummer").fill(inwoner.achternaam)
    page.get_by_role("button", name="Filteren en sorteren").click()
    row = page.get_by_role("region", name=f"Zaken bij '{inwoner.achternaam}'").get_by_role(
        "row", name=re.compile(zaak["zaaknummer"]))
    expect(row).to_contain_text("Afgesloten")
    checked(page, "werkvoorraad-02-zoeken")
    row.get_by_role("link", name=zaak["zaaknummer"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(zaak["zaaknummer"])

    page.goto(f"{live_server}/werkvoorraad/")
    berichten.get_by_role("link", name=zaak["zaaknummer"]).click()
    expect(page.get_by_role("main")).to_contain_text("Waar vind ik de boodschappendienst?")
    page.goto(f"{live_server}/werkvoorraad/")
    expect(page.get_by_role("region", name="Nieuwe berichten van inwoners")).to_have_count(0)  # read now


def test_she_sorts_claims_from_the_row_and_hands_over_a_selection(live_server, page, api_as, users):
    from playwright.sync_api import expect

    people = db.session.scalars(select(Person).order_by(Person.id).limit(3)).all()
    consulent = api_as("consulent")
    zaken = [start_case(consulent, p.bsn) for p in people]
    complete_task(users["consulent"], _open(zaken[0]["id"]).id, {**form_data("triage"), "spoed": True})
    db.session.remove()

    log_in(page, live_server, "consulent")
    page.get_by_label("Sorteren op").select_option(label="Naam van de inwoner (A-Z)")
    page.get_by_role("button", name="Filteren en sorteren").click()
    expect(page.get_by_role("status").filter(has_text="gesorteerd op naam van de inwoner")).to_be_visible()
    names = page.get_by_role("region", name="Open taken").locator("tbody tr td:nth-child(5)").all_inner_texts()
    assert names == sorted(names, key=lambda n: _sort_key(n, people))
    spoed_rows = page.get_by_role("row", name=re.compile(zaken[0]["zaaknummer"]))  # spoed: the onderzoek and the
    expect(spoed_rows).to_have_count(2)                                            # tijdelijke voorziening (art. 2.3.3)
    for spoed_row in spoed_rows.all():
        expect(spoed_row).to_contain_text("Spoed")
    checked(page, "werkvoorraad-03-gesorteerd")

    first = page.get_by_role("row", name=re.compile(zaken[1]["zaaknummer"]))
    first.get_by_role("button", name=re.compile("^Oppakken")).click()
    expect(page.get_by_role("status").first).to_contain_text(f"Opgepakt: Triage van de melding ({zaken[1]['zaaknummer']})")
    expect(page.get_by_role("row", name=re.compile(zaken[1]["zaaknummer"]))).to_contain_text("Consulent")
    expect(page.get_by_label("Sorteren op")).to_have_value("naam")  # the list came back as it was

    for zaak in zaken[1:]:
        page.get_by_role("checkbox", name=re.compile(zaak["zaaknummer"])).check()
    page.get_by_label("Overdragen aan").select_option(label=users["senior"].display_name)
    page.get_by_role("button", name="Overdragen", exact=True).click()
    result = page.get_by_role("status").first
    expect(result).to_contain_text(f"Overgedragen aan {users['senior'].display_name}:")
    for zaak in zaken[1:]:
        expect(result).to_contain_text(zaak["zaaknummer"])
        expect(page.get_by_role("row", name=re.compile(zaak["zaaknummer"]))).to_contain_text(users["senior"].display_name)
    checked(page, "werkvoorraad-04-overgedragen")


def _sort_key(name: str, people) -> str:
    person = next(p for p in people if p.naam == name)
    return f"{person.achternaam} {person.voornamen}".lower()


def test_a_failed_taak_afronden_focuses_the_summary_that_names_each_question(live_server, page, api_as, users):
    from playwright.sync_api import expect

    zaak = start_case(api_as("consulent"), db.session.get(Person, users["inwoner"].person_id).bsn)
    task_id = _open(zaak["id"]).id
    db.session.remove()
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/taken/{task_id}")
    page.get_by_role("button", name="Taak afronden").click()
    summary = page.get_by_role("alert").filter(has_text="Nog niet alles is goed ingevuld")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Kies wat er na de triage gebeurt.")).to_be_visible()
    expect(summary.get_by_role("link", name="Schrijf kort waar de inwoner hulp bij vraagt.")).to_be_visible()
    assert page.evaluate("window.scrollY") < 200  # the top of the page, not the fields below
    checked(page, "werkvoorraad-05-taak-fout")
    summary.get_by_role("link", name="Kies wat er na de triage gebeurt.").click()
    expect(page.locator("#field-vervolg")).to_be_focused()
