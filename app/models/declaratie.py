"""Declaraties (323) of aanbieders with their prestaties and verdicts, and the payment batches
(betaalbatches) that pay the approved amounts by SEPA credit transfer. Amounts in euro cents."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Declaratie(Base):
    """One received 323: what the aanbieder claims for one month, and how it was answered (325)."""

    __tablename__ = "declaratie"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The inbound message (stored raw) this declaratie came in.
    bericht_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    standaard: Mapped[str] = mapped_column(String(4))  # 'iwmo' or 'ijw'
    declaratienummer: Mapped[str] = mapped_column(String(12), index=True)
    #: BerichtIdentificatie of the 323 (DeclaratieIdentificatie in the 325).
    identificatie: Mapped[str] = mapped_column(String(12))
    periode_begin: Mapped[date] = mapped_column(Date)
    periode_eind: Mapped[date] = mapped_column(Date)
    dagtekening: Mapped[date] = mapped_column(Date)
    #: Σ debet − Σ credit as declared; signed cents.
    totaal_ingediend_cent: Mapped[int] = mapped_column(Integer)
    totaal_toegekend_cent: Mapped[int] = mapped_column(Integer, default=0)
    #: 'in_behandeling' (a person judges lines), 'beantwoord', or 'afgewezen' (refused whole).
    status: Mapped[str] = mapped_column(String(20))
    ontvangen_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The 325 is due within 10 working days (OP090x4).
    antwoord_uiterlijk: Mapped[date] = mapped_column(Date)
    beantwoord_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The 325 sent back, XSD-valid iWmo/iJw XML.
    antwoord_xml: Mapped[str | None] = mapped_column(Text)
    #: The process instance whose "Declaratieregels beoordelen" task judges the lines a person must look at.
    beoordeling_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), index=True)

    aanbieder = relationship("Aanbieder")
    prestaties = relationship("Prestatie", order_by="Prestatie.volgnummer", back_populates="declaratie")


class Prestatie(Base):
    """One claimed line of a declaratie and its verdict."""

    __tablename__ = "prestatie"
    __table_args__ = (UniqueConstraint("declaratie_id", "volgnummer", name="uq_prestatie_declaratie_volgnummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    declaratie_id: Mapped[int] = mapped_column(ForeignKey("declaratie.id"), index=True)
    #: Position in the message (1, 2, …), to find the line in the stored 323 again.
    volgnummer: Mapped[int] = mapped_column(Integer)
    #: Indexed: the AVG export (services/avg_parts.py) finds a person's declaratie lines by it.
    bsn: Mapped[str] = mapped_column(String(9), index=True)
    toewijzing_nummer: Mapped[int] = mapped_column(Integer, index=True)
    #: The toewijzing row (no foreign key yet: the toewijzing table comes with 0004_exchange).
    toewijzing_id: Mapped[int | None] = mapped_column(ForeignKey("toewijzing.id"), index=True)
    referentienummer: Mapped[str] = mapped_column(String(20))
    vorig_referentienummer: Mapped[str | None] = mapped_column(String(20))
    productcategorie: Mapped[str] = mapped_column(String(2))
    productcode: Mapped[str] = mapped_column(String(5))
    periode_begin: Mapped[date] = mapped_column(Date)
    periode_eind: Mapped[date] = mapped_column(Date)
    volume: Mapped[int] = mapped_column(Integer)
    eenheid: Mapped[str] = mapped_column(String(2))
    tarief_cent: Mapped[int | None] = mapped_column(Integer)
    bedrag_cent: Mapped[int] = mapped_column(Integer)
    debet_credit: Mapped[str] = mapped_column(String(1))
    #: 'goedgekeurd', 'afgekeurd' or 'handmatig' (waiting for a person).
    status: Mapped[str] = mapped_column(String(12), index=True)
    #: Retourcodes of a rejected line, space separated (e.g. '9307 0611').
    retourcodes: Mapped[str | None] = mapped_column(String(60))
    reden: Mapped[str | None] = mapped_column(Text)
    beoordeeld_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    declaratie = relationship("Declaratie", back_populates="prestaties")

    @property
    def signed_cent(self) -> int:
        return -self.bedrag_cent if self.debet_credit == "C" else self.bedrag_cent


class Betaalbatch(Base):
    """Approved amounts collected for one payment run; closing it writes the pain.001 file, and a second
    person (vier-ogen) releases it before the file may go to the bank."""

    __tablename__ = "betaalbatch"
    __table_args__ = (UniqueConstraint("gemeente_id", "open_slot", name="uq_betaalbatch_open"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nummer: Mapped[str] = mapped_column(String(35), unique=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: 'open' (collecting), 'gesloten' (file written, waiting for release) or 'vrijgegeven' (may go to the bank).
    status: Mapped[str] = mapped_column(String(12), default="open")
    #: 1 while open, NULL once closed: the unique constraint allows one open batch per gemeente at a time.
    open_slot: Mapped[int | None] = mapped_column(Integer)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    gesloten_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gesloten_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The colleague who released the closed batch: never the one who closed it.
    vrijgegeven_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    vrijgegeven_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uitvoerdatum: Mapped[date | None] = mapped_column(Date)
    totaal_cent: Mapped[int] = mapped_column(Integer, default=0)
    #: The SEPA credit-transfer file (pain.001.001.03), written when the batch is closed.
    pain001_xml: Mapped[str | None] = mapped_column(Text)

    gemeente = relationship("Gemeente")
    regels = relationship("BetaalbatchRegel", order_by="BetaalbatchRegel.id", back_populates="betaalbatch")
    gesloten_door = relationship("User", foreign_keys=[gesloten_door_id])
    vrijgegeven_door = relationship("User", foreign_keys=[vrijgegeven_door_id])


class BetaalbatchRegel(Base):
    """One transfer in a batch: the approved amount of one declaratie, to its aanbieder."""

    __tablename__ = "betaalbatch_regel"
    __table_args__ = (UniqueConstraint("betaalbatch_id", "declaratie_id", name="uq_betaalbatch_regel_declaratie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    betaalbatch_id: Mapped[int] = mapped_column(ForeignKey("betaalbatch.id"), index=True)
    declaratie_id: Mapped[int] = mapped_column(ForeignKey("declaratie.id"), index=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"))
    bedrag_cent: Mapped[int] = mapped_column(Integer, default=0)
    #: The IBAN the transfer went to, copied when the batch was closed.
    iban: Mapped[str | None] = mapped_column(String(34))

    betaalbatch = relationship("Betaalbatch", back_populates="regels")
    declaratie = relationship("Declaratie")
    aanbieder = relationship("Aanbieder")
