"""An ingebrekestelling after the beslistermijn passed (Awb 4:17), with the dwangsom it sets running and the
beschikking that fixes its amount (Awb 4:18). One per zaak: a second one does not count."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Ingebrekestelling(Base):
    __tablename__ = "ingebrekestelling"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The zaak whose beschikking is late; unique: the first ingebrekestelling that counts is the only one.
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), unique=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: The beslistermijn that passed ('beschikking' Wmo, 'beslis' Jeugd) and its last day when it came in.
    termijn_soort: Mapped[str] = mapped_column(String(40))
    termijn_tot: Mapped[date] = mapped_column(Date)
    #: The day the gemeente received it; the two weeks of art. 4:17 lid 3 start the day after.
    ontvangen_op: Mapped[date] = mapped_column(Date)
    #: 'mijn_zaken' (sent by the inwoner or gemachtigde) or 'brief' (received by letter, recorded by a consulent).
    ontvangen_via: Mapped[str] = mapped_column(String(20))
    #: The inwoner's own words, if any (Mijn zaken), or the consulent's note on the letter (kenmerk, date).
    toelichting: Mapped[str | None] = mapped_column(Text)
    #: The last day of the two weeks (Atw applied) and the first day of the dwangsom, as reckoned on receipt.
    hersteltermijn_tot: Mapped[date] = mapped_column(Date)
    eerste_dag: Mapped[date] = mapped_column(Date)
    ingediend_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Art. 4:17 lid 6: why no dwangsom is due (a key of domain/dwangsom.UITZONDERINGEN), with the reason.
    uitzondering: Mapped[str | None] = mapped_column(String(40))
    uitzondering_reden: Mapped[str | None] = mapped_column(Text)
    uitzondering_op: Mapped[date | None] = mapped_column(Date)
    uitzondering_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The process with the consulent's task 'Dwangsom vaststellen', started once the dwangsom ended (art. 4:18).
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    #: The last day of the dwangsom and the day its beschikking is due (two weeks later, Atw).
    laatste_dag: Mapped[date | None] = mapped_column(Date)
    vaststellen_uiterlijk: Mapped[date | None] = mapped_column(Date)
    #: The amount the beschikking on the dwangsom set, in whole euro, and when and by whom.
    vastgesteld_bedrag: Mapped[int | None] = mapped_column(Integer)
    vastgesteld_op: Mapped[date | None] = mapped_column(Date)
    vastgesteld_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    vaststelling_toelichting: Mapped[str | None] = mapped_column(Text)

    zaak = relationship("Zaak")
    ingediend_door = relationship("User", foreign_keys=[ingediend_door_id])

    def __repr__(self) -> str:
        return f"<Ingebrekestelling zaak {self.zaak_id} ontvangen {self.ontvangen_op}>"
