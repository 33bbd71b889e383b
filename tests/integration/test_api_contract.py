"""The API's contract: a valid OpenAPI document, problem details in Dutch, authentication, input checks."""
from datetime import date, timedelta

from openapi_spec_validator import validate as validate_openapi

from app.services.rapportage.dashboard import TABLES


def test_the_openapi_document_is_valid_and_lists_every_route(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    validate_openapi(document)
    assert set(document["paths"]) == {"/meldingen", "/taken", "/taken/{id}", "/taken/{id}/claim",
                                      "/taken/{id}/voltooien", "/zaken/{id}", "/aanbieder/berichten",
                                      "/aanbieder/berichten/{id}", "/aanbieder/berichten/{id}/retour",
                                      "/aanbieder/berichten/{id}/bevindingen", "/ggk/di01",
                                      "/mijn/zaken", "/mijn/verwerkingen", "/mijn/zaken/{zaak_id}/berichten",
                                      "/betaalbatches", "/betaalbatches/{id}", "/betaalbatches/{id}/sluiten",
                                      "/betaalbatches/{id}/vrijgeven", "/betaalbatches/{id}/pain001",
                                      "/aanbieders", "/aanbieders/{id}", "/aanbieders/{id}/wijzigen",
                                      "/aanbieders/{id}/contracten", "/aanbieder-registraties/{id}/wijzigen",
                                      "/contracten/{id}", "/contracten/{id}/wijzigen", "/contracten/{id}/producten",
                                      "/contractproducten/{id}/tarieven", "/contractproducten/{id}/plafond",
                                      "/rapportage", *(f"/rapportage/{key}" for key in TABLES)}
    api_rules = {r.rule.removeprefix("/api/v1") for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")}
    documented = {p.replace("{id}", "<id:task_id>") for p in document["paths"]} | {"/zaken/<id:zaak_id>"}
    documented |= {p.replace("{id}", "<id:bericht_id>") for p in document["paths"] if p.startswith("/aanbieder/")}
    documented |= {p.replace("{zaak_id}", "<id:zaak_id>") for p in document["paths"] if p.startswith("/mijn/")}
    documented |= {p.replace("{id}", "<id:batch_id>") for p in document["paths"] if p.startswith("/betaalbatches/")}
    for prefix, name in (("/aanbieders/", "aanbieder_id"), ("/aanbieder-registraties/", "registratie_id"),
                         ("/contracten/", "contract_id"), ("/contractproducten/", "regel_id")):
        documented |= {p.replace("{id}", f"<id:{name}>") for p in document["paths"] if p.startswith(prefix)}
    assert api_rules - {"/openapi.json"} <= documented


def test_without_credentials_the_api_answers_401_as_problem_details(app):
    response = app.test_client().get("/api/v1/taken")
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.json["status"] == 401 and "API-sleutel" in response.json["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_refused(app):
    response = app.test_client().get("/api/v1/taken", headers={"Authorization": "Bearer cum_verzonnen"})
    assert response.status_code == 401


def test_a_melding_with_bad_fields_names_each_problem_in_dutch(api_as):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "bsn": "123456789", "domein": "wlz", "omschrijving": "",
        "ontvangen_op": (date.today() + timedelta(days=3)).isoformat()})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    reasons = {p["name"]: p["reason"] for p in response.json["invalid_params"]}
    assert reasons["domein"] == "Kies een van: wmo, jeugd."
    assert reasons["omschrijving"].startswith("Beschrijf de hulpvraag")


def test_a_melding_with_an_invalid_bsn_is_refused_by_the_elfproef(api_as):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "bsn": "123456789", "domein": "wmo", "omschrijving": "hulp"})
    assert response.status_code == 422
    assert any("elfproef" in p["reason"] for p in response.json["invalid_params"])


def test_a_melding_received_in_the_future_is_refused(api_as, person):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "bsn": person.bsn, "domein": "wmo", "omschrijving": "hulp",
        "ontvangen_op": (date.today() + timedelta(days=1)).isoformat()})
    assert response.status_code == 422 and "toekomst" in response.get_data(as_text=True)


def test_a_body_that_is_not_json_is_refused_clearly(api_as):
    response = api_as("consulent").post("/api/v1/meldingen", data="bsn=1", content_type="text/plain")
    assert response.status_code == 422 and "JSON" in response.json["detail"]


def test_an_inwoner_cannot_register_meldingen_for_others_through_the_api(api_as, person):
    response = api_as("inwoner").post("/api/v1/meldingen", json={
        "bsn": person.bsn, "domein": "wmo", "omschrijving": "hulp"})
    assert response.status_code == 403 and response.json["detail"]


def test_tasks_filter_by_role_and_assignee_and_claiming_is_visible(api_as, person):
    consulent = api_as("consulent")
    zaak = consulent.post("/api/v1/meldingen", json={"bsn": person.bsn, "domein": "wmo",
                                                     "omschrijving": "hulp"}).json
    [task] = [t for t in consulent.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak["id"]]
    detail = consulent.get(f"/api/v1/taken/{task['id']}").json
    assert detail["formulier_schema"]["properties"]["vervolg"]["title"]
    assert consulent.post(f"/api/v1/taken/{task['id']}/claim").json["behandelaar"] == "consulent"
    mine = consulent.get("/api/v1/taken?assignee=mij").json
    assert [t["id"] for t in mine["results"]] == [task["id"]]
    assert consulent.get("/api/v1/taken?assignee=niemand").status_code == 422
    assert consulent.get("/api/v1/taken?status=weg").status_code == 422


def test_an_invalid_form_is_answered_with_every_wrong_field_and_nothing_changes(api_as, person):
    consulent = api_as("consulent")
    zaak = consulent.post("/api/v1/meldingen", json={"bsn": person.bsn, "domein": "wmo",
                                                     "omschrijving": "hulp"}).json
    [task] = [t for t in consulent.get("/api/v1/taken").json["results"] if t["zaak_id"] == zaak["id"]]
    response = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {"vervolg": "iets"}})
    assert response.status_code == 422
    names = {p["name"] for p in response.json["invalid_params"]}
    assert {"vervolg", "samenvatting"} <= names
    assert consulent.get(f"/api/v1/taken/{task['id']}").json["status"] == "open"


def test_completing_a_task_twice_says_it_is_already_done(api_as, person):
    consulent = api_as("consulent")
    zaak = consulent.post("/api/v1/meldingen", json={"bsn": person.bsn, "domein": "wmo",
                                                     "omschrijving": "hulp"}).json
    [task] = [t for t in consulent.get("/api/v1/taken").json["results"] if t["zaak_id"] == zaak["id"]]
    data = {"gegevens": {"spoed": False, "samenvatting": "x", "vervolg": "algemene_voorziening",
                         "vervolg_toelichting": "Verwezen naar de wijkcoach.", "persoonlijk_plan": "ziet_af"}}
    assert consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json=data).status_code == 200
    again = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json=data)
    assert again.status_code == 409 and "afgerond" in again.json["detail"]


def test_an_inwoners_token_reaches_only_their_own_dossier_under_mijn(api_as, person, users):
    from app import db
    from app.models import Person
    other = db.session.query(Person).filter(Person.id != person.id).first()
    consulent = api_as("consulent")
    own = consulent.post("/api/v1/meldingen", json={"bsn": person.bsn, "domein": "wmo", "omschrijving": "a"}).json
    theirs = consulent.post("/api/v1/meldingen", json={"bsn": other.bsn, "domein": "wmo", "omschrijving": "b"}).json
    inwoner = api_as("inwoner")
    assert [z["id"] for z in inwoner.get("/api/v1/mijn/zaken").json["results"]] == [own["id"]]
    for outside in (f"/api/v1/zaken/{own['id']}", f"/api/v1/zaken/{theirs['id']}", "/api/v1/taken"):
        refused = inwoner.get(outside)
        assert refused.status_code == 403 and "eigen dossier" in refused.json["detail"]
