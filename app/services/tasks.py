"""Use cases on inbox tasks: claim, release, hand over, save a draft and complete (with form validation
and vier-ogen)."""
import logging

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from ..domain import policy
from ..domain.forms import unstorable_text, validate
from ..domain.verwijzing import refusal_error
from ..engine import ConcurrentChange, RunContext, ScriptError, TaskNotReady, complete_user_task
from ..models import HumanTask, ProcessInstance, TaskDraft, User, Zaak
from ..models.base import utcnow
from .errors import Forbidden, InvalidInput, NotFound
from .contract_tarieven import beschikking_contract_errors
from .dwangsom_vaststelling import task_errors as dwangsom_errors
from .history import add_event, add_task_events
from .incidents import record_incident
from .lookups import choices_for, form_of, task_facts
from .pgb import pgb_errors
from .processing_log import log_processing
from .settings import extra_holidays, run_limits
from .termijnen import apply_task_terms, task_term_errors
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def claim_task(actor, task_id: int) -> HumanTask:
    with unit_of_work() as session:
        task = _open_task(session, task_id)
        _require(policy.decide(actor, "taak.oppakken", task_facts(task, session)))
        task.assignee_id, task.claimed_at = actor.id, utcnow()
        add_event(session, task.zaak_id, "taak_opgepakt", f"Taak '{task.title}' opgepakt", actor=actor)
    return task


def release_task(actor, task_id: int) -> HumanTask:
    with unit_of_work() as session:
        task = _open_task(session, task_id)
        _require(policy.decide(actor, "taak.teruggeven", task_facts(task, session)))
        task.assignee_id, task.claimed_at = None, None
        add_event(session, task.zaak_id, "taak_teruggegeven", f"Taak '{task.title}' teruggegeven", actor=actor)
    return task


def hand_over_task(actor, task_id: int, to_user_id: int) -> HumanTask:
    """Give the task to a colleague with the task's role; they see it as theirs at once."""
    with unit_of_work() as session:
        task = _open_task(session, task_id)
        target = session.get(User, to_user_id)
        _require(policy.decide(actor, "taak.overdragen", policy.HandoverFacts(task_facts(task, session), target)))
        task.assignee_id, task.claimed_at = target.id, utcnow()
        add_event(session, task.zaak_id, "taak_overgedragen",
                  f"Taak '{task.title}' overgedragen aan {target.display_name}", actor=actor,
                  data={"taak": task.spec_name, "aan": target.username})
    logger.info("Task %s handed over to %s by %s", task.id, target.username, actor.username)
    return task


def save_draft(actor, task_id: int, data: dict) -> TaskDraft:
    """Keep what was filled in so far (not checked against the form, only for storable text); whoever opens the task next finds it filled in."""
    with unit_of_work() as session:
        task = _open_task(session, task_id)
        _require(policy.decide(actor, "taak.concept_opslaan", task_facts(task, session)))
        errors = unstorable_text(form_of(task), data)
        if errors:
            raise InvalidInput(errors=errors)
        draft = session.query(TaskDraft).filter_by(task_id=task.id).one_or_none()
        if draft is None:
            draft = TaskDraft(task_id=task.id, saved_by_id=actor.id)
            session.add(draft)
        draft.data, draft.saved_by_id, draft.saved_at = dict(data), actor.id, utcnow()
        zaak = session.get(Zaak, task.zaak_id)
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="wijzigen", object_type="taak", object_id=task.id,
                       description=f"Concept van taak '{task.title}' opgeslagen in zaak {zaak.zaaknummer}")
    return draft


def complete_task(actor, task_id: int, data: dict) -> HumanTask:
    """Validate `data` against the task's form, complete it and let the process run on.

    When the model fails (a post-script, a condition, a later script) nothing is saved, the task stays
    open, the error is recorded on the case and raised: completing the task again is the retry."""
    try:
        with unit_of_work() as session:
            task, has_draft = _open_task_and_draft(session, task_id)  # one query
            _require(policy.decide(actor, "taak.voltooien", task_facts(task, session)))
            zaak = task.zaak
            instance = session.get(ProcessInstance, task.instance_id)  # loaded before any change: no autoflush
            schema = form_of(task)
            # a precise contract message wins over the list's "choose from the list"
            errors = validate(schema, data, choices_for(zaak, schema, session)) | beschikking_contract_errors(
                session, zaak, data)
            errors = task_term_errors(session, zaak, task.spec_name, data,
                                      fields=(schema.get("properties") or {}).keys()) | errors
            errors = verwijzing_errors(zaak, task.spec_name, data) | pgb_errors(session, zaak, task.spec_name, data) \
                | dwangsom_errors(session, task, data) | errors
            if errors:
                raise InvalidInput(errors=errors)
            task.status, task.completed_at, task.completed_by_id, task.data = "completed", utcnow(), actor.id, data
            if has_draft:  # Core delete: no in-session sync (drafts are not loaded in this unit of work)
                session.execute(delete(TaskDraft.__table__).where(TaskDraft.__table__.c.task_id == task.id))
            ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=actor.id,
                             limits=run_limits(), extra_holidays=extra_holidays())
            apply_task_terms(session, zaak, task.spec_name, data)  # before the model reads them
            new_tasks = complete_user_task(ctx, instance, task.task_uuid, data)
            add_event(session, zaak.id, "taak_voltooid", f"Taak '{task.title}' afgerond", actor=actor,
                      data={"taak": task.spec_name})
            add_task_events(session, zaak.id, new_tasks)
            close_if_finished(zaak, instance)
            log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                           action="wijzigen", object_type="taak", object_id=task.id,
                           description=f"Taak '{task.title}' afgerond in zaak {zaak.zaaknummer}")
    except OperationalError as exc:  # SQLite: another writer committed the same case first
        if "locked" in str(exc):
            raise ConcurrentChange() from exc
        raise
    except ScriptError as exc:
        record_incident(exc)
        raise
    logger.info("Task %s (%s) completed by %s", task.id, task.spec_name, actor.username)
    return task


#: Processes that run beside a zaak's own and leave it open when they end (the dwangsom's beschikking, Awb 4:18;
#: a bezwaar, which may come while the zaak still runs, e.g. against a tijdelijke voorziening).
SIDE_PROCESSES = ("dwangsom", "bezwaar")


def close_if_finished(zaak: Zaak, instance: ProcessInstance) -> None:
    if instance.status == "completed" and zaak.status != "afgesloten" \
            and instance.definition.key not in SIDE_PROCESSES:
        zaak.status, zaak.closed_at = "afgesloten", utcnow()


def verwijzing_errors(zaak: Zaak, spec_name: str, data: dict) -> dict[str, str]:
    """A verzoek in a zaak opened by a verwijzing (Jeugdwet art. 2.6 lid 1 onder g) is not refused on content."""
    if spec_name != "verzoek_beoordelen":
        return {}
    refused = refusal_error(zaak.verwijzer, data.get("verzoek_besluit"), data.get("verzoek_reden_afwijzing"))
    return {"verzoek_reden_afwijzing": refused} if refused else {}


def _open_task(session, task_id: int) -> HumanTask:
    return _still_open(session.get(HumanTask, task_id))


def _open_task_and_draft(session, task_id: int) -> tuple[HumanTask, bool]:
    """The open task with its zaak and person, and whether a draft of it was saved: one query."""
    row = session.execute(select(HumanTask, exists().where(TaskDraft.task_id == HumanTask.id))
                          .where(HumanTask.id == task_id)
                          .options(joinedload(HumanTask.zaak).joinedload(Zaak.person))).first()
    return _still_open(row[0] if row else None), bool(row and row[1])


def _still_open(task: HumanTask | None) -> HumanTask:
    if task is None:
        raise NotFound("Deze taak bestaat niet.")
    if task.status != "open":
        raise TaskNotReady("Deze taak is al afgerond of vervallen.")
    return task


def _require(decision) -> None:
    """A refusal; for a task of a gemeente the actor does not work for, as if it did not exist."""
    if not decision:
        raise (NotFound("Deze taak bestaat niet.") if decision.hidden else Forbidden(decision.reason))
