"""Retention (Archiefwet 1995, Selectielijst gemeenten en intergemeentelijke organen 2020): the bewaartermijn
per zaaktype (domein) and result of each gemeente, the vernietigingslijsten that propose the zaken whose
term has passed, and their lines.

None of these rows holds an inwoner's data: a line points at its zaak only while the zaak exists (the pointer
is emptied when the zaak is destroyed); what stays is zaaktype, result, Selectielijst category and the year the
term started — the vernietigingsverklaring."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Bewaartermijn(Base):
    """How long a gemeente keeps the zaken of one zaaktype with one result, counted from the day the zaak and
    its care ended; seeded from the Selectielijst 2020, changed by the beheerder (audited)."""

    __tablename__ = "bewaartermijn"
    __table_args__ = (UniqueConstraint("gemeente_id", "domein", "resultaat", name="uq_bewaartermijn_soort"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: 'wmo' or 'jeugd' (the zaak's domein: its zaaktype).
    domein: Mapped[str] = mapped_column(String(10))
    #: 'toegekend', 'afgewezen' or 'zonder_besluit' (domain/retentie.py RESULTATEN).
    resultaat: Mapped[str] = mapped_column(String(20))
    jaren: Mapped[int] = mapped_column(Integer)
    #: The Selectielijst 2020 category, e.g. '8.1.1', and its legal ground.
    categorie: Mapped[str] = mapped_column(String(20))
    grondslag: Mapped[str] = mapped_column(String(300))
    gewijzigd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gewijzigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Vernietigingslijst(Base):
    """The zaken of one gemeente proposed for destruction: made by the periodic job ('concept'), reviewed and
    submitted by a beheerder ('ingediend'), approved by a second person ('goedgekeurd'), then destroyed zaak by
    zaak ('vernietigd'). Once destroyed it is the vernietigingsverklaring."""

    __tablename__ = "vernietigingslijst"

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: 'concept' → 'ingediend' → 'goedgekeurd' → 'vernietigd'; an approver may send it back ('concept').
    status: Mapped[str] = mapped_column(String(12), default="concept", index=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the job last added due zaken to it.
    bijgewerkt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ingediend_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ingediend_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: Names as they were then (kept if the account changes): the verklaring says who, without a lookup.
    ingediend_door_naam: Mapped[str | None] = mapped_column(String(200))
    goedgekeurd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    goedgekeurd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    goedgekeurd_door_naam: Mapped[str | None] = mapped_column(String(200))
    vernietigd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    gemeente = relationship("Gemeente")
    regels = relationship("VernietigingslijstRegel", order_by="VernietigingslijstRegel.id", back_populates="lijst")


class VernietigingslijstRegel(Base):
    """One proposed zaak: 'voorgesteld', 'uitgezonderd' (removed by the reviewer, with the reason),
    'vernietigd', or 'overgeslagen' (no longer due when destruction ran: a bezwaar, a new declaratie)."""

    __tablename__ = "vernietigingslijst_regel"
    __table_args__ = (UniqueConstraint("lijst_id", "zaak_id", name="uq_vernietigingslijst_regel_zaak"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lijst_id: Mapped[int] = mapped_column(ForeignKey("vernietigingslijst.id"), index=True)
    #: The zaak while it exists; NULL once it is destroyed.
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    domein: Mapped[str] = mapped_column(String(10))
    resultaat: Mapped[str] = mapped_column(String(20))
    categorie: Mapped[str] = mapped_column(String(20))
    jaren: Mapped[int] = mapped_column(Integer)
    #: The day the zaak and its care ended (the term runs from here); after destruction only its year is kept.
    einddatum: Mapped[date | None] = mapped_column(Date)
    eindjaar: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="voorgesteld")
    reden: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    vernietigd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lijst = relationship("Vernietigingslijst", back_populates="regels")
    zaak = relationship("Zaak")
