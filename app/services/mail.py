"""Send e-mail: through the SMTP server in MAIL_SMTP_HOST, or, when none is set (development), into the
local outbox table that the outbox page shows."""
import logging
import smtplib
from email.message import EmailMessage

from sqlalchemy import select

from .. import db
from ..models import OutboxMail
from .settings import setting

logger = logging.getLogger(__name__)


def send_mail(session, to: str, subject: str, body: str) -> None:
    """Send one plain-text mail; raises on an SMTP failure so the caller's transaction rolls back."""
    host = setting("MAIL_SMTP_HOST")
    if not host:
        session.add(OutboxMail(to_address=to, subject=subject, body=body))
        logger.info("Mail '%s' to %s kept in the local outbox (no MAIL_SMTP_HOST)", subject, to)
        return
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = setting("MAIL_FROM"), to, subject
    message.set_content(body)
    with smtplib.SMTP(host, setting("MAIL_SMTP_PORT"), timeout=30) as smtp:
        if setting("MAIL_SMTP_STARTTLS"):
            smtp.starttls()
        if setting("MAIL_SMTP_USER"):
            smtp.login(setting("MAIL_SMTP_USER"), setting("MAIL_SMTP_PASSWORD"))
        smtp.send_message(message)
    logger.info("Mail '%s' sent to %s via %s", subject, to, host)


def outbox(limit: int = 100) -> list[OutboxMail]:
    """The newest mails kept locally (read-only, for the development outbox page)."""
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))
