"""The mail outbox: every e-mail is written here in the transaction of the use case that sends it. With an SMTP
server a job sends it after the commit ('wachtend' → 'verzonden'); without one (development) it stays here
('lokaal') for the outbox page."""
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

MAIL_STATUSES = ("lokaal", "wachtend", "verzonden")


class OutboxMail(Base):
    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Indexed: the AVG export finds the mails to a person by it.
    to_address: Mapped[str] = mapped_column(String(200), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: lokaal (kept, no SMTP server), wachtend (for the SMTP server), verzonden.
    status: Mapped[str] = mapped_column(String(20), default="lokaal", server_default="lokaal")
    verzonden_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
