"""Inbox work around a human task: a saved draft of its form, and the deadline e-mails already sent."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class TaskDraft(Base):
    """The form of an open task as far as someone filled it in; one per task, shown to whoever opens it."""

    __tablename__ = "task_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"), unique=True)
    #: The form values as typed (not yet validated).
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    saved_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    saved_by = relationship("User")


class TaskSignal(Base):
    """One deadline e-mail sent for a task in one state ('deze-week' or 'te-laat'): never sent twice."""

    __tablename__ = "task_signal"
    __table_args__ = (UniqueConstraint("task_id", "state", name="uq_task_signal_task_state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"))
    state: Mapped[str] = mapped_column(String(20))
    recipients: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
