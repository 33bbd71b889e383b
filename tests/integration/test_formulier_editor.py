"""The form editor beside the model (#10 point 6): a concept's forms, a form's JSON Schema in a text field with a
preview drawn by the task page's macro, saving (refused input stays as typed, the problem beside the field), a
new form that the modeler's list and the linter then know; only a procesontwerper edits, every change audited."""
import json
import re

from sqlalchemy import select, text

from app import db
from app.models import AuditRecord, ConceptFormulier
from app.services import process_concepts, process_lint
from app.services.uow import unit_of_work
from publicatie_flow import concept, live


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _editor(client, concept_id: int, key: str = "triage"):
    url = f"/ontwerpen/concepten/{concept_id}/formulieren/{key}"
    page = client.get(url).get_data(as_text=True)
    return url, page


def _typed(page: str) -> str:
    import html
    return html.unescape(re.search(r'<textarea[^>]*name="bron"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def test_the_forms_page_lists_the_forms_the_tasks_use_and_the_editor_shows_the_preview(client_as, users):
    concept_id = concept(users["procesontwerper"])
    ontwerper = client_as("procesontwerper")
    listed = ontwerper.get(f"/ontwerpen/concepten/{concept_id}/formulieren").get_data(as_text=True)
    assert "Triage van de melding" in listed and "Intake" in listed and "Nieuw formulier" in listed
    url, page = _editor(ontwerper, concept_id)
    assert json.loads(_typed(page))["title"] == "Triage van de melding"
    assert 'id="field-voorbeeld-samenvatting"' in page and "Korte samenvatting van de hulpvraag" in page
    assert "formulier-voorbeeld.js" in page


def test_the_preview_draws_what_is_typed_and_says_why_it_cannot(client_as, users):
    concept_id = concept(users["procesontwerper"])
    ontwerper = client_as("procesontwerper")
    url, page = _editor(ontwerper, concept_id)
    schema = json.loads(_typed(page))
    schema["properties"]["samenvatting"]["title"] = "Wat vraagt de inwoner"
    shown = ontwerper.post(f"{url}/voorbeeld", data={"bron": json.dumps(schema), "csrf_token": _csrf(page)})
    assert shown.status_code == 200 and "Wat vraagt de inwoner" in shown.get_data(as_text=True)
    broken = ontwerper.post(f"{url}/voorbeeld", data={"bron": '{"title": ', "csrf_token": _csrf(page)})
    assert broken.status_code == 422 and "regel 1, kolom 11" in broken.get_data(as_text=True)


def test_saving_checks_first_and_refused_input_stays_as_typed(client_as, users):
    concept_id = concept(users["procesontwerper"])
    ontwerper = client_as("procesontwerper")
    url, page = _editor(ontwerper, concept_id)
    bad = _typed(page).replace('"title": "Spoed"', '"title": ""', 1)
    refused = ontwerper.post(url, data={"bron": bad, "csrf_token": _csrf(page)})
    shown = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Het veld &#39;spoed&#39; heeft geen label" in shown
    assert _typed(shown) == bad and 'aria-invalid="true"' in shown
    no_json = ontwerper.post(url, data={"bron": "{\n  \"title\": \"x\",\n}", "csrf_token": _csrf(page)})
    assert no_json.status_code == 400 and "Dit is geen geldige JSON: regel 3, kolom 1" in no_json.get_data(as_text=True)
    assert db.session.scalar(select(ConceptFormulier).where(ConceptFormulier.concept_id == concept_id)) is None

    good = _typed(page).replace('"title": "Spoed"', '"title": "Spoed of crisis"', 1)
    saved = ontwerper.post(url, data={"bron": good, "csrf_token": _csrf(page)})
    assert saved.status_code == 302
    after = ontwerper.get(url).get_data(as_text=True)
    assert "Gewijzigd in dit concept" in after and _typed(after) == good and "Spoed of crisis" in after
    db.session.remove()
    draft = db.session.scalar(select(ConceptFormulier).where(ConceptFormulier.concept_id == concept_id))
    trail = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "concept_formulier",
                                                         AuditRecord.object_id == draft.id)).all()
    assert [(r.action, r.actor_id) for r in trail] == [("formulier_opgeslagen", users["procesontwerper"].id)]
    # the model's own version is untouched: the live form stays until the concept is published
    assert "Spoed of crisis" not in client_as("procesontwerper").get("/ontwerpen/formulieren/triage").get_data(as_text=True)


def test_a_new_form_is_known_to_the_modeler_and_the_linter(client_as, users):
    ontwerper_user = users["procesontwerper"]
    concept_id = concept(ontwerper_user)
    ontwerper = client_as("procesontwerper")
    forms_url = f"/ontwerpen/concepten/{concept_id}/formulieren"
    page = ontwerper.get(forms_url).get_data(as_text=True)
    taken = ontwerper.post(forms_url, data={"sleutel": "triage", "titel": "Dubbel", "csrf_token": _csrf(page)})
    assert taken.status_code == 400 and "Er is al een formulier &#39;triage&#39;" in taken.get_data(as_text=True)
    made = ontwerper.post(forms_url, data={"sleutel": "huisbezoek_verslag", "titel": "Verslag van het huisbezoek",
                                           "csrf_token": _csrf(page)})
    assert made.status_code == 302 and made.headers["Location"].endswith("/formulieren/huisbezoek_verslag")

    xml = db.session.get(type(live()), live().id).bpmn_xml.replace(
        'name="formKey" value="triage"', 'name="formKey" value="huisbezoek_verslag"', 1)
    process_concepts.save_concept(ontwerper_user, concept_id, xml.encode())
    rules = {f.rule for f in process_lint.concept_check(ontwerper_user, concept_id).findings}
    assert "form-unknown" not in rules
    other = concept(ontwerper_user, xml.replace("Gesprek", "Gesprek twee").encode())  # another concept: unknown there
    assert "form-unknown" in {f.rule for f in process_lint.concept_check(ontwerper_user, other).findings}
    modeler = ontwerper.get(f"/ontwerpen/concepten/{concept_id}/bewerken").get_data(as_text=True)
    assert "huisbezoek_verslag" in modeler and "Verslag van het huisbezoek" in modeler


def test_only_a_procesontwerper_edits_a_form_and_only_while_the_concept_is_open(client_as, users):
    concept_id = concept(users["procesontwerper"])
    beheerder = client_as("beheerder")
    url, page = _editor(beheerder, concept_id)
    assert "readonly" in page and "Formulier opslaan" not in page
    assert beheerder.post(url, data={"bron": _typed(page), "csrf_token": _csrf(page)}).status_code == 403
    listed = beheerder.get(f"/ontwerpen/concepten/{concept_id}/formulieren").get_data(as_text=True)
    assert "Nieuw formulier" not in listed
    assert client_as("consulent").get(url).status_code == 403
    with unit_of_work() as session:  # as an approval leaves it
        session.execute(text("UPDATE process_concept SET status = 'gepubliceerd' WHERE id = :id"), {"id": concept_id})
    db.session.remove()
    ontwerper = client_as("procesontwerper")
    url, page = _editor(ontwerper, concept_id)
    refused = ontwerper.post(url, data={"bron": _typed(page), "csrf_token": _csrf(page)})
    assert refused.status_code == 403 and "liggen vast" in refused.get_data(as_text=True)


def test_the_demo_request_shows_its_changed_form_to_the_reviewer(client_as):
    from app.models import PublicatieVerzoek
    from app.services.demo_publicatie import load_demo_publicatie
    assert load_demo_publicatie() == {"publicatieaanvragen": 1}
    verzoek = db.session.scalar(select(PublicatieVerzoek).where(PublicatieVerzoek.key == "wmo"))
    page = client_as("beheerder").get(f"/ontwerpen/publicaties/{verzoek.id}").get_data(as_text=True)
    section = page[page.index('id="formulieren-kop"'):]
    assert "Onderzoeksverslag" in section and "was versie" in section
    assert "Label van verslag: &#39;Verslag en conclusie&#39; → &#39;Wat u samen besprak en uw conclusie&#39;" in section
