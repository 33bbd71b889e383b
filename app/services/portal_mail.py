"""Whom the portal mails, and that the mail only says something waits in Mijn zaken or the werkvoorraad,
never what: the text of a message stays behind the login. Sent with `mail.send_mail`."""
from sqlalchemy import select

from ..models import HumanTask, User, Zaak
from .mail import send_mail


def mail_inwoner(session, zaak: Zaak, subject: str, body: str) -> int:
    """Mail the inwoner of `zaak` (person or account address); returns how many mails were written."""
    addresses = {zaak.person.email} | set(session.scalars(
        select(User.email).where(User.person_id == zaak.person_id, User.active.is_(True))))
    return _write(session, addresses, subject, body)


def mail_behandelaars(session, zaak: Zaak, subject: str, body: str) -> int:
    """Mail the consulenten who hold or did a task of `zaak`."""
    user_ids = set(session.scalars(select(HumanTask.assignee_id).where(HumanTask.zaak_id == zaak.id))) | set(
        session.scalars(select(HumanTask.completed_by_id).where(HumanTask.zaak_id == zaak.id)))
    user_ids.discard(None)
    if not user_ids:
        return 0
    users = session.scalars(select(User).where(User.id.in_(user_ids), User.active.is_(True)))
    return _write(session, {u.email for u in users if u.has_role("consulent")}, subject, body)


def _write(session, addresses, subject: str, body: str) -> int:
    addresses = sorted(a for a in addresses if a)
    for address in addresses:
        send_mail(session, address, subject, body)
    return len(addresses)
