"""A process of its own for the tests of versioned forms (#10 point 6): 'formulierproef', made from the migration
test's model, whose three steps use the form 'formulierproef' shipped in a forms/ directory of the test — deployed
as `flask deploy` does — and committed cases on a chosen version."""
import json
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app import db
from app.engine import RunContext, latest_definition, start_instance
from app.models import HumanTask, Person, ProcessDefinition, Zaak
from app.services import deployment
from app.services.uow import unit_of_work

DATA = Path(__file__).resolve().parents[1] / "data" / "bpmn"
KEY = "formulierproef"
MODEL = (DATA / "migratieproef_v1.bpmn").read_bytes().replace(b"migratieproef", KEY.encode()).replace(
    b'name="Migratieproef"', b'name="Formulierproef"').replace(  # its own name on the models page
    b'name="formKey" value="triage"', f'name="formKey" value="{KEY}"'.encode())
FORM_V1 = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Proefformulier", "type": "object",
           "properties": {"oud_veld": {"type": "string", "title": "Het oude veld", "maxLength": 200}},
           "required": []}


def form_v2(label: str = "Het nieuwe veld") -> dict:
    """The changed form: the old field and a new required one."""
    return {**FORM_V1, "properties": {**FORM_V1["properties"],
                                      "nieuw_veld": {"type": "string", "title": label, "minLength": 1}},
            "required": ["nieuw_veld"]}


def shipped(app, tmp_path, monkeypatch) -> ProcessDefinition:
    """forms/ with the test's form beside the shipped ones, and the model deployed from a bpmn/ directory."""
    forms = tmp_path / "forms"
    shutil.copytree(app.config["FORMS_DIR"], forms)
    (forms / f"{KEY}.json").write_text(json.dumps(FORM_V1, indent=2), encoding="utf-8")
    monkeypatch.setitem(app.config, "FORMS_DIR", str(forms))
    models = tmp_path / "bpmn"
    models.mkdir()
    (models / f"{KEY}.bpmn").write_bytes(MODEL)
    deployment.deploy_directory(models)
    db.session.remove()
    return db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == KEY,
                                                             ProcessDefinition.sha256 == _sha(MODEL)))


def renamed_model(name: str) -> bytes:
    """The live model with the 'Gesprek' step renamed: a concept that differs from it."""
    xml = latest_definition(db.session, KEY).bpmn_xml.encode()
    return xml.replace(b'<bpmn:userTask id="gesprek" name="', b'<bpmn:userTask id="gesprek" name="' + name.encode(), 1)


def case_on(definition_id: int, consulent, number: str) -> int:
    """A committed zaak on process version `definition_id`, waiting at its first step; its zaak id."""
    with unit_of_work() as session:
        definition = session.get(ProcessDefinition, definition_id)
        person = session.scalar(select(Person).where(Person.gemeente_id == consulent.gemeenten[0].id)
                                .order_by(Person.id))
        zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-FORM-{number}", domein="wmo",
                    person_id=person.id, omschrijving="test", kanaal="telefoon", ontvangen_op=date.today())
        session.add(zaak)
        session.flush()
        start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, {})
        zaak_id = zaak.id
    db.session.remove()
    return zaak_id


def open_task(zaak_id: int) -> HumanTask:
    db.session.remove()
    return db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open",
                                                     HumanTask.lane == "consulent"))


def _sha(xml: bytes) -> str:
    from app.engine.specs import sha256
    return sha256(xml)
