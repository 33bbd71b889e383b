"""The audit trail of administration: every change a beheerder (or, later, a contractmanager or the
settings page) makes to users, roles, gemeenten and settings — who, when, what, and each field old → new.

It holds no personal data of inwoners: the objects are staff accounts and configuration."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class AuditRecord(Base):
    __tablename__ = "audit_record"
    __table_args__ = (Index("ix_audit_record_object", "object_type", "object_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: Who changed it (NULL: the command line); the name as it was then, kept if the account changes.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_naam: Mapped[str] = mapped_column(String(200))
    #: e.g. 'gebruiker.aanmaken', 'gebruiker.wijzigen', 'gebruiker.wachtwoord', 'gebruiker.sleutels'
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int] = mapped_column()
    #: Field name → [old, new] (a password is recorded as changed, never its value).
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
