"""What the case view shows beside the history: each process of the zaak with its passed and current steps,
the toewijzingen sent to aanbieders, and the declaratie lines they sent for what the zaak granted."""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, defer, selectinload

from .. import db
from ..engine import element_names, element_states
from ..models import (Beschikking, Bericht, Declaratie, HumanTask, Prestatie, ProcessDefinition, ProcessInstance,
                      Toewijzing, Zaak)
from .errors import NotFound


@dataclass
class ProcessView:
    instance: ProcessInstance
    #: BPMN ids passed, and those waiting now (the diagram's markers).
    done: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    #: The same as a readable list, oldest first: {"name", "state", "at"}.
    steps: list[dict] = field(default_factory=list)


def process_views(zaak: Zaak) -> list[ProcessView]:
    """One view per process instance of the zaak: user tasks from the inbox rows, the rest from the engine."""
    views = []
    instances = db.session.scalars(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak.id)
                                   .order_by(ProcessInstance.id))
    for instance in instances:
        rows = list(db.session.scalars(select(HumanTask).where(HumanTask.instance_id == instance.id)
                                       .order_by(HumanTask.id)))
        views.append(_view(instance, rows))
    return views


def _view(instance: ProcessInstance, rows: list[HumanTask]) -> ProcessView:
    steps: dict[str, dict] = {}
    for element in element_states(instance):
        steps[element.bpmn_id] = {"id": element.bpmn_id, "name": element.name, "state": element.state,
                                  "at": element.at}
    user_tasks = {row.spec_name for row in rows}
    for row in rows:  # the inbox rows say best who did a user task and when
        if row.status == "open":
            steps[row.spec_name] = {"id": row.spec_name, "name": row.title, "state": "current", "at": row.created_at}
        elif row.status == "completed" and steps.get(row.spec_name, {}).get("state") != "current":
            steps[row.spec_name] = {"id": row.spec_name, "name": row.title, "state": "done",
                                    "at": row.completed_at, "by": row.completed_by}
    ordered = sorted(steps.values(), key=lambda s: s["at"].timestamp() if s["at"] else float("inf"))
    ordered = [s for s in ordered if s["id"] in user_tasks or s["name"] != s["id"]]
    return ProcessView(instance=instance, done=[s["id"] for s in ordered if s["state"] == "done"],
                       current=[s["id"] for s in ordered if s["state"] == "current"], steps=ordered)


def process_xml(zaak: Zaak, instance_id: int) -> str:
    """The BPMN XML of the version this zaak's instance runs on."""
    instance = db.session.get(ProcessInstance, instance_id)
    if instance is None or instance.zaak_id != zaak.id:
        raise NotFound("Dit proces hoort niet bij deze zaak.")
    return instance.definition.bpmn_xml


def task_type_names() -> dict[str, str]:
    """BPMN id → name of the elements of every deployed model version (newest version wins)."""
    names: dict[str, str] = {}
    for definition in db.session.scalars(select(ProcessDefinition).order_by(ProcessDefinition.version)):
        names.update(element_names(definition))
    return names


def declaraties_of(zaak: Zaak) -> list[Prestatie]:
    """Declared lines for this person and the products the zaak granted, newest period first."""
    granted = select(Beschikking.productcode).where(Beschikking.zaak_id == zaak.id, Beschikking.besluit == "toekennen")
    standaard = "iwmo" if zaak.domein == "wmo" else "ijw"
    query = (select(Prestatie).join(Prestatie.declaratie)
             .where(Prestatie.bsn == zaak.person.bsn, Prestatie.productcode.in_(granted),
                    Declaratie.standaard == standaard)
             .options(contains_eager(Prestatie.declaratie).selectinload(Declaratie.aanbieder))
             .order_by(Prestatie.periode_begin.desc(), Prestatie.id))
    return list(db.session.scalars(query))


def toewijzingen_of(zaak: Zaak) -> list[Toewijzing]:
    """The zaak's toewijzingen (301) with aanbieder and product, oldest first."""
    return list(db.session.scalars(select(Toewijzing).where(Toewijzing.zaak_id == zaak.id)
                                   .options(selectinload(Toewijzing.aanbieder), selectinload(Toewijzing.product))
                                   .order_by(Toewijzing.id)))


def berichten_of(zaak: Zaak) -> list[Bericht]:
    """The iWmo/iJw messages exchanged with aanbieders about this zaak (without their bytes), newest first."""
    return list(db.session.scalars(select(Bericht).where(Bericht.zaak_id == zaak.id)
                                   .options(defer(Bericht.inhoud), selectinload(Bericht.aanbieder))
                                   .order_by(Bericht.ontvangen_op.desc(), Bericht.id.desc())))
