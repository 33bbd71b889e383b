"""Use case: move the running cases of a process version to a newer version — first a preview that says for every
case of the user's gemeenten whether it can move and if not why, then a bulk run (a job queued after the commit)
that moves each case that can in a transaction of its own and records it in the case history, and the revert of
one moved case until its next step. Cases that cannot move stay on their version and keep working; the engine
keeps a moved case's deadlines (its inbox rows with due dates, its armed timers; the zaak's termijnen are not
touched at all). Starting a run and each revert are in the audit log (who, when)."""
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import policy
from ..engine import (CaseCheck, ConcurrentChange, EngineError, MigrationRefused, RunContext, check_instance,
                      migrate_instance, revert_instance)
from ..models import HumanTask, ProcessDefinition, ProcessInstance, ProcessMigration, ProcessMigrationCase, User, Zaak
from ..models.base import utcnow
from .audit import record
from .bulk_session import one_connection
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .formulieren import form_moves
from .history import add_event
from .process_models import require
from .process_versions import RUNNING, definition_of, running_count, running_instances, versions_of
from .settings import extra_holidays, run_limits
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)


@dataclass
class PreviewRow:
    zaaknummer: str
    check: CaseCheck
    #: Per task the case waits at whose form differs in the target version: a warning in Dutch (no refusal).
    form_warnings: tuple[str, ...] = ()


@dataclass
class Preview:
    definition: ProcessDefinition
    #: The version the cases would move to; None when there is no newer one.
    target: ProcessDefinition | None
    newer: list[ProcessDefinition]
    rows: list[PreviewRow]

    @property
    def movable(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.check.can_move]

    @property
    def refused(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.check.can_move]


def preview(user, key: str, version: int, to_version: int | None = None) -> Preview:
    """For every running case of version `version` (of the user's gemeenten): can it move to `to_version`
    (default: the newest version), and if not, why. Changes nothing."""
    require(user)
    definition = definition_of(key, version)
    newer = [d for d in versions_of(key) if d.version > version]
    target = _target(newer, to_version)
    if target is None:
        return Preview(definition, None, newer, [])
    rows = []
    running = running_instances(user, definition)
    warnings = _form_warnings(definition, target, [instance.id for instance, _ in running])
    for instance, zaaknummer in running:
        try:
            check = check_instance(instance, target)
        except EngineError as exc:
            check = CaseCheck(instance.id, False, (f"De toestand van de zaak kan niet worden gelezen: {exc}",), ())
        rows.append(PreviewRow(zaaknummer, check, tuple(warnings.get(instance.id, ()))))
    return Preview(definition, target, newer, rows)


def _form_warnings(definition, target, instance_ids: list[int]) -> dict[int, list[str]]:
    """Instance id → for each open task whose form differs in `target`: what it shows after the move."""
    moves = form_moves(db.session, definition, target) if instance_ids else {}
    if not moves:
        return {}
    found: dict[int, list[str]] = {}
    for instance_id, spec_name, title in db.session.execute(
            select(HumanTask.instance_id, HumanTask.spec_name, HumanTask.title).where(
                HumanTask.instance_id.in_(instance_ids), HumanTask.status == "open",
                HumanTask.spec_name.in_(list(moves))).order_by(HumanTask.id)):
        found.setdefault(instance_id, []).append(
            f"Let op: na het verplaatsen toont de taak '{title}' een ander {moves[spec_name]}; wie de taak al "
            "invult, ziet het nieuwe formulier.")
    return found


def start_migration(user, key: str, version: int, to_version) -> ProcessMigration:
    """Queue the move of the running cases of `version` to `to_version`; the job runs after the commit."""
    _require_migrate(user)
    definition = definition_of(key, version)
    newer = [d for d in versions_of(key) if d.version > version]
    try:
        wanted = int(to_version)
    except (TypeError, ValueError):
        wanted = None
    target = _target(newer, wanted)
    if target is None or wanted is None:
        raise InvalidInput(errors={"naar": "Kies een nieuwere versie om de zaken naar te verplaatsen."})
    with unit_of_work() as session:
        total = running_count(user, definition, session)
        if not total:
            raise InvalidInput(errors={"naar": f"Er lopen geen zaken van uw gemeenten op versie {version}."})
        migration = ProcessMigration(key=key, from_definition_id=definition.id, to_definition_id=target.id,
                                     started_by_id=user.id, gemeente_ids=sorted(user.gemeente_ids), total=total,
                                     moved=0, refused=0, status="wachtrij")
        session.add(migration)
        session.flush()
        record(session, user, "zaken_verplaatsen", migration,
               {"proces": [None, key], "van_versie": [None, version], "naar_versie": [None, target.version],
                "zaken": [None, total]})
        after_commit(session, _queue, migration.id)
    logger.info("Migration %s of %s v%s → v%s queued by %s (%s cases)", migration.id, key, version,
                target.version, user.username, total)
    return migration


def _queue(migration_id: int) -> None:
    from ..jobs.queue import enqueue
    from ..jobs.tasks import migrate_cases
    enqueue(migrate_cases, migration_id)


@dataclass
class _Run:
    """What every case of a run needs, loaded once: who started it and the versions the cases move from and to."""
    migration_id: int
    actor: User
    source: ProcessDefinition
    target: ProcessDefinition
    limits: object
    holidays: tuple


#: The cases whose rows (instance and zaak) one query of a run loads; each then moves in its own transaction.
BATCH = 100


def run_migration(migration_id: int) -> ProcessMigration:
    """Move every case the migration covers, each in its own transaction; a refused case stays where it is."""
    with unit_of_work() as session:
        migration = session.get(ProcessMigration, migration_id)
        if migration is None or migration.status == "klaar":
            return migration
        migration.status = "bezig"
        ids = list(session.scalars(
            select(ProcessInstance.id).join(Zaak, Zaak.id == ProcessInstance.zaak_id)
            .where(ProcessInstance.definition_id == migration.from_definition_id,
                   ProcessInstance.status.in_(RUNNING), Zaak.gemeente_id.in_(migration.gemeente_ids or [-1]),
                   ProcessInstance.id.not_in(select(ProcessMigrationCase.instance_id).where(
                       ProcessMigrationCase.migration_id == migration_id)))
            .order_by(ProcessInstance.created_at, ProcessInstance.id)))
    with one_connection():
        _move_all(migration_id, ids)
    with unit_of_work() as session:
        migration = session.get(ProcessMigration, migration_id, populate_existing=True)
        counts = _counts(session, migration_id)
        migration.moved, migration.refused = counts["moved"], counts["refused"]
        migration.status, migration.finished_at = "klaar", utcnow()
    logger.info("Migration %s done: %s moved, %s refused", migration_id, migration.moved, migration.refused)
    return migration


def _move_all(migration_id: int, ids: list[int]) -> None:
    session = db.session()
    migration = session.get(ProcessMigration, migration_id)
    actor = session.scalar(select(User).options(selectinload(User.gemeenten)).where(User.id == migration.started_by_id))
    run = _Run(migration_id, actor, migration.from_definition, migration.to_definition, run_limits(),
               extra_holidays())
    run.target.bpmn_xml  # noqa: B018 — loaded once (deferred), for every case's engine step
    session.commit()
    for start in range(0, len(ids), BATCH):
        # read without a lock: a case changed since is caught by its lock_version when it is saved, and tried again
        rows = session.execute(select(ProcessInstance, Zaak).join(Zaak, Zaak.id == ProcessInstance.zaak_id)
                               .where(ProcessInstance.id.in_(ids[start:start + BATCH]))
                               .order_by(ProcessInstance.created_at, ProcessInstance.id)).all()
        for instance_id, row in [(row[0].id, tuple(row)) for row in rows]:
            if not _move_one(run, instance_id, row):
                _move_one(run, instance_id)
        session.commit()  # ends the batch's read when its last case was refused by the engine


def _move_one(run: _Run, instance_id: int, row: tuple | None = None) -> bool:
    """Move one case — the (instance, zaak) read before, or else the instance read now, locked — in a transaction
    of its own, or record why not. False, with nothing written, when the row read before changed since or the case
    cannot move: a refusal is only written for the case as it is now, read locked."""
    try:
        with unit_of_work() as session:
            instance, zaak = row or _locked(session, instance_id) or (None, None)
            if instance is None or instance.definition_id != run.source.id:
                return True  # moved by someone else meanwhile
            if reasons := _migrate(session, run, instance, zaak):
                if row is not None:
                    return False  # nothing was read or written in this transaction: it commits nothing
                session.add(ProcessMigrationCase(migration_id=run.migration_id, instance_id=instance.id,
                                                 zaak_id=zaak.id, outcome="geweigerd", reasons=reasons))
    except ConcurrentChange as exc:
        if row is not None:
            return False
        _failed(run, instance_id, exc)
    except EngineError as exc:
        _failed(run, instance_id, exc)
    return True


def _failed(run: _Run, instance_id: int, exc: Exception) -> None:
    logger.warning("Migration %s: instance %s not moved: %s", run.migration_id, instance_id, exc)
    _refused(run.migration_id, instance_id, [f"Verplaatsen lukte niet: {exc}"])


def _migrate(session, run: _Run, instance, zaak) -> list[str]:
    """Move the case and write its record and history line; the reasons it cannot move (nothing written then)."""
    if not policy.decide(run.actor, "ontwerpen.migreren", zaak):
        return ["U mag deze zaak niet verplaatsen."]
    ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=run.actor.id, limits=run.limits,
                     extra_holidays=run.holidays)
    try:
        old_state = migrate_instance(ctx, instance, run.target)
    except MigrationRefused as exc:  # refused before anything changed: the refusal is written in this transaction
        return exc.reasons
    session.flush()  # the new lock_version: a later step changes it
    session.add(ProcessMigrationCase(migration_id=run.migration_id, instance_id=instance.id, zaak_id=zaak.id,
                                     outcome="verplaatst", reasons=[], old_state=old_state,
                                     lock_version_after=instance.lock_version))
    add_event(session, zaak.id, "proces_verplaatst",
              f"Proces '{run.target.name}' verplaatst van versie {run.source.version} naar versie "
              f"{run.target.version}", actor=run.actor,
              data={"migratie": run.migration_id, "van": run.source.version, "naar": run.target.version})
    return []


def _counts(session, migration_id: int) -> dict[str, int]:
    """The cases a run handled so far by outcome (a reverted case was moved first), from the cases' own rows: no
    shared row is written per case."""
    counts = dict(session.execute(select(ProcessMigrationCase.outcome, func.count()).where(
        ProcessMigrationCase.migration_id == migration_id).group_by(ProcessMigrationCase.outcome)).all())
    return {"moved": counts.get("verplaatst", 0) + counts.get("teruggezet", 0), "refused": counts.get("geweigerd", 0)}


@dataclass(frozen=True)
class Progress:
    status: str
    total: int
    moved: int
    refused: int

    @property
    def handled(self) -> int:
        return self.moved + self.refused


def progress_of(migration: ProcessMigration) -> Progress:
    """A run's counts as they are now (a finished run stored them when it finished)."""
    counts = _counts(db.session, migration.id) if migration.status != "klaar" else \
        {"moved": migration.moved, "refused": migration.refused}
    return Progress(migration.status, migration.total, counts["moved"], counts["refused"])


def _refused(migration_id: int, instance_id: int, reasons: list[str]) -> None:
    with unit_of_work() as session:
        zaak_id = session.scalar(select(ProcessInstance.zaak_id).where(ProcessInstance.id == instance_id))
        session.add(ProcessMigrationCase(migration_id=migration_id, instance_id=instance_id,
                                         zaak_id=zaak_id, outcome="geweigerd", reasons=reasons))


def revert_case(user, case_id: int) -> ProcessMigrationCase:
    """Put a moved case back on its old version with the state it had, if it took no step since."""
    _require_migrate(user)
    with unit_of_work() as session:
        moved = session.get(ProcessMigrationCase, case_id)
        if moved is None:
            raise NotFound("Deze verplaatste zaak bestaat niet.")
        zaak = session.get(Zaak, moved.zaak_id)
        decision = policy.decide(user, "ontwerpen.migreren", zaak)
        if not decision:
            raise NotFound("Deze verplaatste zaak bestaat niet.") if decision.hidden else Forbidden(decision.reason)
        instance, _ = _locked(session, moved.instance_id)
        migration = moved.migration
        if moved.outcome != "verplaatst":
            raise Conflict("Deze zaak is niet verplaatst of al teruggezet.")
        if instance.definition_id != migration.to_definition_id or instance.lock_version != moved.lock_version_after:
            raise Conflict(f"Zaak {zaak.zaaknummer} heeft na het verplaatsen al een volgende stap gezet; terugzetten "
                           "kan niet meer.")
        old = migration.from_definition
        ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=user.id, limits=run_limits(),
                         extra_holidays=extra_holidays())
        revert_instance(ctx, instance, old, moved.old_state)
        moved.outcome, moved.reverted_at, moved.reverted_by_id = "teruggezet", utcnow(), user.id
        add_event(session, zaak.id, "proces_teruggezet",
                  f"Proces '{old.name}' teruggezet naar versie {old.version}", actor=user,
                  data={"migratie": migration.id, "naar": old.version})
        record(session, user, "zaak_teruggezet", moved,
               {"zaak": [None, zaak.zaaknummer], "versie": [migration.to_definition.version, old.version]})
    logger.info("Instance %s reverted to %s v%s by %s", moved.instance_id, old.key, old.version, user.username)
    return moved


@dataclass
class MigrationCaseRow:
    case: ProcessMigrationCase
    zaaknummer: str
    revertible: bool


def migration_page(user, migration_id: int) -> tuple[ProcessMigration, Progress, list[MigrationCaseRow]]:
    """A run with what it did per case (of the user's gemeenten) and whether each moved case can still go back."""
    require(user)
    migration = db.session.get(ProcessMigration, migration_id, populate_existing=True)
    if migration is None:
        raise NotFound("Deze verplaatsing bestaat niet.")
    rows = []
    for case, zaaknummer, lock_version, definition_id in db.session.execute(
            select(ProcessMigrationCase, Zaak.zaaknummer, ProcessInstance.lock_version, ProcessInstance.definition_id)
            .join(Zaak, Zaak.id == ProcessMigrationCase.zaak_id)
            .join(ProcessInstance, ProcessInstance.id == ProcessMigrationCase.instance_id)
            .where(ProcessMigrationCase.migration_id == migration_id, Zaak.gemeente_id.in_(user.gemeente_ids or [-1]))
            .order_by(ProcessMigrationCase.outcome, ProcessMigrationCase.id)):
        rows.append(MigrationCaseRow(case, zaaknummer, case.outcome == "verplaatst" and
                                     lock_version == case.lock_version_after and
                                     definition_id == migration.to_definition_id))
    return migration, progress_of(migration), rows


def _locked(session, instance_id: int):
    """(instance, zaak), the instance row locked on PostgreSQL (SQLite: the lock_version check at flush)."""
    query = (select(ProcessInstance, Zaak).join(Zaak, Zaak.id == ProcessInstance.zaak_id)
             .where(ProcessInstance.id == instance_id).execution_options(populate_existing=True))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=ProcessInstance)
    row = session.execute(query).first()
    return tuple(row) if row else None


def _target(newer: list, to_version: int | None):
    if not newer:
        return None
    if to_version is None:
        return newer[-1]
    return next((d for d in newer if d.version == to_version), None)


def _require_migrate(user) -> None:
    decision = policy.decide(user, "ontwerpen.migreren")
    if not decision:
        raise Forbidden(decision.reason)


#: A migration still queued or running this long after it was started lost its job (the tick runs it on).
GRACE_MINUTES = 15


def unfinished_migrations() -> list[int]:
    from datetime import timedelta
    return list(db.session.scalars(select(ProcessMigration.id).where(
        ProcessMigration.status.in_(("wachtrij", "bezig")),
        ProcessMigration.created_at < utcnow() - timedelta(minutes=GRACE_MINUTES))))
