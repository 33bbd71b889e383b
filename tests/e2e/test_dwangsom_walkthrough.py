"""#17 point 4 in Chromium, at 1440 and 320 px with the axe check: before the beslistermijn has passed Mijn zaken
says why the inwoner cannot yet put the gemeente in default; after it they send the ingebrekestelling in Mijn
zaken and follow its progress — the dates first, then, as the services' clock travels past the two weeks, the
running dwangsom — and the consulent sees the warning on the zaak page.

Dates follow the real day: the aanvraag of the late zaak came in 30 days ago (its two weeks, art. 2.3.5 lid 2 Wmo
2015, long over); the dwangsom's first day is computed by the same rule as the service (app/domain/dwangsom.py)."""
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain import dwangsom as rule
from app.domain.deadlines import format_date_nl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402
from test_dwangsom import late_zaak  # noqa: E402

pytestmark = pytest.mark.browser
TZ = ZoneInfo("Europe/Amsterdam")


def _fits(page, width: int) -> None:
    """At `width` px the zaak page needs no sideways scrolling (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width, width


def test_the_inwoner_puts_the_gemeente_in_default_and_follows_the_dwangsom(live_server, page, users, clock):
    from playwright.sync_api import expect
    early, late = late_zaak(users, aanvraag_days_ago=1).id, late_zaak(users, aanvraag_days_ago=30).id
    today = date.today()
    first = rule.eerste_dag(today)

    log_in(page, live_server, "inwoner")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server}/mijn/zaken/{early}")
    expect(page.locator("#dwangsom")).to_contain_text("Eerder kan nog niet: een ingebrekestelling die te vroeg komt")
    expect(page.locator("#dwangsom").get_by_role("link", name="De gemeente in gebreke stellen")).to_have_count(0)
    checked(page, "dwangsom-01-inwoner-nog-niet")

    page.goto(f"{live_server}/mijn/zaken/{late}")
    section = page.locator("#dwangsom")
    expect(section).to_contain_text("U kunt de gemeente nu in gebreke stellen.")
    _fits(page, 320)
    checked(page, "dwangsom-02-inwoner-kan")
    page.set_viewport_size({"width": 1440, "height": 900})
    section.get_by_role("link", name="De gemeente in gebreke stellen").click()
    page.get_by_role("heading", level=1, name="De gemeente in gebreke stellen").wait_for()
    page.get_by_label("Wilt u nog iets zeggen?").fill("Ik wacht al weken op het besluit.")
    _fits(page, 320)
    checked(page, "dwangsom-03-inwoner-formulier")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.get_by_role("button", name="Gemeente in gebreke stellen").click()
    expect(page.locator(".cumulus-flashes")).to_contain_text("Uw ingebrekestelling is verstuurd.")
    section = page.locator("#dwangsom")
    expect(section).to_contain_text(f"Wij hebben uw ingebrekestelling ontvangen op {format_date_nl(today)}.")
    expect(section).to_contain_text(f"dan krijgt u vanaf {format_date_nl(first)} € 23 per dag.")
    checked(page, "dwangsom-04-inwoner-verstuurd")
    log_out(page)

    clock.at = datetime.combine(first + timedelta(days=4), time(10), tzinfo=TZ)  # the fifth day: 5 × € 23
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{late}")
    expect(page.locator("#dwangsom .cumulus-dwangsom-bedrag")).to_have_text("€ 115")
    expect(page.locator("#dwangsom")).to_contain_text("(5 dagen). Morgen komt er € 23 bij.")
    _fits(page, 320)
    checked(page, "dwangsom-05-inwoner-dwangsom-loopt")
    log_out(page)

    log_in(page, live_server, "consulent")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server}/werkvoorraad/zaken/{late}")
    warning = page.locator(".cumulus-dwangsom-waarschuwing")
    expect(warning).to_contain_text("De dwangsom loopt: € 115 na 5 dagen")
    _fits(page, 320)
    checked(page, "dwangsom-06-consulent-waarschuwing")

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server}/werkvoorraad/zaken/{early}")  # a letter that came before the term ended
    page.get_by_text("Ingebrekestelling per brief vastleggen").click()
    page.get_by_label("Ontvangen op").fill(today.isoformat())
    page.get_by_role("button", name="Ingebrekestelling vastleggen").click()
    expect(page.locator("#field-ontvangen_op-error")).to_contain_text("te vroeg en telt niet")
    checked(page, "dwangsom-07-consulent-te-vroeg")
    page.goto(f"{live_server}/werkvoorraad/zaken/{late}")
    page.get_by_text("Geen dwangsom verschuldigd (art. 4:17 lid 6 Awb)").click()
    page.get_by_label("de aanvraag is kennelijk ongegrond (art. 4:17 lid 6 onder c Awb)").check()
    page.get_by_role("button", name="Uitzondering vastleggen").click()
    expect(page.locator("#field-reden-error")).to_contain_text("Schrijf de reden op")
    checked(page, "dwangsom-08-consulent-uitzondering-fout")
