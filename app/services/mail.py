"""Send e-mail through an outbox table: a use case writes the mail in its own transaction, and after the
commit a job hands it to the SMTP server in MAIL_SMTP_HOST and marks it sent. Without a server (development)
the mail stays in the table for the local outbox page. A mail whose job was lost is delivered by the tick or
a starting worker (`deliver_waiting_mail`); a crash between the server's 250 and our commit can send one twice
(at least once, never lost)."""
import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy import select

from .. import db
from ..models import OutboxMail
from ..models.base import utcnow
from .settings import setting
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)


def send_mail(session, to: str, subject: str, body: str) -> None:
    """Write one plain-text mail in the caller's transaction; with an SMTP server a job sends it after the commit."""
    if not setting("MAIL_SMTP_HOST"):
        session.add(OutboxMail(to_address=to, subject=subject, body=body, status="lokaal"))
        logger.info("Mail '%s' to %s kept in the local outbox (no MAIL_SMTP_HOST)", subject, to)
        return
    mail = OutboxMail(to_address=to, subject=subject, body=body, status="wachtend")
    session.add(mail)
    session.flush()
    after_commit(session, _queue_delivery, mail.id)


def deliver_mail(mail_id: int) -> bool:
    """Send one waiting mail and mark it sent; False when it is not waiting (sent already, or being sent).

    An SMTP failure rolls back and raises: the mail stays waiting for the tick."""
    host = setting("MAIL_SMTP_HOST")
    if not host:
        logger.warning("Mail %s waits: MAIL_SMTP_HOST is not set", mail_id)
        return False
    with unit_of_work() as session:
        mail = session.scalar(select(OutboxMail).where(OutboxMail.id == mail_id, OutboxMail.status == "wachtend")
                              .with_for_update(skip_locked=True))  # PostgreSQL: a second sender skips it
        if mail is None:
            return False
        _smtp_send(host, mail)
        mail.status, mail.verzonden_op = "verzonden", utcnow()
    logger.info("Mail %s '%s' sent to %s via %s", mail_id, mail.subject, mail.to_address, host)
    return True


def deliver_waiting_mail(grace_seconds: float | None = None, limit: int = 500) -> int:
    """Send the mails that waited longer than the grace period (MAIL_HERSTEL_SECONDEN): their job was lost."""
    if not setting("MAIL_SMTP_HOST"):
        return 0
    if grace_seconds is None:
        grace_seconds = setting("MAIL_HERSTEL_SECONDEN")
    cutoff = utcnow() - timedelta(seconds=grace_seconds)
    ids = list(db.session.scalars(select(OutboxMail.id).where(OutboxMail.status == "wachtend",
                                                              OutboxMail.created_at <= cutoff)
                                  .order_by(OutboxMail.id).limit(limit)))
    db.session.rollback()  # read-only: end the transaction before sending
    sent = 0
    for mail_id in ids:
        try:
            sent += deliver_mail(mail_id)
        except (OSError, smtplib.SMTPException):
            logger.exception("Mail %s could not be sent; it waits for the next tick", mail_id)
    if ids:
        logger.warning("%s mail(s) waited longer than %ss for their job; %s sent now", len(ids), grace_seconds, sent)
    return sent


def outbox(limit: int = 100) -> list[OutboxMail]:
    """The newest mails kept locally (read-only, for the development outbox page)."""
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))


def _queue_delivery(mail_id: int) -> None:
    from ..jobs.queue import enqueue
    from ..jobs.tasks import deliver_mail as deliver_mail_job
    enqueue(deliver_mail_job, mail_id)


def _smtp_send(host: str, mail: OutboxMail) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = setting("MAIL_FROM"), mail.to_address, mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(host, setting("MAIL_SMTP_PORT"), timeout=30) as smtp:
        if setting("MAIL_SMTP_STARTTLS"):
            smtp.starttls()
        if setting("MAIL_SMTP_USER"):
            smtp.login(setting("MAIL_SMTP_USER"), setting("MAIL_SMTP_PASSWORD"))
        smtp.send_message(message)
