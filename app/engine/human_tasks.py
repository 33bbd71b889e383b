"""Keep the human_task table equal to the READY user tasks of a workflow (the inbox reads only it)."""
from datetime import datetime, timezone

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.util.task import TaskState

from ..models import HumanTask, ProcessInstance
from ..models.base import utcnow
from ..models.person import sort_name


def sync_human_tasks(session, instance: ProcessInstance, workflow) -> list[HumanTask]:
    """Insert rows for new READY user tasks and cancel open rows whose task went away."""
    ready = {str(t.id): t for t in workflow.get_tasks(state=TaskState.READY, manual=True)}
    open_rows = session.query(HumanTask).filter_by(instance_id=instance.id, status="open").all()
    for row in open_rows:
        if row.task_uuid not in ready:
            row.status = "cancelled"
            row.completed_at = utcnow()
    known = {row.task_uuid for row in open_rows}
    created = []
    for uuid, task in ready.items():
        if uuid not in known:
            created.append(_new_row(instance, task))
    session.add_all(created)
    return created


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
