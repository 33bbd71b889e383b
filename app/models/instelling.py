"""Business rules a beheerder sets on a page instead of in environment variables (extra days equated with
Atw holidays, the vier-ogen threshold, the amount from which a declaratie waits for a person, the mail
sender): one row per setting that was changed; without a row the configuration's value holds."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Instelling(Base):
    __tablename__ = "instelling"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    value: Mapped[dict | list | str | int | float] = mapped_column(JSON)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
