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
    #: The account that may act: the gemachtigde; None until the person with `gemachtigde_bsn` logs in with DigiD.
    gemachtigde_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: Whom the inwoner machtigde, by BSN (the way in, not a username); None for machtigingen made before #18.
    gemachtigde_bsn: Mapped[str | None] = mapped_column(String(9), index=True)
    #: The name the inwoner gave for that person: shown to the inwoner, never taken from an account.
    gemachtigde_naam: Mapped[str | None] = mapped_column(String(200))
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

    @property
    def naam(self) -> str:
        """The gemachtigde as the inwoner named them (or, for an older machtiging, the account's name)."""
        return self.gemachtigde_naam or (self.gemachtigde.display_name if self.gemachtigde else "")
