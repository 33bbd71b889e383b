"""The two versions of tests/data/bpmn/migratieproef_*.bpmn deployed, and committed cases on version 1 at a chosen
step — for the tests of moving running cases to a newer version (#10 point 5)."""
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app import db
from app.engine import RunContext, deploy_model, start_instance
from app.models import HumanTask, Person, ProcessDefinition, ProcessInstance, Zaak
from app.services.tasks import complete_task
from app.services.uow import unit_of_work
from case_data import form_data

DATA = Path(__file__).resolve().parents[1] / "data" / "bpmn"
KEY = "migratieproef"
STEPS = ("intake", "gesprek", "besluit")


def versions() -> tuple[int, int]:
    """Deploy version 1 and 2 (once: an unchanged file deploys nothing new); return their version numbers."""
    with unit_of_work() as session:
        v1, _ = deploy_model(session, (DATA / "migratieproef_v1.bpmn").read_bytes())
        v2, _ = deploy_model(session, (DATA / "migratieproef_v2.bpmn").read_bytes())
        numbers = v1.version, v2.version
    db.session.remove()
    return numbers


def case_at(step: str, consulent, number: int = 1) -> int:
    """A committed zaak on version 1 waiting at `step` (its earlier steps completed by `consulent`); its zaak id."""
    with unit_of_work() as session:
        definition = session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == KEY,
                                                                    ProcessDefinition.version == versions_of_one()))
        person = session.scalar(select(Person).where(Person.gemeente_id == consulent.gemeenten[0].id)
                                .order_by(Person.id))
        zaak = Zaak(gemeente_id=person.gemeente_id, zaaknummer=f"T-MIG-{step}-{number}", domein="wmo",
                    person_id=person.id, omschrijving="test", kanaal="telefoon", ontvangen_op=date.today())
        session.add(zaak)
        session.flush()
        start_instance(RunContext(session=session, zaak_id=zaak.id), definition, zaak.id, {})
        zaak_id = zaak.id
    for done in STEPS[:STEPS.index(step)]:
        complete(consulent, zaak_id, done)
    db.session.remove()
    return zaak_id


def versions_of_one() -> int:
    return db.session.scalar(select(ProcessDefinition.version).where(
        ProcessDefinition.key == KEY, ProcessDefinition.sha256 == _sha("migratieproef_v1.bpmn")))


def _sha(name: str) -> str:
    from app.engine.specs import sha256
    return sha256((DATA / name).read_bytes())


def open_task(zaak_id: int) -> HumanTask:
    db.session.remove()
    return db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open",
                                                     HumanTask.lane == "consulent"))


def complete(consulent, zaak_id: int, step: str) -> None:
    task = open_task(zaak_id)
    assert task.spec_name == step, f"zaak {zaak_id} waits at {task.spec_name}, not {step}"
    complete_task(consulent, task.id, form_data("triage"))


def instance_of(zaak_id: int) -> ProcessInstance:
    db.session.remove()
    return db.session.scalar(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak_id))


def migration_ids(users) -> dict:
    """A finished migration of one Woerden case from version 1 to 2 (the route walks' ids)."""
    from app.jobs import background
    from app.models import ProcessMigrationCase
    from app.services import process_migration
    versions()
    case_at("intake", users["consulent"], number=99)
    migration = process_migration.start_migration(users["procesontwerper"], KEY, 1, 2)
    background.drain(timeout=120)  # without Redis the job thread may have started it: let it finish
    process_migration.run_migration(migration.id)  # with Redis no worker runs here: do it now
    db.session.remove()
    case_id = db.session.scalar(select(ProcessMigrationCase.id).where(
        ProcessMigrationCase.migration_id == migration.id))
    return {"migration_id": migration.id, "case_id": case_id}
