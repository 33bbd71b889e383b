"""Quality per aanbieder and klachten in headless Chromium: the inwoner submits a klacht about her own care in Mijn
zaken (first with HTML in the text: named beside the field, what was typed kept) and sees its state; the
contractmanager opens the quality page of the aanbieder (figures and "< 5"), finds the klacht, follows it up and
closes it, and the inwoner reads why; the public kaart shows the aanbieder's figures in plain words; the pages also work at 320 px — every page without serious or critical axe
violations."""
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402
from test_contracten_walkthrough import _too_wide  # noqa: E402

pytestmark = pytest.mark.browser


def _care():
    """The hand-made quality history of Het Groene Hart, and a toewijzing to it for the demo inwoner."""
    from sqlalchemy import select

    from app import db
    from app.models import Person, User
    from app.services.beschikking_document import made_known
    from kwaliteit_data import make_kwaliteit_history
    from rapportage_data import AANBIEDER_X, History
    made = make_kwaliteit_history()
    h = History()
    h.n = 1000  # after the numbers the quality history used
    inwoner = db.session.scalar(select(User).where(User.username == "inwoner"))
    zaak = h.zaak(db.session.get(Person, inwoner.person_id), "wmo", date(2026, 3, 2))
    beschikking = h.beschikking(zaak, date(2026, 3, 2), date(2026, 3, 2))
    made_known(beschikking, date(2026, 3, 2))  # sent on paper: no letter for the platform to make
    h.toewijzing(zaak, beschikking, AANBIEDER_X, "01A03",
                 date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 2), None, "gestart", 3, "2")
    db.session.commit()
    from kaart_data import demo_kaart, entry_named
    demo_kaart()
    return {**made, "kaart": f"/sociale-kaart/0632/{entry_named('Hulp bij het huishouden (demo)').id}"}


def test_an_inwoner_submits_a_klacht_and_the_contractmanager_closes_it(live_server, page):
    from playwright.sync_api import expect

    made = _care()
    log_in(page, live_server, "inwoner")
    page.get_by_role("link", name="Klacht over uw zorg").click()
    page.get_by_role("heading", level=1, name="Klachten over uw zorg").wait_for()
    page.get_by_label("Over welke zorg gaat het?").select_option(
        label="Thuiszorg Het Groene Hart: Hulp bij het huishouden, basis")
    page.get_by_label("Een klacht.", exact=False).check()
    page.get_by_label("Wat is er gebeurd?").fill("De hulp kwam <b>twee keer</b> niet.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("bevat HTML")
    expect(page.get_by_label("Wat is er gebeurd?")).to_have_value("De hulp kwam <b>twee keer</b> niet.")
    checked(page, "kwaliteit-01-klacht-fout")
    page.get_by_label("Wat is er gebeurd?").fill("De hulp kwam twee keer niet, en niemand belde.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Ontvangen. De gemeente gaat ernaar kijken.")).to_be_visible()
    checked(page, "kwaliteit-02-klacht-ontvangen")
    log_out(page)

    log_in(page, live_server, "contractmanager")
    page.get_by_role("link", name="Thuiszorg Het Groene Hart").click()
    page.get_by_role("link", name="Kwaliteit van Thuiszorg Het Groene Hart").click()
    page.get_by_role("heading", level=1, name="Kwaliteit van Thuiszorg Het Groene Hart").wait_for()
    page.get_by_label("Periode").select_option(label="2026")
    page.get_by_role("button", name="Cijfers tonen").click()
    expect(page.get_by_text("Binnen 3 werkdagen beantwoord")).to_be_visible()
    expect(page.locator("dd", has_text="8,5")).to_be_visible()
    expect(page.get_by_role("row", name="0611")).to_contain_text("< 5")
    checked(page, "kwaliteit-03-pagina")
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert _too_wide(page, 320) == [], "the quality page is wider than 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Alle klachten en signalen over Thuiszorg Het Groene Hart").click()
    page.get_by_role("link", name="Open", exact=True).click()
    rows = page.get_by_role("row", name="Inwoner (Mijn zaken)")
    expect(rows).to_have_count(1)
    rows.get_by_role("link").click()
    expect(page.get_by_text("De hulp kwam twee keer niet, en niemand belde.")).to_be_visible()
    page.get_by_label("Notitie", exact=True).fill("Gebeld met de aanbieder; zij zoeken een vaste hulp.")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_text("De notitie is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul 'Reden van afsluiten' in.")
    checked(page, "kwaliteit-04-klacht-opvolgen")
    page.get_by_label("Reden van afsluiten").fill("De aanbieder stuurt voortaan een vaste hulp en belt als die niet kan.")
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.get_by_text("is afgesloten. De inwoner ziet dat in Mijn zaken.")).to_be_visible()
    checked(page, "kwaliteit-05-klacht-afgesloten")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/klachten")
    expect(page.get_by_text("Afgehandeld.")).to_be_visible()
    expect(page.get_by_text("De aanbieder stuurt voortaan een vaste hulp")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert _too_wide(page, 320) == [], "the portal klachten page is wider than 320 px"
    checked(page, "kwaliteit-06-inwoner-smal")

    page.set_viewport_size({"width": 320, "height": 800})  # `checked` may have taken its screenshots wider
    page.goto(live_server + made["kaart"])  # the public kaart: the objective figures beside the entry
    expect(page.get_by_role("heading", level=2, name="Hoe snel is deze zorgaanbieder?")).to_be_visible()
    expect(page.get_by_text("Te weinig inwoners om dit te laten zien (minder dan 5).")).to_be_visible()
    assert _too_wide(page, 320) == [], "the kaart entry is wider than 320 px"
    checked(page, "kwaliteit-07-kaart")
