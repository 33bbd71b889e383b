"""Drive a Wmo case through the REST API as a consulent would, for tests that need a case at some step."""
from app import db
from app.models import Beschikking, Zaak
from case_data import form_data

PRODUCT = {"wmo": "01A03", "jeugd": "45A03"}
WMO_STEPS = ("triage", "onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren", "besluit_voorbereiden")


def start_case(api, bsn: str, domein: str = "wmo") -> dict:
    response = api.post("/api/v1/meldingen", json={"bsn": bsn, "domein": domein, "kanaal": "telefoon",
                                                   "omschrijving": "Hulp bij het huishouden nodig."})
    assert response.status_code == 201, response.json
    return response.json


def open_task_of(api, zaak_id: int) -> dict:
    tasks = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    assert tasks, f"no open consulent task for zaak {zaak_id}"
    return tasks[0]


def complete_steps(api, zaak_id: int, steps=WMO_STEPS, **options) -> None:
    """Complete the consulent's tasks of the zaak in this order (each must be the one that is open)."""
    for expected in steps:
        task = open_task_of(api, zaak_id)
        assert task["taak"] == expected
        data = form_data(task["formulier"], **options)
        if task["taak"] == "aanvraag_registreren":
            data["productcode"] = PRODUCT[db.session.get(Zaak, zaak_id).domein]
        response = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
        assert response.status_code == 200, response.json


def beschikking_with(api, person, **aanvraag):
    """Drive a Wmo case to a granted beschikking; `aanvraag` overrides the aanvraag form's fields (None: left out)."""
    zaak_id = start_case(api, person.bsn)["id"]
    steps = ("triage", "onderzoek_gesprek", "onderzoek_verslag")
    complete_steps(api, zaak_id, steps)
    task = open_task_of(api, zaak_id)
    data = {**form_data("aanvraag_registreren"), "productcode": PRODUCT["wmo"], **aanvraag}
    data = {k: v for k, v in data.items() if v is not None}
    done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
    assert done.status_code == 200, done.json
    complete_steps(api, zaak_id, ("besluit_voorbereiden",))
    return db.session.query(Beschikking).filter_by(zaak_id=zaak_id).one()
