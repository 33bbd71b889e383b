"""#17 point 6 in Chromium: a melding ended at the triage with an algemene voorziening; the inwoner reads in Mijn zaken
that she may still make an aanvraag (Wmo 2015 art. 2.3.2 lid 9, 2.3.5), reads the letter inside the site, makes the
aanvraag (an empty form first: a Dutch error beside the question), and the zaak goes on to the consulent, who
registers it. Axe on every page; at 1440 and 320 px the pages do not scroll sideways. And the consulent grants a
tijdelijke voorziening on a spoed melding (art. 2.3.3) in the task form, the onderzoek waiting beside it."""
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import db
from app.domain.deadlines import format_date_nl
from app.models import HumanTask, Zaak
from app.services.recht_op_aanvraag import waiting

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared case helpers
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

pytestmark = pytest.mark.browser

REFERRED = {"spoed": False, "samenvatting": "Boodschappen doen lukt niet meer.", "vervolg": "algemene_voorziening",
            "vervolg_toelichting": "De boodschappendienst van de buurt brengt de boodschappen thuis.",
            "persoonlijk_plan": "ziet_af"}  # on the melding day: she said she hands in no plan


def _fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(300)  # the layout settles after the resize (as the reflow walk's fresh 320 px page)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width + 1, width
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def _melding(users, spoed: bool = False) -> int:
    from app.services.meldingen import submit_melding
    zaak = submit_melding(users["consulent"], person_id=users["inwoner"].person_id, domein="wmo",
                          omschrijving="Boodschappen doen lukt niet meer.", kanaal="telefoon", ontvangen_op=date.today())
    return zaak.id


def _open(zaak_id: int) -> list[HumanTask]:
    db.session.remove()
    return db.session.query(HumanTask).filter_by(zaak_id=zaak_id, status="open").order_by(HumanTask.id).all()


def test_the_inwoner_told_she_may_still_apply_makes_the_aanvraag_in_mijn_zaken(live_server, page, users):
    from playwright.sync_api import expect
    from app.services.tasks import complete_task
    zaak_id = _melding(users)
    complete_task(users["consulent"], _open(zaak_id)[0].id, REFERRED)
    tot = format_date_nl(waiting([zaak_id])[zaak_id])

    log_in(page, live_server, "inwoner")
    todo = page.get_by_role("region", name="Wat moet u nog doen?")
    expect(todo).to_contain_text(f"Aanvraag doen als u het niet eens bent met de uitkomst (kan tot en met {tot})")
    checked(page, "recht-01-mijn-zaken")
    page.goto(f"{live_server}/mijn/zaken/{zaak_id}")
    card = page.get_by_role("region", name="U mag toch een aanvraag doen")
    expect(card).to_contain_text("algemene voorziening")
    expect(card).to_contain_text(f"uiterlijk op {tot}")
    expect(page.get_by_role("main")).to_contain_text("De gemeente wacht of u toch een aanvraag doet")
    checked(page, "recht-02-zaak")
    _fits(page, 1440)
    _fits(page, 320)

    page.get_by_role("link", name=re.compile(r"^lezen Uitkomst van uw melding")).click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("U mag toch een aanvraag doen")
    expect(main).to_contain_text("binnen twee weken")
    expect(main).to_contain_text("De boodschappendienst van de buurt brengt de boodschappen thuis.")
    checked(page, "recht-03-brief")
    page.go_back()

    card.get_by_role("link", name="Aanvraag doen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toch een aanvraag doen")
    page.get_by_role("button", name="Aanvraag doen").click()  # nothing chosen: the error is beside the question
    expect(page.locator("#field-akkoord-error")).to_be_visible()
    checked(page, "recht-04-aanvraag-fout")
    _fits(page, 320)
    expect(page.locator("#field-akkoord-error")).to_contain_text("Kies of u uitlegt waarom u de hulp toch nodig heeft")
    page.get_by_label("Ik doe een aanvraag en leg hieronder uit waarom ik de hulp toch nodig heb").check()
    page.get_by_label("Waarom heeft u de hulp toch nodig?").fill("Ik kan de deur niet uit, ook niet naar de bus.")
    page.get_by_role("button", name="Aanvraag doen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wmo")
    expect(page.get_by_role("main")).to_contain_text("De gemeente legt uw aanvraag vast.")
    expect(page.get_by_role("region", name="U mag toch een aanvraag doen")).to_have_count(0)
    checked(page, "recht-05-aanvraag-gedaan")
    log_out(page)

    assert [t.spec_name for t in _open(zaak_id)] == ["aanvraag_registreren"]
    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/zaken/{zaak_id}")
    expect(page.get_by_role("main")).to_contain_text("Ik kan de deur niet uit, ook niet naar de bus.")
    checked(page, "recht-06-consulent-zaak")


def test_the_consulent_grants_a_tijdelijke_voorziening_on_a_spoed_melding(live_server, page, users):
    from playwright.sync_api import expect
    from app.services.tasks import complete_task
    zaak_id = _melding(users)
    complete_task(users["consulent"], _open(zaak_id)[0].id,
                  {"spoed": True, "samenvatting": "Na een val kan mevrouw niet alleen thuis zijn.", "vervolg": "onderzoek"})
    task = next(t for t in _open(zaak_id) if t.spec_name == "tijdelijke_voorziening")

    log_in(page, live_server, "consulent")
    page.goto(f"{live_server}/werkvoorraad/taken/{task.id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tijdelijke voorziening toekennen (spoed)")
    checked(page, "spoed-01-taak")
    _fits(page, 320)
    form = page.locator("form.cumulus-form").filter(has=page.get_by_label("Waarom is er spoed?"))
    form.get_by_label("Product").select_option("01A03")
    form.get_by_label("Aanbieder").select_option("42420001")
    form.get_by_label("Omvang").fill("5")
    form.locator("input[name=tijdelijk_eenheid][value='04']").check()  # Uur
    form.locator("input[name=tijdelijk_frequentie][value='per_week']").check()
    form.get_by_label("Ingangsdatum").fill(date.today().isoformat())
    form.get_by_label("Einddatum").fill((date.today() + timedelta(days=60)).isoformat())
    form.get_by_label("Waarom is er spoed?").fill("Na een val kan mevrouw niet wachten op het gesprek.")
    page.get_by_role("button", name="Taak afronden").click()
    expect(page.get_by_text("Taak 'Tijdelijke voorziening toekennen (spoed)' is afgerond.")).to_be_visible()
    checked(page, "spoed-02-afgerond")
    assert [t.spec_name for t in _open(zaak_id)] == ["onderzoek_gesprek"]
    zaak = db.session.get(Zaak, zaak_id)
    assert [b.tijdelijk for b in zaak.beschikkingen] == [True]
