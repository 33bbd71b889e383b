"""A staff member opening a zaak outside their own work (need to know, #13): outside the wijken of their
team and not given to them, so they must give a reason ("doorbreken"). The reason is shown to the inwoner
in "wie heeft mijn gegevens bekeken"; the beheerder and the privacy officer see every doorbraak."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class ZaakDoorbraak(Base):
    __tablename__ = "zaak_doorbraak"
    __table_args__ = (Index("ix_zaak_doorbraak_user_zaak_at", "user_id", "zaak_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    reden: Mapped[str] = mapped_column(Text)

    user = relationship("User")
    zaak = relationship("Zaak")
