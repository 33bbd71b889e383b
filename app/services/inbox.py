"""Queries for the task inbox: open tasks for a user's roles, sorted by legal deadline."""
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from .. import db
from ..domain.policy import STAFF_CASE_ROLES
from ..models import HumanTask, Person, Zaak


@dataclass
class TaskFilter:
    rol: str | None = None
    status: str = "open"
    assignee_id: int | None = None
    mine: bool = False
    limit: int = 50
    offset: int = 0


def tasks_for(user, flt: TaskFilter) -> tuple[list[HumanTask], int]:
    """Tasks in the lanes of `user`'s roles (or assigned to them), deadline first; plus the total."""
    roles = [r for r in user.role_list() if r in STAFF_CASE_ROLES]
    if flt.rol:
        roles = [r for r in roles if r == flt.rol]
    query = select(HumanTask).where(or_(HumanTask.lane.in_(roles), HumanTask.assignee_id == user.id))
    if flt.status:
        query = query.where(HumanTask.status == flt.status)
    if flt.mine:
        query = query.where(HumanTask.assignee_id == user.id)
    elif flt.assignee_id is not None:
        query = query.where(HumanTask.assignee_id == flt.assignee_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.join(Zaak, Zaak.id == HumanTask.zaak_id).join(Person)
                              .order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id)
                              .limit(flt.limit).offset(flt.offset)).all()
    return list(rows), total
