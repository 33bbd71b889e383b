"""Ratings in headless Chromium: the inwoner rates her aanbieder beside the toewijzing on 'Mijn zorg' (HTML and
missing stars are named beside their fields first), the contractmanager places the rating from the moderation
list, and the public kaart at 320 px then shows the aanbieder's averages from 5 ratings, without a name, with
schema.org aggregateRating. No page has serious or critical axe violations nor anything wider than the screen."""
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from beoordeling_data import ratings, toewijzing_for  # noqa: E402
from kaart_data import demo_kaart, entry_named  # noqa: E402
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402
from test_contracten_walkthrough import _too_wide  # noqa: E402

pytestmark = pytest.mark.browser


def _fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert _too_wide(page, width) == []


def test_an_inwoner_rates_the_contractmanager_places_it_and_the_kaart_shows_it_at_320_px(live_server, page, users):
    from playwright.sync_api import expect

    demo_kaart()
    ratings(4)
    inwoner = users["inwoner"]
    toewijzing_for(inwoner.person)
    entry = entry_named("Hulp bij het huishouden (demo)")

    page.set_viewport_size({"width": 320, "height": 900})
    log_in(page, live_server, "inwoner")
    page.get_by_role("main").get_by_role("link", name="Mijn zorg").click()
    page.get_by_role("link", name=re.compile("^Beoordeel ")).click()
    page.get_by_role("heading", level=1, name="Zorg beoordelen").wait_for()
    _fits(page, 320)
    checked(page, "beoordeling-01-formulier")
    page.get_by_label("Uw ervaring in eigen woorden").fill("Heel <b>fijn</b>")
    page.get_by_role("button", name="Beoordeling versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies bij 'Bejegening' 1 tot en met 5 sterren.")
    expect(page.locator("#field-tekst-error")).to_contain_text("bevat HTML")
    _fits(page, 320)
    checked(page, "beoordeling-02-fouten")
    for aspect, stars in (("Bejegening", "5 sterren (heel goed)"), ("Deskundigheid", "4 sterren"),
                          ("Afspraken nakomen", "3 sterren")):
        page.get_by_role("group", name=re.compile(f"^{aspect}")).get_by_label(stars).check()
    page.get_by_label("Uw ervaring in eigen woorden").fill("Altijd vriendelijk, soms wat laat.")
    page.get_by_role("button", name="Beoordeling versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Dank u wel voor uw beoordeling")
    expect(page.get_by_text("de gemeente controleert hem nog")).to_be_visible()
    checked(page, "beoordeling-03-verstuurd")
    log_out(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "contractmanager")
    page.get_by_role("link", name="Beoordelingen controleren").click()
    page.get_by_role("heading", level=1, name="Beoordelingen controleren").wait_for()
    expect(page.get_by_text("Altijd vriendelijk, soms wat laat.")).to_be_visible()
    expect(page.get_by_text(inwoner.person.naam)).to_have_count(0)
    checked(page, "beoordeling-04-controleren")
    page.set_viewport_size({"width": 320, "height": 900})
    _fits(page, 320)
    page.get_by_role("button", name=re.compile("^Plaatsen")).click()
    expect(page.get_by_role("status").first).to_contain_text("is geplaatst")
    log_out(page)

    page.goto(f"{live_server}/sociale-kaart/0632/{entry.id}")
    page.get_by_role("heading", level=2, name="Wat vinden inwoners ervan?").wait_for()
    expect(page.get_by_text("5 inwoners die zorg kregen")).to_be_visible()
    expect(page.get_by_text("Altijd vriendelijk, soms wat laat.")).to_be_visible()
    expect(page.get_by_text(inwoner.person.naam)).to_have_count(0)
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["aggregateRating"]["ratingCount"] == 5
    _fits(page, 320)
    checked(page, "beoordeling-05-kaart-320")
    page.goto(f"{live_server}/sociale-kaart/0632/?behoefte=huishouden")
    expect(page.get_by_text("(5 beoordelingen)")).to_be_visible()
    _fits(page, 320)
    checked(page, "beoordeling-06-zoeken-320")


def test_the_aanbieder_replies_and_the_keeper_hides_an_entry(live_server, page):
    from playwright.sync_api import expect

    demo_kaart()
    ratings(5)
    entry = entry_named("Hulp bij het huishouden (demo)")
    page.set_viewport_size({"width": 320, "height": 900})
    log_in(page, live_server, "aanbieder")
    page.get_by_role("link", name="Beoordelingen").first.click()
    page.get_by_role("heading", level=1, name="Beoordelingen van uw zorg").wait_for()
    page.get_by_label("Uw openbare reactie").first.fill("Dank u wel, we doen ons best.")
    page.get_by_role("button", name=re.compile("^Reageren")).first.click()
    expect(page.get_by_role("status").first).to_contain_text("Uw reactie staat bij de beoordeling")
    _fits(page, 320)
    checked(page, "beoordeling-07-reactie")
    log_out(page)

    log_in(page, live_server, "contractmanager")
    page.goto(f"{live_server}/contracten/kaart/{entry.id}")
    page.get_by_role("button", name="Verbergen voor inwoners").click()
    expect(page.get_by_role("status").first).to_contain_text("is verborgen")
    _fits(page, 320)
    checked(page, "kaart-verbergen-01")
    page.get_by_role("link", name="Vermelding verwijderen").click()
    page.get_by_role("heading", level=1, name=re.compile("verwijderen\\?$")).wait_for()
    _fits(page, 320)
    checked(page, "kaart-verwijderen-01-vraag")
    assert page.request.get(f"{live_server}/sociale-kaart/0632/{entry.id}").status == 404
