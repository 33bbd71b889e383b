"""#17 point 1 in Chromium: the consulent (zaak page) and the inwoner (Mijn zaken) see the same corrected terms.

A Jeugd melding of Mon 5 Oct 2026 whose aanvraag came in on Fri 6 Nov 2026 (a letter): the beslistermijn runs
from the aanvraag, 8 weeks = Fri 1 Jan 2027 (Nieuwjaarsdag) → Mon 4 Jan 2027 (art. 4:13 Awb; art. 1 Atw), not
Mon 30 Nov 2026 as from the melding. A Wmo beschikking shows the last bezwaar day from the day it was sent."""
import sys
from datetime import date
from pathlib import Path

import pytest

from app import db
from app.models import Beschikking, HumanTask, Zaak

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_data import form_data  # noqa: E402
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

pytestmark = pytest.mark.browser


def _step(users, zaak_id: int, step: str, **changes) -> None:
    from app.services.tasks import complete_task
    task = db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").filter(
        HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%")).order_by(HumanTask.id).first()
    assert task.spec_name == step
    complete_task(users["consulent"], task.id,
                  form_data("onderzoek_jeugd" if step == "onderzoek_gesprek_jeugd" else step) | changes)


def _terms_shown(page) -> str:
    return page.locator(".cumulus-termijnen").first.inner_text()


@pytest.mark.skipif(date.today() < date(2026, 11, 6), reason="the aanvraag date may not lie in the future")
def test_consulent_and_inwoner_see_the_beslistermijn_from_the_aanvraag(live_server, page, users):
    from playwright.sync_api import expect

    from app.services.meldingen import submit_melding
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="jeugd",
                          omschrijving="Hulp bij opvoeden.", kanaal="telefoon", ontvangen_op=date(2026, 10, 5))
    _step(users, zaak.id, "triage")
    _step(users, zaak.id, "onderzoek_gesprek_jeugd")
    _step(users, zaak.id, "aanvraag_registreren", productcode="45A03", aanvraag_ontvangen_op="2026-11-06",
          aanvraag_bewijs="Brief ontvangen 6 november 2026, kenmerk JH-2026-118")

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak.id}")
    staff = _terms_shown(page)
    assert "uiterlijk 4 januari 2027" in staff and "30 november 2026" not in staff
    assert "art. 4:13 lid 2 Awb; art. 1 lid 1 Atw" in staff
    checked(page, "termijnen-01-consulent-jeugd")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak.id}")
    expect(page.locator(".cumulus-termijnen").first).to_contain_text("uiterlijk 4 januari 2027")
    inwoner = _terms_shown(page)
    assert "30 november 2026" not in inwoner
    checked(page, "termijnen-02-inwoner-jeugd")


def test_consulent_and_inwoner_see_the_persoonlijk_plan_and_bezwaar_dates(live_server, page, users):
    from app.domain.deadlines import format_date_nl
    from app.jobs.background import drain
    from app.services.meldingen import submit_melding
    melding = date.today()
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon", ontvangen_op=melding)
    plan = next(t for t in db.session.get(Zaak, zaak.id).termijnen if t.soort == "persoonlijk_plan")
    plan_day = format_date_nl(plan.due)

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak.id}")
    assert "Persoonlijk plan overhandigen" in _terms_shown(page) and plan_day in _terms_shown(page)
    assert "Termijn van de inwoner" in _terms_shown(page)
    checked(page, "termijnen-03a-consulent-persoonlijk-plan")
    log_out(page)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak.id}")
    assert "Persoonlijk plan overhandigen" in _terms_shown(page) and plan_day in _terms_shown(page)
    assert "U mag een persoonlijk plan inleveren" in _terms_shown(page)
    checked(page, "termijnen-03-inwoner-persoonlijk-plan")
    log_out(page)

    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden"):
        _step(users, zaak.id, step, **({"productcode": "01A03"} if step == "aanvraag_registreren" else {}))
    assert drain(timeout=120)
    from app.services.beschikking_document import make_missing_documents
    make_missing_documents()  # with Redis the letter job waits for a worker
    db.session.expire_all()
    beschikking = db.session.query(Beschikking).filter_by(zaak_id=zaak.id).one()
    bezwaar_day = format_date_nl(beschikking.bezwaar_tot)
    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak.id}")
    assert page.locator(".cumulus-bezwaar-tot").first.inner_text() == bezwaar_day
    checked(page, "termijnen-04-inwoner-bezwaar")
    log_out(page)
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak.id}")
    assert page.locator(".cumulus-bezwaar-tot").first.inner_text() == bezwaar_day
    checked(page, "termijnen-05-consulent-bezwaar")
