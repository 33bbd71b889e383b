"""Use case: one published version of a process model as the procesontwerper sees it — what changed against the
version before it (elements added, removed and changed, by BPMN id and name, computed by the engine; the forms
and beslistabellen published with it that differ from the previous version's: a version may change only those), the cases
of the user's gemeenten that run on it and where each stands, and the migrations from and to it. Read only.

The cases are shown by zaaknummer and step, never with the inwoner's name or BSN."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from .. import db
from ..engine import Change, version_changes
from ..models import DefinitieFormulier, FormulierVersie, HumanTask, ProcessDefinition, ProcessInstance, ProcessMigration, Zaak
from .errors import NotFound
from .process_models import require

#: The cases listed on a version page; the count above the list is always all of them.
CASES_SHOWN = 200
RUNNING = ("running", "error")


@dataclass
class RunningCase:
    instance_id: int
    zaak_id: int
    zaaknummer: str
    #: The user tasks open now (from the inbox rows; a case waiting for a timer or message has none).
    steps: list[str]
    started: datetime
    updated: datetime
    status: str


@dataclass
class FormChange:
    key: str
    #: The form's version in the previous process version (None: it used no such form) and in this one.
    before: int | None
    after: int | None
    #: The form's title as its newest of the two versions names it ("Triage van de melding").
    title: str = ""


@dataclass
class VersionPage:
    definition: ProcessDefinition
    previous: ProcessDefinition | None
    newer: list[ProcessDefinition]
    changes: list[Change]
    cases: list[RunningCase]
    #: All running cases of the user's gemeenten on this version (`cases` holds at most CASES_SHOWN).
    case_count: int
    migrations: list[ProcessMigration] = field(default_factory=list)
    #: The forms whose bound version differs from the previous process version's, by key.
    form_changes: list[FormChange] = field(default_factory=list)
    #: The beslistabellen (DMN decision ids) added, removed or changed since the previous process version.
    table_changes: list[str] = field(default_factory=list)

    def changes_of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def definition_of(key: str, version: int) -> ProcessDefinition:
    definition = db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == key,
                                                                   ProcessDefinition.version == version))
    if definition is None:
        raise NotFound("Deze versie van het procesmodel bestaat niet.")
    return definition


def versions_of(key: str) -> list[ProcessDefinition]:
    return list(db.session.scalars(select(ProcessDefinition).where(ProcessDefinition.key == key)
                                   .order_by(ProcessDefinition.version)))


def version_page(user, key: str, version: int) -> VersionPage:
    """Version `version` of process `key` with its changes, its running cases and its migrations."""
    require(user)
    definition = definition_of(key, version)
    versions = versions_of(key)
    previous = max((d for d in versions if d.version < version), key=lambda d: d.version, default=None)
    cases, count = running_cases(user, definition, limit=CASES_SHOWN)
    migrations = list(db.session.scalars(select(ProcessMigration).where(
        (ProcessMigration.from_definition_id == definition.id) | (ProcessMigration.to_definition_id == definition.id))
        .order_by(ProcessMigration.created_at.desc(), ProcessMigration.id.desc()).limit(20)))
    return VersionPage(definition, previous, [d for d in versions if d.version > version],
                       version_changes(previous, definition) if previous else [], cases, count, migrations,
                       form_changes(previous, definition) if previous else [],
                       table_changes(previous, definition) if previous else [])


def _form_versions(definition: ProcessDefinition) -> dict[str, tuple[int, str]]:
    """Form key → (version, title) of the forms `definition` shows."""
    return {key: (versie, titel) for key, versie, titel in db.session.execute(
        select(DefinitieFormulier.form_key, FormulierVersie.versie, FormulierVersie.titel)
        .join(FormulierVersie, FormulierVersie.id == DefinitieFormulier.formulier_versie_id)
        .where(DefinitieFormulier.definition_id == definition.id))}


def form_changes(previous: ProcessDefinition, definition: ProcessDefinition) -> list[FormChange]:
    before, after = _form_versions(previous), _form_versions(definition)
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if (old and old[0]) != (new and new[0]):
            changes.append(FormChange(key, old and old[0], new and new[0], (new or old)[1]))
    return changes


def table_changes(previous: ProcessDefinition, definition: ProcessDefinition) -> list[str]:
    before, after = previous.beslistabellen or {}, definition.beslistabellen or {}
    return [key for key in sorted(before.keys() | after.keys()) if before.get(key) != after.get(key)]


def running_instances(user, definition, limit: int | None = None) -> list[tuple[ProcessInstance, str]]:
    """(instance, zaaknummer) of the running cases of `definition` in the user's gemeenten, oldest first."""
    query = (select(ProcessInstance, Zaak.zaaknummer).join(Zaak, Zaak.id == ProcessInstance.zaak_id)
             .where(ProcessInstance.definition_id == definition.id, ProcessInstance.status.in_(RUNNING),
                    Zaak.gemeente_id.in_(user.gemeente_ids or [-1]))
             .order_by(ProcessInstance.created_at, ProcessInstance.id))
    if limit is not None:
        query = query.limit(limit)
    return [tuple(row) for row in db.session.execute(query)]


def running_count(user, definition, session=None) -> int:
    """How many cases of the user's gemeenten run on `definition`."""
    return (session or db.session).scalar(
        select(func.count()).select_from(ProcessInstance).join(Zaak, Zaak.id == ProcessInstance.zaak_id)
        .where(ProcessInstance.definition_id == definition.id, ProcessInstance.status.in_(RUNNING),
               Zaak.gemeente_id.in_(user.gemeente_ids or [-1])))


def running_cases(user, definition, limit: int) -> tuple[list[RunningCase], int]:
    """The first `limit` running cases with their open steps, and how many there are in all."""
    count = running_count(user, definition)
    rows = running_instances(user, definition, limit)
    steps = defaultdict(list)
    if rows:
        for instance_id, title in db.session.execute(
                select(HumanTask.instance_id, HumanTask.title).where(
                    HumanTask.instance_id.in_([i.id for i, _ in rows]), HumanTask.status == "open")
                .order_by(HumanTask.id)):
            steps[instance_id].append(title)
    return [RunningCase(i.id, i.zaak_id, nummer, steps[i.id], i.created_at, i.updated_at, i.status)
            for i, nummer in rows], count
