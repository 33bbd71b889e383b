"""An aanbieder's back-office worker without software of its own, in headless Chromium at 1440 px: from Mijn
toewijzingen to the toewijzing (client, product, omvang, period, state), the retour (302) with a form, start zorg
(305) with a wrong date first, a declaratie (323) with a typing error first and a tarief the gemeente refuses, its
325 line by line with the Dutch retourcode, and stop zorg (307) — one clear result after each message. At 320 px
the toewijzingen and the declaratie's lines fit the screen (their tables scroll in their own box), and the facts of a
message (richting, kenmerk, dates) read as words, not one letter per line. A toewijzing of before (one made known on
paper, loaded later) does not push today's toewijzing out of the top of the list, offers no form (there is no 301 to
build its messages from) and does not stop the maanddeclaratie of the others."""
import sys
from pathlib import Path

import pytest

from datetime import datetime, timedelta, timezone

from app import db
from app.models import Toewijzing

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared exchange helpers
from exchange_flow import beschikking, first_of_last_month  # noqa: E402
from exchange_flow import inline_jobs, jobs_in_request  # noqa: E402,F401 — the messages are handled in the request
from test_case_walkthrough import checked, log_in  # noqa: E402

pytestmark = pytest.mark.browser
WIDE, NARROW = {"width": 1440, "height": 900}, {"width": 320, "height": 800}


#: The elements that stick out past the viewport, named in the message of a failed 320 px check.
OVERFLOWING = """() => { const w = document.documentElement.clientWidth; const out = [];
for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
 if (r.right > w + 1) { out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right)); } }
return out.slice(0, 15); }"""


def at(page, size: dict) -> None:
    page.set_viewport_size(size)


def no_page_scroll(page) -> bool:
    """WCAG 1.4.10: nothing sticks out sideways at this width (a wide table scrolls in its own region)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


#: The width of each value in a list of facts beside the width of the list: a value squeezed by a long label is narrow.
FACT_WIDTHS = """() => [...document.querySelectorAll('main dl.cumulus-facts:not(.cumulus-facts--cijfers)')].flatMap(dl => [...dl.querySelectorAll('dd')]
  .map(dd => [dd.innerText.trim(), dd.getBoundingClientRect().width / dl.getBoundingClientRect().width]))"""


def squeezed_facts(page) -> list:
    """The facts whose value has less than half the width of its list (at 320 px: fewer than ~15 letters a line)."""
    return [text for text, share in page.evaluate(FACT_WIDTHS) if share < 0.5]


def _an_earlier_toewijzing(toewijzing: Toewijzing) -> int:
    """A toewijzing of a year ago without a 301 in the platform (sent on paper, loaded later: a higher row id)."""
    earlier = Toewijzing(toewijzingnummer=toewijzing.toewijzingnummer + 500, zaak_id=toewijzing.zaak_id,
                         gemeente_id=toewijzing.gemeente_id, aanbieder_id=toewijzing.aanbieder_id,
                         product_id=toewijzing.product_id, ingangsdatum=toewijzing.ingangsdatum - timedelta(days=365),
                         einddatum=toewijzing.ingangsdatum - timedelta(days=1), volume=2, eenheid="04", frequentie="2",
                         status="gestopt", toegewezen_op=datetime.now(timezone.utc) - timedelta(days=365))
    db.session.add(earlier)
    db.session.commit()
    return earlier.toewijzingnummer


def test_an_aanbieder_answers_starts_declares_and_stops_with_forms(live_server, page, api_as, person, jobs_in_request):
    from playwright.sync_api import expect

    beschikking(api_as("consulent"), person.bsn)
    toewijzing = db.session.query(Toewijzing).one()
    nummer, earlier = str(toewijzing.toewijzingnummer), str(_an_earlier_toewijzing(toewijzing))
    at(page, WIDE)
    log_in(page, live_server, "aanbieder")
    page.goto(f"{live_server}/aanbieder/toewijzingen")
    page.get_by_role("heading", level=1, name="Mijn toewijzingen").wait_for()
    rows = page.get_by_role("region", name="Toewijzingen aan").locator("tbody tr")
    expect(rows.first).to_contain_text(nummer)  # today's, waiting for the retour, above the one of a year ago
    expect(rows.nth(1)).to_contain_text(earlier)
    expect(rows.nth(1)).to_contain_text("Niet via Cumulus toegewezen: meld en declareer via uw eigen systeem")
    expect(rows.nth(1).get_by_role("link")).to_have_count(0)  # no form can build its 305, 307 or 323 (a 500 before)
    checked(page, "aanbieder-formulieren-01-toewijzingen")

    page.get_by_role("link", name=f"Toewijzing {nummer} bekijken").click()
    page.get_by_role("heading", level=1, name="Toewijzing").wait_for()
    expect(page.locator("dl").first.locator("xpath=..")).to_contain_text(person.achternaam)
    row = page.get_by_role("row", name=nummer)
    expect(row).to_contain_text("01A03 — ")
    expect(row).to_contain_text("uur per week")
    expect(row).to_contain_text("Wacht op uw retour (302)")
    checked(page, "aanbieder-formulieren-02-toewijzing")
    at(page, NARROW)
    assert no_page_scroll(page), ("the 301 page scrolls sideways at 320 px", page.evaluate(OVERFLOWING))
    assert squeezed_facts(page) == [], "a long label leaves its value a few letters wide at 320 px"
    at(page, WIDE)

    page.get_by_role("link", name="Retour sturen (302)").click()
    page.get_by_role("heading", level=1, name="Retour sturen op de toewijzing").wait_for()
    page.get_by_role("radio", name="Afwijzen").check()
    page.get_by_role("button", name="Retour versturen").click()
    expect(page.locator(f"#field-reden_{nummer}-error")).to_contain_text("de reden waarom u hem afwijst")
    expect(page.get_by_role("radio", name="Afwijzen")).to_be_checked()
    checked(page, "aanbieder-formulieren-03-retour-fout")
    page.get_by_role("radio", name="Accepteren").check()
    page.get_by_role("button", name="Retour versturen").click()
    page.get_by_role("heading", level=1, name="Retour toewijzing").wait_for()
    expect(page.locator("#uitkomst")).to_contain_text("zonder opmerkingen aangenomen")
    expect(page.locator(".utrecht-alert--error")).to_have_count(0)
    checked(page, "aanbieder-formulieren-04-retour-verwerkt")

    page.goto(f"{live_server}/aanbieder/toewijzingen")
    page.get_by_role("link", name=f"Start zorg van toewijzing {nummer}").click()
    page.get_by_role("heading", level=1, name="Start zorg melden").wait_for()
    page.get_by_label("Begindatum van de zorg").fill("2000-01-01")
    page.get_by_role("button", name="Start zorg melden en versturen").click()
    expect(page.locator("#field-begindatum-error")).to_contain_text("vóór de ingangsdatum van de toewijzing")
    expect(page.get_by_label("Begindatum van de zorg")).to_have_value("2000-01-01")
    checked(page, "aanbieder-formulieren-05-start-fout")
    page.get_by_label("Begindatum van de zorg").fill(first_of_last_month().isoformat())
    page.get_by_role("button", name="Start zorg melden en versturen").click()
    page.get_by_role("heading", level=1, name="Start zorg").wait_for()
    expect(page.locator("#uitkomst")).to_contain_text("Verwerkt")

    page.goto(f"{live_server}/aanbieder/toewijzingen")
    page.get_by_role("link", name=f"Declareren op toewijzing {nummer}").click()
    page.get_by_role("heading", level=1, name="Declareren").wait_for()
    expect(page.get_by_label("Tarief per uur in euro")).to_have_value("32,50")
    expect(page.get_by_label("Maand")).to_have_value(f"{first_of_last_month():%Y-%m}")
    page.get_by_label("Geleverd volume (uur)").fill("")
    page.get_by_label("Declaratienummer").fill("DNE2E1")
    page.get_by_role("button", name="Declaratie versturen").click()
    expect(page.locator("#field-volume-error")).to_contain_text("een heel getal groter dan 0")
    expect(page.get_by_label("Declaratienummer")).to_have_value("DNE2E1")
    checked(page, "aanbieder-formulieren-06-declaratie-fout")
    page.get_by_label("Geleverd volume (uur)").fill("10")
    page.get_by_label("Tarief per uur in euro").fill("40,00")
    page.get_by_role("button", name="Declaratie versturen").click()
    page.get_by_role("heading", level=1, name="Declaratie").wait_for()
    result = page.locator("#uitkomst")
    expect(result).to_contain_text("Afgekeurd: de gemeente keurde de declaratie af.")
    expect(page.locator(".utrecht-alert--ok")).to_have_count(0)
    line = page.get_by_role("row", name=person.achternaam)
    expect(line).to_contain_text("€ 400,00")
    expect(line).to_contain_text("0611: Het tarief komt niet overeen met het tarief uit het contract")
    expect(page.get_by_text("Geen opmerkingen")).to_have_count(0)
    checked(page, "aanbieder-formulieren-07-declaratie-afgekeurd")

    page.get_by_role("link", name="Naar het antwoord van de gemeente: Declaratie-antwoord").click()
    page.get_by_role("heading", level=1, name="Declaratie-antwoord").wait_for()
    expect(page.get_by_role("row", name=person.achternaam)).to_contain_text("0611: Het tarief komt niet overeen")
    expect(page.get_by_text("Geen opmerkingen")).to_have_count(0)
    checked(page, "aanbieder-formulieren-08-325")
    at(page, NARROW)
    assert no_page_scroll(page), ("the 325 page scrolls sideways at 320 px", page.evaluate(OVERFLOWING))
    assert squeezed_facts(page) == [], "a long label leaves its value a few letters wide at 320 px"
    at(page, WIDE)

    page.goto(f"{live_server}/aanbieder/toewijzingen")
    page.get_by_role("link", name=f"Stop zorg van toewijzing {nummer}").click()
    page.get_by_role("heading", level=1, name="Stop zorg melden").wait_for()
    page.get_by_role("button", name="Stop zorg melden en versturen").click()
    expect(page.locator("#field-reden-error")).to_contain_text("Kies de reden waarom de zorg stopt.")
    page.get_by_label("Reden van beëindiging").select_option(label="Volgens plan beëindigd")
    page.get_by_role("button", name="Stop zorg melden en versturen").click()
    page.get_by_role("heading", level=1, name="Stop zorg").wait_for()
    expect(page.locator("#uitkomst")).to_contain_text("Verwerkt")
    page.goto(f"{live_server}/aanbieder/toewijzingen")
    expect(page.get_by_role("row", name=nummer)).to_contain_text("Zorg gestopt")
    at(page, NARROW)
    assert no_page_scroll(page), ("Mijn toewijzingen scrolls sideways at 320 px", page.evaluate(OVERFLOWING))
    checked(page, "aanbieder-formulieren-09-toewijzingen-320")

    page.get_by_role("link", name="Maanddeclaratie maken").click()
    page.get_by_role("heading", level=1, name="Maanddeclaratie").wait_for()
    assert no_page_scroll(page), ("the maanddeclaratie scrolls sideways at 320 px", page.evaluate(OVERFLOWING))
    page.get_by_label("Declaratienummer").fill("MD2")
    expect(page.get_by_label(f"Geleverd volume (uur) voor toewijzing {earlier}")).to_have_count(0)  # no 301 to build from
    page.get_by_label(f"Geleverd volume (uur) voor toewijzing {nummer}").fill("10")
    checked(page, "aanbieder-formulieren-10-maanddeclaratie-320")
    page.get_by_role("button", name="Declaratie versturen").click()
    page.get_by_role("heading", level=1, name="Declaratie").wait_for()
    expect(page.locator("#uitkomst")).to_contain_text("Verwerkt en goedgekeurd. 1 van de 1 regel goedgekeurd")
