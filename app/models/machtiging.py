"""Machtigingen: an inwoner lets another user see their dossier, or act for them, until an end date."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: 'inzien': read the dossier; 'namens_handelen': read and act (melding, berichten, documenten, ondertekenen).
SCOPES = ("inzien", "namens_handelen")


class Machtiging(Base):
    __tablename__ = "machtiging"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The inwoner whose dossier this is (the machtiginggever).
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    #: The account that may act: the gemachtigde.
    gemachtigde_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    geldig_vanaf: Mapped[date] = mapped_column(Date)
    #: Last day it is valid; None = until revoked.
    geldig_tot: Mapped[date | None] = mapped_column(Date)
    #: The inwoner's account that granted it; the processing log names it as `on_behalf_of`.
    verleend_door_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    verleend_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ingetrokken_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person = relationship("Person")
    gemachtigde = relationship("User", foreign_keys=[gemachtigde_id])
    verleend_door = relationship("User", foreign_keys=[verleend_door_id])
