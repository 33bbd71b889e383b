"""Keep the human_task table equal to the READY user tasks of a workflow (the inbox reads only it).

The open rows are read as (id, task_uuid) pairs without flushing the session first: what the session holds
unflushed (the row the use case just completed, rows an earlier step of this unit of work added) is taken
from the session itself, so the changes are flushed once, at the commit."""
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select, update

from ..models import HumanTask, ProcessInstance
from ..models.base import utcnow
from ..models.person import sort_name


def sync_human_tasks(session, instance: ProcessInstance, workflow) -> list[HumanTask]:
    """Insert rows for new READY user tasks and cancel open rows whose task went away."""
    ready = {str(t.id): t for t in workflow.get_tasks(state=TaskState.READY, manual=True)}
    open_rows, in_session = _open_rows(session, instance.id)
    gone = [uuid for uuid in open_rows if uuid not in ready]
    for uuid in gone:  # rare: a boundary event or a gateway ended a task without a human
        if uuid in in_session:
            in_session[uuid].status, in_session[uuid].completed_at = "cancelled", utcnow()
    stored = [open_rows[uuid] for uuid in gone if uuid not in in_session]
    if stored:
        session.execute(update(HumanTask).where(HumanTask.id.in_(stored), HumanTask.status == "open")
                        .values(status="cancelled", completed_at=utcnow()))
    created = [_new_row(instance, task) for uuid, task in ready.items() if uuid not in open_rows]
    session.add_all(created)
    return created


def _open_rows(session, instance_id: int) -> tuple[dict[str, int | None], dict[str, HumanTask]]:
    """task_uuid → id of the instance's open rows as this session sees them, and the open ones it holds."""
    with session.no_autoflush:
        rows = dict(session.execute(select(HumanTask.task_uuid, HumanTask.id).where(
            HumanTask.instance_id == instance_id, HumanTask.status == "open")).all())
    in_session = {}
    for obj in [*session.identity_map.values(), *session.new]:
        if isinstance(obj, HumanTask) and obj.instance_id == instance_id:
            if obj.status == "open":
                rows.setdefault(obj.task_uuid, obj.id)
                in_session[obj.task_uuid] = obj
            else:
                rows.pop(obj.task_uuid, None)
    return rows, in_session


def _new_row(instance: ProcessInstance, task) -> HumanTask:
    spec = task.task_spec
    props = (spec.extensions or {}).get("properties", {})
    return HumanTask(
        instance_id=instance.id, zaak_id=instance.zaak_id, gemeente_id=instance.zaak.gemeente_id,
        domein=instance.zaak.domein,
        wijk=instance.zaak.person.wijk, ontvangen_op=instance.zaak.ontvangen_op,
        naam_sortering=sort_name(instance.zaak.person), spoed=task.data.get("spoed") is True, task_uuid=str(task.id),
        spec_name=spec.bpmn_id or spec.name, lane=spec.lane or "consulent",
        form_key=props.get("formKey"), title=spec.bpmn_name or spec.name,
        instructions=spec.documentation, separate_from=props.get("separateFrom"),
        due_at=_due_at(task, props), status="open",
    )


def _due_at(task, props: dict) -> datetime | None:
    """A legal deadline variable wins over a duration from now."""
    variable = props.get("deadline")
    if variable and task.data.get(variable):
        return _aware(datetime.fromisoformat(str(task.data[variable])))
    if props.get("due"):
        now = utcnow()
        return now + TimerEventDefinition.get_timedelta_from_start(
            TimerEventDefinition.parse_iso_duration(props["due"]), now)
    return None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
