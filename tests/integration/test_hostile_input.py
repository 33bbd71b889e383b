"""No input gives a 500: the requests a fuzzer and an attacker found, written down so they stay fixed —
ids beyond the database's integer and beyond 64 bits, negative ids, lone surrogates and control characters
in JSON bodies, forms and query strings, JSON that is no JSON. Pages answer with a Dutch error beside the
field, the API with problem details that name the field."""
import pytest

from app import db
from app.models import PortaalBericht, TaskDraft, Zaak
from case_data import form_data
from case_flow import WMO_STEPS, complete_steps, open_task_of, start_case

TOO_BIG = (2**31, 2**63, 2**64 + 1, 10**30)
CONTROL = "Hulp\x00nodig"
SURROGATE = "Hulp \ud800 nodig"


def _reasons(response) -> dict:
    assert response.mimetype == "application/problem+json", response.data
    return {p["name"]: p["reason"] for p in response.json.get("invalid_params", [])}


@pytest.mark.parametrize("big", TOO_BIG)
@pytest.mark.parametrize("url", ["/api/v1/zaken/{}", "/api/v1/taken/{}", "/api/v1/aanbieder/berichten/{}/retour",
                                 "/api/v1/mijn/zaken/{}/berichten"])
def test_an_api_id_out_of_range_is_not_found(api_as, url, big):
    response = api_as("consulent").get(url.format(big))
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("id_", ["-1", "0", str(2**31), str(2**64 + 1), "9" * 5000])
def test_claiming_a_task_with_an_impossible_id_is_not_found(api_as, id_):
    assert api_as("consulent").post(f"/api/v1/taken/{id_}/claim").status_code == 404


def test_every_page_with_an_id_answers_not_found_for_an_id_out_of_range(app, client_as):
    """Walks app.url_map: every rule with an id, each id replaced by one too big for the database."""
    clients = {role: client_as(role) for role in ("consulent", "inwoner", "aanbieder")}
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static":
            continue
        for big in (2**31, 2**64 + 1):
            url = rule.rule
            for name in rule.arguments:
                url = url.replace(f"<id:{name}>", str(big)).replace(f"<key:{name}>", "k" * 101)  # too long a key
                url = url.replace(f"<gemeente:{name}>", "0000")  # no gemeente has CBS code 0000
            assert "<" not in url, (f"{rule.rule}: every id in a URL uses the <id:> converter (a process key "
                                    "<key:>, a gemeente's CBS code <gemeente:>)")
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for role, client in clients.items():
                    response = client.open(url, method=method)
                    assert response.status_code == 404, f"{method} {url} as {role}: {response.status_code}"
                    checked += 1
    assert checked > 100


def test_a_melding_with_a_lone_surrogate_and_a_negative_inwoner_id_names_both_fields(api_as):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "inwoner_id": -1, "domein": "wmo", "omschrijving": SURROGATE})
    assert response.status_code == 422
    reasons = _reasons(response)
    assert "niet is toegestaan" in reasons["omschrijving"] and "'omschrijving'" in reasons["omschrijving"]
    assert reasons["inwoner_id"] == "Geef een nummer van 1 tot en met 2147483647."


@pytest.mark.parametrize("field,value", [("omschrijving", CONTROL), ("omschrijving", "a\x1bb"),
                                         ("bsn", "99990\x00006"), ("kanaal", SURROGATE)])
def test_a_melding_with_a_control_character_is_refused_and_stores_nothing(api_as, person, field, value):
    body = {"bsn": person.bsn, "domein": "wmo", "omschrijving": "Hulp thuis.", field: value}
    response = api_as("consulent").post("/api/v1/meldingen", json=body)
    assert response.status_code == 422 and field in _reasons(response)
    assert db.session.query(Zaak).count() == 0


@pytest.mark.parametrize("inwoner_id", [2**31, 2**64 + 1, 0, "12", True, 1.5])
def test_an_inwoner_id_that_cannot_be_an_id_is_a_field_error(api_as, inwoner_id):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "inwoner_id": inwoner_id, "domein": "wmo", "omschrijving": "Hulp."})
    assert response.status_code in (404, 422)  # True is 1: a person that may not exist
    if response.status_code == 422:
        assert "inwoner_id" in _reasons(response)


def test_a_melding_dated_before_the_wmo_2015_is_refused(api_as, person):
    response = api_as("consulent").post("/api/v1/meldingen", json={
        "bsn": person.bsn, "domein": "wmo", "omschrijving": "Hulp.", "ontvangen_op": "2000-01-01"})
    assert response.status_code == 422 and "1 januari 2015" in _reasons(response)["ontvangen_op"]


@pytest.mark.parametrize("body", ['{"domein": NaN}', '{"a": Infinity}', "[" * 100_000 + "]" * 100_000,
                                  b'{"omschrijving": "\xff"}'])
def test_a_body_that_is_no_json_is_refused_clearly(api_as, body):
    response = api_as("consulent").post("/api/v1/meldingen", data=body, content_type="application/json")
    assert response.status_code == 422 and "JSON" in response.json["detail"]


@pytest.mark.parametrize("query,name", [("zoek=%00", "zoek"), ("wijk=a%1Fb", "wijk"), ("assignee=%00", "assignee"),
                                        ("offset=100000000000000000000", "offset"), ("limit=0", "limit"),
                                        ("limit=abc", "limit"), ("status=%7F", "status")])
def test_a_wrong_query_parameter_of_the_task_list_is_named(api_as, query, name):
    response = api_as("consulent").get(f"/api/v1/taken?{query}")
    assert response.status_code == 422 and name in _reasons(response)


@pytest.mark.parametrize("query", ["offset=99999999999999", "limit=1000", "offset=-1"])
def test_the_aanbieder_outbox_refuses_paging_out_of_range(api_as, query):
    response = api_as("aanbieder").get(f"/api/v1/aanbieder/berichten?{query}")
    assert response.status_code == 422


def test_the_werkvoorraad_shows_a_control_character_in_a_filter_as_the_filters_error(client_as):
    response = client_as("consulent").get("/werkvoorraad/?zoek=%00&pagina=99999999999999999999")
    assert response.status_code == 200
    assert "&#39;zoek&#39; bevat een teken dat niet is toegestaan" in response.get_data(as_text=True)


def test_a_portal_message_with_a_control_character_gets_a_dutch_error_beside_the_field(client_as, users):
    from portal_data import full_dossier
    dossier = full_dossier(users["inwoner"], users["consulent"], users["gemachtigde"])
    before = db.session.query(PortaalBericht).count()
    response = client_as("inwoner").post(f"/mijn/zaken/{dossier['zaak_id']}/berichten", data={"tekst": CONTROL})
    assert response.status_code == 400
    assert "&#39;Bericht&#39; bevat een teken dat niet is toegestaan" in response.get_data(as_text=True)
    assert db.session.query(PortaalBericht).count() == before


@pytest.mark.parametrize("actie", ["voltooien", "concept"])
def test_a_task_form_or_draft_with_a_control_character_is_shown_again_with_the_error(api_as, client_as, person, actie):
    consulent = api_as("consulent")
    task = open_task_of(consulent, start_case(consulent, person.bsn)["id"])
    response = client_as("consulent").post(f"/werkvoorraad/taken/{task['id']}", data={
        "samenvatting": "Mevrouw\x0b kan het niet", "vervolg": "onderzoek", "actie": actie})
    assert response.status_code == 400
    assert "bevat een teken dat niet is toegestaan" in response.get_data(as_text=True)
    assert db.session.query(TaskDraft).count() == 0
    assert consulent.get(f"/api/v1/taken/{task['id']}").json["status"] == "open"


def test_task_data_through_the_api_with_a_lone_surrogate_is_refused(api_as, person):
    consulent = api_as("consulent")
    task = open_task_of(consulent, start_case(consulent, person.bsn)["id"])
    response = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {
        "spoed": False, "samenvatting": SURROGATE, "vervolg": "onderzoek", "\udfff": 1}})
    assert response.status_code == 422 and "niet is toegestaan" in _reasons(response)["samenvatting"]


def test_a_username_with_a_control_character_or_too_long_is_a_login_error_not_a_crash(app):
    for name in ("consulent\x00", "x" * 5000):
        response = app.test_client().post("/auth/inloggen", data={"gebruikersnaam": name, "wachtwoord": "demo"})
        assert response.status_code == 400


def test_a_next_address_with_a_line_break_is_not_followed(app):
    response = app.test_client().post("/auth/inloggen?next=/%0D%0ASet-Cookie:x=1",
                                      data={"gebruikersnaam": "consulent", "wachtwoord": "demo"})
    assert response.status_code == 302 and "\n" not in response.headers["Location"]
    assert response.headers["Location"].endswith("/")


def test_a_method_the_api_does_not_have_is_answered_as_problem_details(api_as):
    response = api_as("consulent").client.delete("/api/v1/meldingen", headers=api_as("consulent").headers)
    assert response.status_code == 405 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("collega", [str(2**31), str(2**64 + 1), "-5"])
def test_handing_a_task_over_to_an_impossible_colleague_id_asks_for_a_colleague(api_as, client_as, person, collega):
    consulent = api_as("consulent")
    task = open_task_of(consulent, start_case(consulent, person.bsn)["id"])
    response = client_as("consulent").post(f"/werkvoorraad/taken/{task['id']}/overdragen", data={"collega": collega})
    assert response.status_code == 302


@pytest.mark.parametrize("choice", ["²", "9" * 30, str(2**31)])
def test_namens_with_an_impossible_machtiging_is_a_flash_not_a_crash(client_as, choice):
    response = client_as("gemachtigde").post("/mijn/namens", data={"machtiging": choice})
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn/namens")


@pytest.mark.parametrize("field,value", [("aanvraag_ontvangen_op", "1900-01-01"), ("aanvraag_ontvangen_op", "9999-12-31"),
                                         ("ingangsdatum", "0001-01-01"), ("omvang", 10**30)])
def test_a_date_or_amount_no_legal_term_or_message_can_hold_is_a_field_error(api_as, person, field, value):
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], steps=WMO_STEPS[:3])
    task = open_task_of(consulent, zaak["id"])
    data = {**form_data(task["formulier"]), "productcode": "01A03", field: value}
    response = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
    assert response.status_code == 422 and field in _reasons(response)


@pytest.mark.parametrize("body", ['{"gegevens": {"omvang": 1e400}}', '{"gegevens": {"omvang": -1e999}}'])
def test_a_number_beyond_a_float_in_json_is_no_json(api_as, person, body):
    consulent = api_as("consulent")
    task = open_task_of(consulent, start_case(consulent, person.bsn)["id"])
    response = consulent.post(f"/api/v1/taken/{task['id']}/voltooien", data=body, content_type="application/json")
    assert response.status_code == 422 and "JSON" in response.json["detail"]


@pytest.mark.parametrize("typed", ["1e400", "nan", "inf"])
def test_a_number_field_typed_as_infinity_is_shown_again_as_not_a_number(api_as, client_as, person, typed):
    consulent = api_as("consulent")
    zaak = start_case(consulent, person.bsn)
    complete_steps(consulent, zaak["id"], steps=WMO_STEPS[:3])
    task = open_task_of(consulent, zaak["id"])
    form = {k: str(v) for k, v in form_data(task["formulier"]).items() if v is not None and not isinstance(v, bool)}
    response = client_as("consulent").post(f"/werkvoorraad/taken/{task['id']}", data={
        **form, "productcode": "01A03", "kosten_per_jaar": typed, "actie": "voltooien"})
    assert response.status_code == 400 and "een getal in" in response.get_data(as_text=True)
