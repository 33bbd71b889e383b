"""A Jeugd verzoek om toewijzing (315) refused on the woonplaatsbeginsel, in headless Chromium at 1440 and 320 px:
the task asks for the responsible gemeente beside its field, and the 319 names it (OP359, TR377) — without
serious axe violations."""
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from exchange_flow import aanbieder_client  # noqa: E402
from exchange_flow import inline_jobs  # noqa: E402,F401 — autouse fixture: jobs on the app's own thread
from test_case_walkthrough import log_in, serious_axe_violations  # noqa: E402

from app.services.demo_data import WOERDEN  # noqa: E402
from app.simulator.berichten import Jeugdige, verzoek_om_toewijzing  # noqa: E402

pytestmark = pytest.mark.browser
JEUGD_AGB = "41234567"
BSN = {1440: "999900262", 320: "999900286"}


@pytest.mark.parametrize("width", [1440, 320])
def test_a_refusal_on_the_woonplaatsbeginsel_asks_for_the_gemeente_and_sends_it(app, live_server, page, width):
    from playwright.sync_api import expect

    from app import db
    from app.models import Bericht, HumanTask

    aanbieder = aanbieder_client(app, JEUGD_AGB)
    sent = aanbieder.send(verzoek_om_toewijzing("ijw", JEUGD_AGB, WOERDEN,
                                                Jeugdige(BSN[width], date(2013, 2, 1), "Smit", "Lotte"), "45",
                                                "45A03", date.today(), 4, "04", "2", f"VOT-WPB-{width}",
                                                f"V315W{width}", date.today()))
    assert sent.status_code == 202, sent.json
    zaak_id = db.session.get(Bericht, sent.json["id"]).zaak_id
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").one()

    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/taken/{task.id}")
    page.get_by_label("Afwijzen: antwoordbericht (319) versturen").check()
    reden = page.get_by_label("Woonplaatsbeginsel", exact=True)
    if reden.count():
        reden.check()
    else:
        page.get_by_label("Reden van afwijzing").select_option("8")
    page.get_by_role("button", name="Taak afronden").click()
    field = page.get_by_label("Verantwoordelijke gemeente (woonplaatsbeginsel)")
    expect(page.locator("#field-verzoek_woonplaats_gemeente-error")).to_contain_text("gemeentecode")
    assert serious_axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    field.fill("0344")
    page.get_by_role("button", name="Taak afronden").click()
    expect(page.get_by_text("is afgerond")).to_be_visible()
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "JW319"]
    assert b"<jw319:Gemeente>0344</jw319:Gemeente>" in aanbieder.download(item["id"]).data
