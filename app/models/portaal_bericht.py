"""Portaalberichten: the secure conversation per zaak between the inwoner (or gemachtigde) and the gemeente."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: A message from the inwoner's side that nobody at the gemeente has opened.
UNREAD = text("van = 'inwoner' AND gelezen_op IS NULL")


class PortaalBericht(Base):
    __tablename__ = "portaal_bericht"
    #: The werkvoorraad's "nieuw bericht": the unread messages from the inwoner's side, per zaak, and per gemeente
    #: oldest first (migration 0057).
    __table_args__ = (Index("ix_portaal_bericht_ongelezen", "van", "gelezen_op", "zaak_id"),
                      Index("ix_portaal_bericht_nieuw", "gemeente_id", "verstuurd_op", "zaak_id",
                            postgresql_where=UNREAD, sqlite_where=UNREAD))

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The zaak's gemeente (a zaak never moves to another).
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    #: 'inwoner' (from the inwoner or their gemachtigde) or 'gemeente' (from a consulent).
    van: Mapped[str] = mapped_column(String(10))
    afzender_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    tekst: Mapped[str] = mapped_column(Text)
    #: 'bericht', or 'correctieverzoek': the inwoner asks to correct their data (art. 16 AVG), for the consulent.
    soort: Mapped[str] = mapped_column(String(20), default="bericht", server_default="bericht", index=True)
    verstuurd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the other side first opened the conversation after it was sent.
    gelezen_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    afzender = relationship("User")

    #: Set by portaal_berichten.send (not stored): how many e-mails told the other side, so that a confirmation
    #: promises a mail only when one went out.
    mails_sent = 0
