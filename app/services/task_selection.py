"""Several werkvoorraad tasks at once: claim them or hand them to a colleague, each in its own transaction
(one that cannot be done leaves the others done), with a result per task that names it and says why not."""
import logging
from dataclasses import dataclass

from sqlalchemy import select

from .. import db
from ..domain.decisions import STAFF_CASE_ROLES
from ..engine import EngineError
from ..models import HumanTask, User, Zaak
from ..models.gemeente import user_gemeente
from .errors import Forbidden, NotFound
from .tasks import claim_task, hand_over_task

logger = logging.getLogger(__name__)

#: More than a page of the werkvoorraad at once is refused: nobody selects more on purpose.
MAX_SELECTED = 50


@dataclass(frozen=True)
class Outcome:
    task_id: int
    #: "Triage van de melding (Z-2026-000012)", or "Taak 12" for a task that cannot be shown.
    name: str
    done: bool
    #: Why not, in Dutch (empty when done).
    reason: str = ""


def claim_tasks(actor, task_ids: list[int]) -> list[Outcome]:
    """Claim each task for `actor`."""
    return _each(actor, task_ids, lambda task_id: claim_task(actor, task_id), "opgepakt")


def hand_over_tasks(actor, task_ids: list[int], to_user_id: int) -> list[Outcome]:
    """Give each task to the colleague `to_user_id`."""
    return _each(actor, task_ids, lambda task_id: hand_over_task(actor, task_id, to_user_id), "overgedragen")


@dataclass(frozen=True)
class Colleague:
    id: int
    display_name: str


def colleagues_of(actor) -> list[Colleague]:
    """Active colleagues in `actor`'s gemeenten with one of the case roles `actor` has: whom a selection can go to
    (one light query: the werkvoorraad shows this list on every page)."""
    roles = {r for r in actor.role_list() if r in STAFF_CASE_ROLES}
    if not roles or not actor.gemeente_ids:
        return []
    shares = User.id.in_(select(user_gemeente.c.user_id).where(user_gemeente.c.gemeente_id.in_(actor.gemeente_ids)))
    rows = db.session.execute(select(User.id, User.display_name, User.roles)
                              .where(User.active.is_(True), User.id != actor.id, shares).order_by(User.display_name))
    return [Colleague(i, name) for i, name, their_roles in rows if roles.intersection(their_roles.split())]


def _each(actor, task_ids, action, verb: str) -> list[Outcome]:
    names = _names(actor, task_ids)
    outcomes = []
    for task_id in dict.fromkeys(task_ids):  # each once, in the order chosen
        name = names.get(task_id, f"Taak {task_id}")
        try:
            action(task_id)
        except NotFound:
            outcomes.append(Outcome(task_id, name, False, "Deze taak bestaat niet."))
        except (Forbidden, EngineError) as exc:
            outcomes.append(Outcome(task_id, name, False, str(exc)))
        else:
            outcomes.append(Outcome(task_id, name, True))
    logger.info("%s of %s selected tasks %s by %s", sum(o.done for o in outcomes), len(outcomes), verb,
                actor.username)
    return outcomes


def _names(actor, task_ids) -> dict[int, str]:
    """Title and zaaknummer of the tasks in `actor`'s gemeenten (others stay 'Taak <id>': nothing is told)."""
    rows = db.session.execute(select(HumanTask.id, HumanTask.title, Zaak.zaaknummer)
                              .join(Zaak, Zaak.id == HumanTask.zaak_id)
                              .where(HumanTask.id.in_(list(task_ids)), HumanTask.gemeente_id.in_(actor.gemeente_ids)))
    return {i: f"{title} ({nummer})" for i, title, nummer in rows}
