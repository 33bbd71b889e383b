"""A change of forms only in headless Chromium (#10 point 6): the beheerder's review page of a concept whose model
is the live version's says only forms changed and which; after approval the preview of moving a running case
warns that its waiting task shows another form — at 1440 and 320 px without serious or critical axe violations."""
import json
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))  # the shared helpers
from formulier_flow import KEY, case_on, form_v2, shipped  # noqa: E402
from test_case_walkthrough import checked, log_in, log_out  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_forms_only_change_is_reviewed_and_its_move_warned(app, live_server, page, users, tmp_path, monkeypatch):
    from playwright.sync_api import expect

    from app import db
    from app.services import formulier_ontwerp, process_concepts, publicatie

    before = shipped(app, tmp_path, monkeypatch)
    case_on(before.id, users["consulent"], "e2e")
    ontwerper = users["procesontwerper"]
    concept = process_concepts.concept_from_version(ontwerper, KEY)
    formulier_ontwerp.save_form(ontwerper, concept.id, KEY,
                                json.dumps(form_v2(f"Herschreven {uuid.uuid4().hex[:6]}"), indent=2))
    verzoek = publicatie.request_publication(ontwerper, concept.id)
    db.session.remove()

    log_in(page, live_server, "beheerder")
    page.goto(f"{live_server}/ontwerpen/publicaties/{verzoek.id}")
    expect(page.locator("[data-diff]")).to_have_attribute("data-ready", "true")  # the diagrams are compared
    expect(page.locator("#wijzigingen-samenvatting")).to_have_text("De diagrammen zijn gelijk.")
    expect(page.locator("#alleen-formulieren")).to_contain_text("alleen formulieren zijn gewijzigd")
    expect(page.locator("#alleen-formulieren")).to_contain_text(f"Proefformulier ({KEY})")
    checked(page, "formulierpublicatie-01-beoordeling")
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.get_by_text("is gepubliceerd als versie")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "procesontwerper")
    page.goto(f"{live_server}/ontwerpen/modellen/{KEY}/versies/{before.version + 1}")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Geen stap is veranderd; deze versie heeft alleen andere formulieren")
    changed = page.get_by_role("list", name="Formulieren gewijzigd")
    expect(changed).to_contain_text(f"Proefformulier ({KEY}): versie 1 → versie 2")
    checked(page, "formulierpublicatie-015-versie")
    page.goto(f"{live_server}/ontwerpen/modellen/{KEY}/versies/{before.version}/verplaatsen")
    expect(page.locator(".cumulus-form-warning")).to_contain_text("een ander formulier 'Proefformulier'")
    checked(page, "formulierpublicatie-02-verplaatsen")
    page.set_viewport_size({"width": 320, "height": 800})
    checked(page, "formulierpublicatie-03-verplaatsen-smal")
