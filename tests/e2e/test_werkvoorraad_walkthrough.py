"""The consulent's werkvoorraad in headless Chromium (#18 point 2): she finds an inwoner's closed zaak by name,
sees a message that came in after the end and the one filter that shows such zaken, sorts by name, claims a task
from its row and hands two ticked tasks to a colleague at once with a result per task, sees spoed; a failed
"Taak afronden" puts the focus on the error summary at the top, whose lines name each question in plain words.
She finds a zaak without a task by BSN and by zaaknummer (the inwoner sees those searches in her log), sorts by
termijn and by date received and claims a ticked selection; a message sent before anyone picked up a task is mailed.
axe-core finds no serious or critical problem on the way; at 320 px the page does not scroll sideways."""
import re
import sys
from datetime import datetime, timedelta, timezone
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
            "vervolg_toelichting": "De boodschappendienst van de buurt volstaat.",
            "persoonlijk_plan": "ziet_af"}  # on the melding day: she said she hands in no plan


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


def test_she_finds_by_bsn_and_zaaknummer_and_the_inwoner_sees_that_search_in_her_log(live_server, browser, api_as,
                                                                                      users):
    """Found without an open task, by BSN and by zaaknummer; each search a read in the inwoner's 'wie bekeek'."""
    from playwright.sync_api import expect

    inwoner = db.session.get(Person, users["inwoner"].person_id)
    zaak = start_case(api_as("consulent"), inwoner.bsn)
    complete_task(users["consulent"], _open(zaak["id"]).id, REFERRED)
    let_the_aanvraag_term_pass(zaak["id"])  # no aanvraag followed the letter: closed, no open task is left
    db.session.remove()
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in(page, live_server, "consulent")
        for term in (inwoner.bsn, zaak["zaaknummer"]):
            page.goto(f"{live_server}/werkvoorraad/")
            page.get_by_label("Zoek op naam, BSN of zaaknummer").fill(term)
            page.get_by_role("button", name="Filteren en sorteren").click()
            found = page.get_by_role("region", name=f"Zaken bij '{term}'")
            expect(found.get_by_role("row", name=re.compile(zaak["zaaknummer"]))).to_contain_text("Afgesloten")
            expect(found.get_by_role("row", name=re.compile(zaak["zaaknummer"]))).to_contain_text(inwoner.naam)
        checked(page, "werkvoorraad-06-zoeken-zaaknummer")
        _no_sideways_scroll(page)
        page.get_by_role("button", name="Uitloggen").click()

        log_in(page, live_server, "inwoner")
        page.goto(f"{live_server}/mijn/wie-bekeek-mijn-gegevens")
        log = page.get_by_role("list", name="Wie heeft uw gegevens bekeken of veranderd, nieuwste eerst")
        searched = log.get_by_role("listitem").filter(has_text="Gevonden met zoeken naar zaken in de werkvoorraad")
        expect(searched).to_have_count(1)
        expect(searched).to_contain_text("Een consulent van de gemeente")
        expect(searched).to_contain_text("2 keer")  # the two searches, grouped
    finally:
        context.close()


def test_she_sorts_by_termijn_and_by_ontvangen_and_claims_a_selection(live_server, page, api_as, users):
    from playwright.sync_api import expect

    people = db.session.scalars(select(Person).order_by(Person.id).limit(3)).all()
    consulent = api_as("consulent")
    zaken = [start_case(consulent, p.bsn) for p in people]
    now = datetime.now(timezone.utc)
    # termijn: 2, 0, 1 — ontvangen: 1, 2, 0 (oldest first)
    for zaak, due, received in zip(zaken, (5, 9, 2), (3, 10, 20)):
        task = _open(zaak["id"])
        task.due_at, task.ontvangen_op = now + timedelta(days=due), now - timedelta(days=received)
    db.session.commit()
    db.session.remove()

    log_in(page, live_server, "consulent")
    table = page.get_by_role("region", name="Open taken")
    for label, order in (("Termijn (eerst afgelopen)", (2, 0, 1)), ("Datum ontvangen (oudste eerst)", (2, 1, 0))):
        page.get_by_label("Sorteren op").select_option(label=label)
        page.get_by_role("button", name="Filteren en sorteren").click()
        expect(table.locator("tbody tr").first).to_contain_text(zaken[order[0]]["zaaknummer"])
        shown = [text.split(" ")[0] for text in table.locator("tbody tr td:nth-child(6)").all_inner_texts()]
        assert shown == [zaken[i]["zaaknummer"] for i in order], (label, shown)
    checked(page, "werkvoorraad-07-op-ontvangen")

    for zaak in zaken[:2]:
        page.get_by_role("checkbox", name=re.compile(zaak["zaaknummer"])).check()
    page.get_by_role("group", name="Met de aangevinkte taken").get_by_role("button", name="Oppakken").click()
    result = page.get_by_role("status").first
    for zaak in zaken[:2]:
        expect(result).to_contain_text(zaak["zaaknummer"])
        expect(page.get_by_role("row", name=re.compile(zaak["zaaknummer"]))).to_contain_text("Consulent (demo)")
    expect(page.get_by_role("row", name=re.compile(zaken[2]["zaaknummer"]))).to_contain_text("Oppakken")
    expect(page.get_by_label("Sorteren op")).to_have_value("ontvangen")


def test_a_message_sent_before_anyone_picked_up_a_task_is_mailed_as_promised(live_server, browser, api_as, users):
    from playwright.sync_api import expect

    zaak = start_case(api_as("consulent"), db.session.get(Person, users["inwoner"].person_id).bsn)
    db.session.remove()
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in(page, live_server, "inwoner")
        page.goto(f"{live_server}/mijn/zaken/{zaak['id']}/berichten")
        expect(page.get_by_role("main")).to_contain_text("U krijgt een e-mail als er een nieuw bericht is")
        page.get_by_label("Uw bericht aan de consulent").fill("Mag mijn dochter bij het gesprek zijn?")
        page.get_by_role("button", name="Bericht versturen").click()
        expect(page.get_by_role("status").first).to_contain_text("De consulent krijgt een e-mail dat er een bericht is.")
        page.get_by_role("button", name="Uitloggen").click()

        log_in(page, live_server, "consulent")  # nobody has picked up the triage yet
        row = page.get_by_role("row", name=re.compile(zaak["zaaknummer"]))
        expect(row.get_by_role("link", name="Nieuw bericht")).to_be_visible()
        page.get_by_label("Berichten", exact=True).select_option(label="Met een nieuw bericht")
        page.get_by_role("button", name="Filteren en sorteren").click()
        expect(page.get_by_role("region", name="Open taken").locator("tbody tr")).to_have_count(1)
        page.get_by_role("link", name="uitgaande e-mail (ontwikkeling)").click()
        mail = page.get_by_role("main").locator("section, article, li, div").filter(
            has_text="Nieuw bericht van een inwoner").filter(has_text=zaak["zaaknummer"]).last
        expect(mail).to_be_visible()
        expect(page.get_by_role("main")).not_to_contain_text("Mag mijn dochter")  # the text stays behind the login
        checked(page, "werkvoorraad-08-mail")
    finally:
        context.close()
