"""Who the inwoner's consulent is and how to reach them: for the zaak page and the beschikking letter."""
from dataclasses import dataclass

from sqlalchemy import or_, select

from .. import db
from ..models import HumanTask, User, Zaak


@dataclass(frozen=True)
class Contact:
    naam: str
    email: str | None
    #: The gemeente's number: consulenten have no number of their own in Cumulus, the inwoner asks for them.
    telefoon: str | None
    gemeente: str


def consulent_of(zaak: Zaak) -> Contact | None:
    """The consulent who holds the zaak's open task, else the one who did its latest task; None before either."""
    tasks = db.session.scalars(
        select(HumanTask).where(HumanTask.zaak_id == zaak.id,
                                or_(HumanTask.assignee_id.is_not(None), HumanTask.completed_by_id.is_not(None)))
        .order_by(HumanTask.status != "open", HumanTask.completed_at.desc(), HumanTask.id.desc()))
    for task in tasks:
        user = task.assignee if task.status == "open" else task.completed_by
        if user is not None and user.active and user.has_role("consulent"):
            return contact(user, zaak)
    return None


def contact(user: User | None, zaak: Zaak) -> Contact | None:
    """`user` as the inwoner's contact for `zaak`, with the gemeente's phone number."""
    if user is None:
        return None
    gemeente = zaak.gemeente
    return Contact(naam=user.display_name, email=user.email, telefoon=gemeente.telefoon, gemeente=gemeente.naam)
