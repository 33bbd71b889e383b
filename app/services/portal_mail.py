"""Whom the portal mails, and that the mail only says something waits in Mijn zaken or the werkvoorraad,
never what: the text of a message stays behind the login. Sent with `mail.send_mail`."""
from datetime import date

from sqlalchemy import select

from ..domain.policy import machtiging_valid
from ..models import HumanTask, Machtiging, User, UserWijk, Zaak
from ..models.gemeente import user_gemeente
from .mail import send_mail


#: What a gemachtigde reads above the inwoner's mail: the mails speak to the inwoner ("uw zaak"), and the mail
#: names nobody (the text stays behind the login).
GEMACHTIGDE_VOORAF = ("U krijgt deze e-mail omdat u gemachtigd bent om namens een inwoner te handelen. Het gaat om "
                      "de zaak van die inwoner: met 'u' en 'uw' hieronder is de inwoner bedoeld.\n\n")


def mail_inwoner(session, zaak: Zaak, subject: str, body: str) -> int:
    """Mail the inwoner of `zaak`, and whoever acts for them with a line above that says so; returns how many
    mails were written."""
    own = _own_addresses(session, zaak.person)
    return (_write(session, own, subject, body)
            + _write(session, _gemachtigden(session, zaak.person) - own, subject, GEMACHTIGDE_VOORAF + body))


def inwoner_addresses(session, person, today: date | None = None) -> set[str]:
    """Where news for this inwoner goes: the person's address, their own accounts', and the accounts of everyone
    holding a machtiging valid today (a mantelzorger acting for them is told what the inwoner is told)."""
    return _own_addresses(session, person) | _gemachtigden(session, person, today)


def _own_addresses(session, person) -> set[str]:
    own = set(session.scalars(select(User.email).where(User.person_id == person.id, User.active.is_(True))))
    return {a for a in {person.email} | own if a}


def _gemachtigden(session, person, today: date | None = None) -> set[str]:
    today = today or date.today()
    return {m.gemachtigde.email for m in session.scalars(
        select(Machtiging).join(User, User.id == Machtiging.gemachtigde_id)
        .where(Machtiging.person_id == person.id, Machtiging.ingetrokken_op.is_(None), User.active.is_(True)))
        if m.gemachtigde.email and machtiging_valid(m.gemachtigde, m, person.id, today, scopes=(m.scope,))}


def mail_behandelaars(session, zaak: Zaak, subject: str, body: str) -> int:
    """Mail whoever works on `zaak` now: the consulenten holding its open tasks, and the consulent who finished its
    last task (after the beschikking that is the one the inwoner knows). When nobody has yet (a message sent before
    the first task is picked up) the zaak's team gets it, so that every message the inwoner is told about reaches
    someone."""
    holding = set(session.scalars(select(HumanTask.assignee_id).where(
        HumanTask.zaak_id == zaak.id, HumanTask.status == "open", HumanTask.assignee_id.is_not(None))))
    done = session.execute(select(HumanTask.completed_by_id, HumanTask.lane).where(
        HumanTask.zaak_id == zaak.id, HumanTask.status == "completed", HumanTask.completed_by_id.is_not(None))
        .order_by(HumanTask.completed_at.desc(), HumanTask.id.desc())).all()
    last = next((user_id for user_id, lane in done if lane == "consulent"), None)
    user_ids = holding | ({last} if last else set())
    users = list(session.scalars(select(User).where(User.id.in_(user_ids), User.active.is_(True)))) if user_ids else []
    consulenten = [u for u in users if u.has_role("consulent")] or team_of(session, zaak)
    return _write(session, {u.email for u in consulenten}, subject, body)


def team_of(session, zaak: Zaak) -> list[User]:
    """The active consulenten of the zaak's gemeente who work in the inwoner's wijk; where nobody has that wijk,
    those of the gemeente who work without wijken (the generalists), as the werkvoorraad's consulent lane does."""
    staff = [u for u in session.scalars(
        select(User).join(user_gemeente, user_gemeente.c.user_id == User.id)
        .where(user_gemeente.c.gemeente_id == zaak.gemeente_id, User.active.is_(True))
        .order_by(User.id)) if u.has_role("consulent")]
    in_wijk = set(session.scalars(select(UserWijk.user_id).where(
        UserWijk.gemeente_id == zaak.gemeente_id, UserWijk.wijk == zaak.person.wijk))) if zaak.person.wijk else set()
    return [u for u in staff if u.id in in_wijk] or [u for u in staff if not u.wijken]


def _write(session, addresses, subject: str, body: str) -> int:
    addresses = sorted(a for a in addresses if a)
    for address in addresses:
        send_mail(session, address, subject, body)
    return len(addresses)
