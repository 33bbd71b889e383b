"""Use case: the procesontwerper's overview of the process models — every process with its versions (who
published each and when, how many cases run on it) and its open concepts — and the download of any version
or concept as a .bpmn file. Read only; the policy decides who may look."""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from .. import db
from ..domain import policy
from ..models import ProcessConcept, ProcessDefinition, ProcessInstance, User
from .errors import Forbidden, NotFound


@dataclass
class VersionRow:
    id: int
    version: int
    name: str
    deployed_at: datetime
    #: None for a model shipped with Cumulus (bpmn/, `flask deploy`).
    deployed_by: str | None
    running: int


@dataclass
class ModelRow:
    key: str
    name: str
    versions: list[VersionRow] = field(default_factory=list)
    concepts: list[ProcessConcept] = field(default_factory=list)

    @property
    def latest(self) -> VersionRow | None:
        return self.versions[0] if self.versions else None

    @property
    def running(self) -> int:
        return sum(v.running for v in self.versions)


def require(user, action: str = "ontwerpen.bekijken") -> None:
    decision = policy.decide(user, action)
    if not decision:
        raise Forbidden(decision.reason)


def overview(user) -> list[ModelRow]:
    """Every process (by key), newest version first, with its open concepts; processes sorted by name."""
    require(user)
    running = dict(db.session.execute(
        select(ProcessInstance.definition_id, func.count()).where(ProcessInstance.status == "running")
        .group_by(ProcessInstance.definition_id)).all())
    rows: dict[str, ModelRow] = {}
    for definition, by in db.session.execute(
            select(ProcessDefinition, User.display_name).outerjoin(User, User.id == ProcessDefinition.deployed_by_id)
            .order_by(ProcessDefinition.key, ProcessDefinition.version.desc())):
        row = rows.setdefault(definition.key, ModelRow(definition.key, definition.name))
        row.versions.append(VersionRow(definition.id, definition.version, definition.name, definition.deployed_at,
                                       by, running.get(definition.id, 0)))
    for concept in db.session.scalars(select(ProcessConcept).where(ProcessConcept.status == "concept")
                                      .order_by(ProcessConcept.updated_at.desc())):
        rows.setdefault(concept.key, ModelRow(concept.key, concept.name)).concepts.append(concept)
    return sorted(rows.values(), key=lambda r: r.name.lower())


def model(user, key: str) -> ModelRow:
    """One process with all its versions and open concepts; NotFound for a key nobody made."""
    found = [row for row in overview(user) if row.key == key]
    if not found:
        raise NotFound("Dit procesmodel bestaat niet.")
    return found[0]


def version_file(user, key: str, version: int) -> tuple[str, bytes]:
    """(file name, BPMN XML) of one published version."""
    require(user)
    definition = db.session.scalar(select(ProcessDefinition).options(undefer(ProcessDefinition.bpmn_xml))
                                   .where(ProcessDefinition.key == key, ProcessDefinition.version == version))
    if definition is None:
        raise NotFound("Deze versie van het procesmodel bestaat niet.")
    return f"{key}-v{version}.bpmn", definition.bpmn_xml.encode("utf-8")


def concept_file(user, concept_id: int) -> tuple[str, bytes]:
    """(file name, BPMN XML) of a concept."""
    require(user)
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                                .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return f"{concept.key}-concept-{concept.id}.bpmn", concept.bpmn_xml.encode("utf-8")
