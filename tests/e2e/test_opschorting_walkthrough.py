"""#17 points 2 and 3 in Chromium: the consulent asks the inwoner for information on the zaak page (Awb 4:5,
4:15), the inwoner sees the request, its term and the new end date in Mijn zaken and sends the information; the
date moves back; the consulent then extends the term (Awb 4:14) and the inwoner reads the mededeling. Axe checks
on every page, as in the other walks.

Dates follow the real day: a Wmo aanvraag today, beschikking within 2 weeks (art. 2.3.5 lid 2 Wmo 2015); a
request with a term of 14 days suspends the term for up to 14 days from tomorrow; information sent today ends the
suspension at once (0 days) — the date the inwoner sees is recomputed by the same Atw rule the engine uses."""
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import db
from app.domain.deadlines import format_date_nl
from app.domain.termijn_klok import Change, clocked_due
from app.models import HumanTask, Termijn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from case_data import form_data  # noqa: E402
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

pytestmark = pytest.mark.browser


def _wmo_at_besluit(users) -> int:
    from app.services.meldingen import submit_melding
    from app.services.tasks import complete_task
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Hulp bij het huishouden.", kanaal="telefoon", ontvangen_op=date.today())
    for step in ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren"):
        task = db.session.query(HumanTask).filter_by(zaak_id=zaak.id, status="open").filter(
            HumanTask.lane != "inwoner", ~HumanTask.spec_name.like("termijn_%")).order_by(HumanTask.id).first()
        assert task.spec_name == step
        complete_task(users["consulent"], task.id,
                      form_data(step) | ({"productcode": "01A03"} if step == "aanvraag_registreren" else {}))
    return zaak.id


def test_consulent_asks_for_information_and_the_inwoner_sees_the_request_and_the_new_end_date(live_server, page,
                                                                                              users):
    from playwright.sync_api import expect
    zaak_id = _wmo_at_besluit(users)
    today = date.today()
    basis = today + timedelta(weeks=2)
    term_end = today + timedelta(days=14)
    suspended_due, _ = clocked_due(basis, [Change(1, days=14)])
    answered_due, _ = clocked_due(basis, [Change(1, days=0)])

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
    page.get_by_text("Informatie vragen aan de inwoner (opschorten)").click()
    page.get_by_role("button", name="Informatie vragen").click()  # empty: Dutch messages beside the fields
    expect(page.locator("#field-omschrijving-error")).to_contain_text("Schrijf op welke informatie")
    checked(page, "opschorting-01-consulent-fout")
    page.get_by_label("Welke informatie is nodig?").fill("Een brief van uw huisarts over uw klachten.")
    page.get_by_label("Uiterlijk binnen op").fill(term_end.isoformat())
    page.get_by_role("button", name="Informatie vragen").click()
    expect(page.locator(".cumulus-klok__due")).to_have_text(format_date_nl(suspended_due))
    expect(page.locator("#beslistermijn")).to_contain_text("Wacht op de inwoner")
    checked(page, "opschorting-02-consulent-gevraagd")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    request = page.locator(".cumulus-informatieverzoek")
    expect(request).to_contain_text("Een brief van uw huisarts over uw klachten.")
    expect(request).to_contain_text(format_date_nl(term_end))
    expect(page.locator(".cumulus-nieuwe-datum")).to_have_text(format_date_nl(suspended_due))
    expect(page.locator(".cumulus-termijnen").first).to_contain_text(f"uiterlijk {format_date_nl(suspended_due)}")
    expect(page.locator("#brieven")).to_be_visible()  # the letter with the request is in Mijn zaken
    checked(page, "opschorting-03-inwoner-verzoek")
    page.get_by_role("link", name="Informatie sturen").first.click()
    page.get_by_label("Uw antwoord").fill("Hierbij de brief van mijn huisarts.")
    checked(page, "opschorting-04-inwoner-sturen")
    page.get_by_role("button", name="Informatie versturen").click()
    expect(page.locator(".cumulus-termijnen").first).to_contain_text(f"uiterlijk {format_date_nl(answered_due)}")
    checked(page, "opschorting-05-inwoner-verstuurd")
    log_out(page)

    db.session.expire_all()
    due = db.session.query(Termijn).filter_by(zaak_id=zaak_id, soort="beschikking").one().due
    new_date = due + timedelta(days=10)
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
    page.get_by_text("Beslistermijn verdagen").click()
    page.get_by_label("Nieuwe datum voor het besluit").fill(new_date.isoformat())
    page.get_by_label("Reden (de inwoner leest dit)").fill("Het advies van de ergotherapeut is nog niet binnen.")
    page.get_by_role("button", name="Verdagen en mededeling sturen").click()
    expect(page.locator(".cumulus-klok__due")).to_have_text(format_date_nl(new_date))
    checked(page, "opschorting-06-consulent-verdaagd")
    page.goto(f"{live_server}/werkvoorraad/")
    checked(page, "opschorting-07-werkvoorraad")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    expect(page.locator("#termijnen")).to_contain_text(f"naar {format_date_nl(new_date)}")
    page.get_by_role("link", name="lezen Verdaging beslistermijn").first.click()
    expect(page.locator("main")).to_contain_text("ergotherapeut")
    checked(page, "opschorting-08-inwoner-mededeling")
