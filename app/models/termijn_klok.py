"""What stops or moves a zaak's beslistermijn: an opschorting while the inwoner gathers information (Awb 4:15)
and a verdaging with its mededeling (Awb 4:14). The Termijn row holds the date that results."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Opschorting(Base):
    """A request to the inwoner for information (Awb 4:5) that suspends the beslistermijn (Awb 4:15 lid 1 a)."""

    __tablename__ = "opschorting"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The Termijn.soort it suspends: 'beschikking' (Wmo 2015 art. 2.3.5 lid 2) or 'beslis' (Awb 4:13).
    termijn_soort: Mapped[str] = mapped_column(String(40))
    #: What the inwoner is asked to send, in the consulent's words (the letter and Mijn zaken show it).
    omschrijving: Mapped[str] = mapped_column(Text)
    #: The day of the request; the suspension starts the day after.
    gevraagd_op: Mapped[date] = mapped_column(Date)
    #: The last day of the term the inwoner was given.
    termijn_tot: Mapped[date] = mapped_column(Date)
    #: The day the information arrived (None while it has not).
    ontvangen_op: Mapped[date | None] = mapped_column(Date)
    #: How it arrived: 'mijn_zaken' (the inwoner's reply) or 'consulent' (recorded by staff: post, phone, balie).
    ontvangen_via: Mapped[str | None] = mapped_column(String(20))
    gevraagd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The letter with the request, in Mijn zaken.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    gevraagd_door = relationship("User")


class Verdaging(Base):
    """The beslistermijn extended by a mededeling to the inwoner before it ended (Awb 4:14 lid 1 and 3)."""

    __tablename__ = "verdaging"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    termijn_soort: Mapped[str] = mapped_column(String(40))
    #: The last day before the verdaging and the day the beschikking may now be expected.
    oude_datum: Mapped[date] = mapped_column(Date)
    nieuwe_datum: Mapped[date] = mapped_column(Date)
    reden: Mapped[str] = mapped_column(Text)
    #: The day the mededeling was sent (and put in Mijn zaken).
    medegedeeld_op: Mapped[date] = mapped_column(Date)
    verdaagd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    verdaagd_door = relationship("User")
