"""An API client completes the aanvraag task knowing only what the API tells it: the task's form schema lists
the allowed values of each keuzelijst (the products of the zaak's domein, the aanbieders) with their titles."""
from datetime import date, timedelta

from app import db
from app.models import Aanbieder, HumanTask, Product
from case_data import form_data
from case_flow import complete_steps, open_task_of, start_case

BEFORE_AANVRAAG = ("triage", "onderzoek_gesprek", "onderzoek_verslag")


def _fill_from_schema(schema: dict) -> dict:
    """What a client without our catalogue sends: the first offered choice, a date, a number within bounds."""
    data = {}
    for name, prop in schema["properties"].items():
        if "oneOf" in prop:
            data[name] = prop["oneOf"][0]["const"]
        elif prop.get("format") == "date":
            data[name] = (date.today() + timedelta(days=365 if name.startswith("eind") else 0)).isoformat()
        elif prop.get("type") in ("number", "integer"):
            data[name] = max(prop.get("minimum", 0), 1)
        elif prop.get("type") == "string":
            data[name] = "Ingevuld door een API-client."
    return data


def _aanvraag_task(api, bsn: str, domein: str) -> dict:
    zaak = start_case(api, bsn, domein)
    if domein == "wmo":
        complete_steps(api, zaak["id"], BEFORE_AANVRAAG)
    else:
        while (task := open_task_of(api, zaak["id"]))["taak"] != "aanvraag_registreren":
            assert api.post(f"/api/v1/taken/{task['id']}/voltooien",
                            json={"gegevens": form_data(task["formulier"])}).status_code == 200
    return open_task_of(api, zaak["id"])


def test_the_task_schema_lists_the_catalogue_and_a_client_completes_the_aanvraag_with_it(api_as, person):
    api = api_as("consulent")
    task = _aanvraag_task(api, person.bsn, "wmo")
    schema = api.get(f"/api/v1/taken/{task['id']}").json["formulier_schema"]
    products = schema["properties"]["productcode"]
    wmo = db.session.query(Product).filter_by(domein="wmo").order_by(Product.productcode).all()
    assert [o["const"] for o in products["oneOf"]] == [p.productcode for p in wmo]
    assert products["oneOf"][0]["title"] == f"{wmo[0].productcode} — {wmo[0].omschrijving}"
    assert products["x-keuzelijst"] == "producten"  # the list's name stays for clients that know it
    agb = {o["const"] for o in schema["properties"]["aanbieder"]["oneOf"]}
    assert agb == {a.agb_code for a in db.session.query(Aanbieder)}

    data = _fill_from_schema(schema)
    wrong = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {**data, "productcode": "99X99"}})
    assert wrong.status_code == 422
    assert any(p["name"] == "productcode" for p in wrong.json["invalid_params"])
    done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
    assert done.status_code == 200, done.json
    assert db.session.get(HumanTask, task["id"]).data["productcode"] == wmo[0].productcode
    assert open_task_of(api, task["zaak_id"])["taak"] == "besluit_voorbereiden"


def test_a_jeugd_zaak_offers_only_jeugd_products(api_as, person):
    api = api_as("consulent")
    task = _aanvraag_task(api, person.bsn, "jeugd")
    schema = api.get(f"/api/v1/taken/{task['id']}").json["formulier_schema"]
    offered = {o["const"] for o in schema["properties"]["productcode"]["oneOf"]}
    assert offered == {p.productcode for p in db.session.query(Product).filter_by(domein="jeugd")}
    assert offered.isdisjoint({p.productcode for p in db.session.query(Product).filter_by(domein="wmo")})
