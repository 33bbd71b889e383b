"""A herindicatie: the consulent's look, before a beschikking or toewijzing ends (or once a year for an
open-ended beschikking, as its letter promises), at whether the inwoner needs the help again (Wmo 2015
art. 2.3.9; Jeugdwet art. 2.3). One row per beschikking or toewijzing and period: the tick makes it once."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Herindicatie(Base):
    __tablename__ = "herindicatie"
    __table_args__ = (UniqueConstraint("beschikking_id", "peildatum"), UniqueConstraint("toewijzing_id", "peildatum"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The zaak of the beschikking or toewijzing: the task and its history are there.
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: What ends or is reviewed: a beschikking, or a toewijzing without one (a verwijzing, Jw art. 2.6 lid 1 g).
    beschikking_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"))
    toewijzing_id: Mapped[int | None] = mapped_column(ForeignKey("toewijzing.id"))
    #: 'einde' (the einddatum comes near) or 'jaarlijks' (the yearly review of an open-ended beschikking).
    soort: Mapped[str] = mapped_column(String(10))
    #: The day the period ends: the einddatum, or the anniversary of the review; the task is due then.
    peildatum: Mapped[date] = mapped_column(Date)
    #: The herindicatie process instance with the consulent's task.
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: None while open; 'nieuw_onderzoek' (a new melding was opened) or 'geen_herindicatie'.
    uitkomst: Mapped[str | None] = mapped_column(String(20))
    #: Why no herindicatie is needed (required then).
    reden: Mapped[str | None] = mapped_column(Text)
    #: The zaak of the new melding, for 'nieuw_onderzoek'.
    nieuwe_zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    afgerond_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    zaak = relationship("Zaak", foreign_keys=[zaak_id])
    beschikking = relationship("Beschikking")
    toewijzing = relationship("Toewijzing")

    def __repr__(self) -> str:
        return f"<Herindicatie {self.soort} {self.peildatum} {self.uitkomst or 'open'}>"
