"""A bezwaar against a beschikking (Awb 6:4–7:12): lodged by the inwoner or a gemachtigde in Mijn zaken, or received
on paper and registered by staff; handled by a jurist in the `bezwaar` process (hoorzitting, advice of the
bezwaarcommissie) and ended by a beslissing op bezwaar. One open bezwaar per beschikking."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Bezwaar(Base):
    __tablename__ = "bezwaar"
    __table_args__ = (
        #: At most one open bezwaar per beschikking (a second one while the first runs is refused).
        Index("uq_bezwaar_open_per_beschikking", "beschikking_id", unique=True,
              postgresql_where=text("uitkomst IS NULL"), sqlite_where=text("uitkomst IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The zaak of the beschikking: the jurist's tasks, the letters and the history are there.
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id"), index=True)
    #: 'mijn_zaken' (lodged online) or 'brief' (received on paper, registered by staff).
    kanaal: Mapped[str] = mapped_column(String(20))
    #: The day it was received (Awb 6:9: on paper the day it arrived; online the day it was sent).
    ontvangen_op: Mapped[date] = mapped_column(Date)
    #: Why the indiener disagrees with the besluit (Awb 6:5 lid 1 d).
    gronden: Mapped[str] = mapped_column(Text)
    #: Who lodged it in Mijn zaken, or who registered the paper one.
    ingediend_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The last day of the bezwaartermijn (the beschikking's bezwaar_tot when it came in).
    bezwaartermijn_einde: Mapped[date] = mapped_column(Date)
    #: Received after the bezwaartermijn (Awb 6:11): flagged, not refused; the jurist judges whether it is excusable.
    termijnoverschrijding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The jurist's judgement of a late one: True excusable (verschoonbaar), False not, None not judged (yet).
    verschoonbaar: Mapped[bool | None] = mapped_column(Boolean)
    #: The gemeente had a bezwaarcommissie (Awb 7:13) when it came in: 12 weeks instead of 6 (Awb 7:10 lid 1).
    commissie: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Last day for the beslissing op bezwaar by Awb 7:10 lid 1 (Atw), and after a verdaging (lid 3) the new one.
    beslistermijn: Mapped[date] = mapped_column(Date)
    verdaagd_tot: Mapped[date | None] = mapped_column(Date)
    verdaging_reden: Mapped[str | None] = mapped_column(Text)
    verdaagd_op: Mapped[date | None] = mapped_column(Date)
    #: The hoorzitting (Awb 7:2): the day it is held, and its report; or that the indiener waived it (7:3 c)
    #: or another 7:3 ground to decide without hearing.
    hoorzitting_op: Mapped[date | None] = mapped_column(Date)
    hoorzitting_verslag: Mapped[str | None] = mapped_column(Text)
    afzien_horen: Mapped[str | None] = mapped_column(String(30))
    #: The advice of the bezwaarcommissie (Awb 7:13): what it advised, and when.
    advies: Mapped[str | None] = mapped_column(Text)
    advies_uitkomst: Mapped[str | None] = mapped_column(String(20))
    advies_op: Mapped[date | None] = mapped_column(Date)
    #: The beslissing op bezwaar (Awb 7:11): 'gegrond', 'ongegrond' or 'niet_ontvankelijk'; None while it runs.
    uitkomst: Mapped[str | None] = mapped_column(String(20))
    motivering: Mapped[str | None] = mapped_column(Text)
    #: The day the beslissing was sent and put in Mijn zaken (Awb 7:12 lid 2), and the last day for beroep (6:7).
    bekendgemaakt_op: Mapped[date | None] = mapped_column(Date)
    beroep_tot: Mapped[date | None] = mapped_column(Date)
    beslist_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The letters: the ontvangstbevestiging (Awb 6:14), the verdagingsmededeling and the beslissing.
    ontvangst_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    verdaging_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    beslissing_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    zaak = relationship("Zaak", backref=backref("bezwaren", order_by="Bezwaar.id"))
    beschikking = relationship("Beschikking")
    ingediend_door = relationship("User", foreign_keys=[ingediend_door_id])
    bijlagen = relationship("Bijlage", secondary="bezwaar_bijlage", order_by="Bijlage.id", viewonly=True)

    @property
    def einde(self) -> date:
        """The day the beslissing op bezwaar is due now: the verdaagde one, else the one of 7:10 lid 1."""
        return self.verdaagd_tot or self.beslistermijn

    def __repr__(self) -> str:
        return f"<Bezwaar {self.id} tegen beschikking {self.beschikking_id} {self.uitkomst or 'loopt'}>"


class BezwaarBijlage(Base):
    """A document sent with the bezwaar (the Bijlage row of the zaak holds the bytes)."""

    __tablename__ = "bezwaar_bijlage"

    bezwaar_id: Mapped[int] = mapped_column(ForeignKey("bezwaar.id"), primary_key=True)
    bijlage_id: Mapped[int] = mapped_column(ForeignKey("bijlage.id"), primary_key=True)
