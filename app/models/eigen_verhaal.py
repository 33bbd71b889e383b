"""The inwoner's own story (eigen verhaal) and contact details: written once, reused on every melding,
and shared with the consulent per zaak as a copy of the moment of sharing."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class InwonerProfiel(Base):
    """What the inwoner told us once and does not want to type again."""

    __tablename__ = "inwoner_profiel"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    telefoon: Mapped[str | None] = mapped_column(String(20))
    eigen_verhaal: Mapped[str | None] = mapped_column(Text)
    bijgewerkt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    bijgewerkt_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class GedeeldVerhaal(Base):
    """The eigen verhaal as shared with the consulent of one zaak."""

    __tablename__ = "gedeeld_verhaal"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), unique=True)
    tekst: Mapped[str] = mapped_column(Text)
    gedeeld_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    gedeeld_door_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    gedeeld_door = relationship("User")
