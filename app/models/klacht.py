"""Klachten and signalen about an aanbieder (#12 point 3): registered by a consulent (from a zaak) or by an
inwoner or gemachtigde (about their own care), followed up and closed by the contractmanager. Each step of the
follow-up is a note of its own (`KlachtNotitie`): who, when, the state it left the klacht in."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Klacht(Base):
    """A klacht (the inwoner is dissatisfied) or signaal (something the gemeente should know) about an aanbieder."""

    __tablename__ = "klacht"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The gemeente whose contractmanager follows it up (that of the zaak, else the one it was registered in).
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    #: The care it is about, when it is about one toewijzing (and so about its zaak and inwoner).
    toewijzing_id: Mapped[int | None] = mapped_column(ForeignKey("toewijzing.id"), index=True)
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The inwoner it is about (the data subject of the processing log).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    #: 'klacht' or 'signaal' (domain/klachten.py SOORTEN).
    soort: Mapped[str] = mapped_column(String(10))
    tekst: Mapped[str] = mapped_column(Text)
    #: Who registered it: 'consulent' or 'inwoner' (the inwoner or their gemachtigde, in the portal).
    bron: Mapped[str] = mapped_column(String(10))
    geregistreerd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: A gemachtigde registered it for this inwoner account (the machtiginggever).
    namens_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    geregistreerd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: 'open' → 'in_behandeling' → 'afgesloten'.
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    afgesloten_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    afgesloten_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: Why it was closed, as the contractmanager wrote it (the inwoner reads it in the portal).
    afsluitreden: Mapped[str | None] = mapped_column(Text)

    aanbieder = relationship("Aanbieder")
    toewijzing = relationship("Toewijzing")
    zaak = relationship("Zaak")
    person = relationship("Person")
    geregistreerd_door = relationship("User", foreign_keys=[geregistreerd_door_id])
    afgesloten_door = relationship("User", foreign_keys=[afgesloten_door_id])
    notities = relationship("KlachtNotitie", back_populates="klacht", order_by="KlachtNotitie.id")

    @property
    def kenmerk(self) -> str:
        return f"K-{self.id:05d}"

    def __repr__(self) -> str:
        return f"<Klacht {self.id} {self.soort} {self.status}>"


class KlachtNotitie(Base):
    """One step of the follow-up: what the contractmanager did or learnt, and the state after it."""

    __tablename__ = "klacht_notitie"

    id: Mapped[int] = mapped_column(primary_key=True)
    klacht_id: Mapped[int] = mapped_column(ForeignKey("klacht.id"), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    #: The state of the klacht after this note.
    status: Mapped[str] = mapped_column(String(16))
    door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    klacht = relationship("Klacht", back_populates="notities")
    door = relationship("User")
