"""E-mail from the portal: only that something waits in Mijn zaken or the werkvoorraad, never its content.

Mails are written to the outbox table (OutboxMail) inside the use case's transaction, so a rolled-back
change sends nothing; delivery (SMTP in production, the outbox page in development) reads from there."""
from sqlalchemy import select

from ..models import HumanTask, OutboxMail, User, Zaak


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
        session.add(OutboxMail(to_address=address, subject=subject, body=body))
    return len(addresses)
