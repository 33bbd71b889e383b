"""Add lines to a zaak's history (the timeline: who did what, when)."""
from ..models import ZaakEvent


def add_event(session, zaak_id: int, kind: str, summary: str, actor=None, data: dict | None = None) -> None:
    session.add(ZaakEvent(zaak_id=zaak_id, kind=kind, summary=summary,
                          actor_id=getattr(actor, "id", None), data=data))


def add_task_events(session, zaak_id: int, tasks, actor=None) -> None:
    """One history line per user task the engine just made ready."""
    for task in tasks:
        add_event(session, zaak_id, "taak_klaargezet",
                  f"Taak '{task.title}' klaargezet voor rol {task.lane}", actor=actor,
                  data={"taak": task.spec_name})
