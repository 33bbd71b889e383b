"""A process of its own for the tests of vier-ogen on publishing (#10 point 4): 'publicatieproef', made from the
migration test's model, with a live version and concepts that differ from it by a unique step name."""
import uuid
from pathlib import Path

from sqlalchemy import select

from app import db
from app.engine import deploy_model, latest_definition
from app.models import ProcessDefinition, PublicatieVerzoek, User
from app.services import process_concepts
from app.services.accounts import hash_password
from app.services.uow import unit_of_work

DATA = Path(__file__).resolve().parents[1] / "data" / "bpmn"
KEY = "publicatieproef"
BASE = (DATA / "migratieproef_v1.bpmn").read_bytes().replace(b"migratieproef", KEY.encode())


def live() -> ProcessDefinition:
    """The live version of the test process (version 1 deployed the first time)."""
    with unit_of_work() as session:
        if latest_definition(session, KEY) is None:
            deploy_model(session, BASE)
    db.session.remove()
    return db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == KEY)
                             .order_by(ProcessDefinition.version.desc()).limit(1))


def changed_model(step_name: str | None = None) -> bytes:
    """The live model with the 'Gesprek' step renamed (a unique name unless given)."""
    xml = db.session.get(ProcessDefinition, live().id).bpmn_xml.encode()
    name = step_name or f"Gesprek {uuid.uuid4().hex[:8]}"
    start = xml.index(b'<bpmn:userTask id="gesprek" name="')
    end = xml.index(b'"', start + len(b'<bpmn:userTask id="gesprek" name="'))
    return xml[:start] + b'<bpmn:userTask id="gesprek" name="' + name.encode() + xml[end:]


def concept(user, xml: bytes | None = None) -> int:
    made = process_concepts.upload_concept(user, f"{KEY}.bpmn", xml or changed_model())
    db.session.remove()
    return made.id


def verzoek(verzoek_id: int) -> PublicatieVerzoek:
    db.session.remove()
    return db.session.get(PublicatieVerzoek, verzoek_id)


def second_ontwerper() -> User:
    """Another procesontwerper (the demo has one): reviews as a colleague."""
    user = db.session.scalar(select(User).where(User.username == "ontwerper2"))
    if user is None:
        with unit_of_work() as session:
            session.add(User(username="ontwerper2", display_name="Tweede procesontwerper (test)",
                             roles="procesontwerper", email="ontwerper2@gemeente.example",
                             password_hash=hash_password("demo"), is_demo=True))
        user = db.session.scalar(select(User).where(User.username == "ontwerper2"))
    return user


def verzoek_ids(users) -> dict:
    """An open request to publish a concept of the test process, asked by the procesontwerper (the route walks'
    ids; the procesontwerper sees its page, a beheerder would decide on it)."""
    from app.services import publicatie
    return {"verzoek_id": publicatie.request_publication(users["procesontwerper"], concept(users["procesontwerper"])).id}
