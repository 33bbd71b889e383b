"""A zaak (case) with its legal deadlines, its beschikkingen and its history."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Zaak(Base):
    __tablename__ = "zaak"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaknummer: Mapped[str] = mapped_column(String(20), unique=True)
    domein: Mapped[str] = mapped_column(String(10))  # 'wmo' or 'jeugd'
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    #: 'lopend' or 'afgesloten'.
    status: Mapped[str] = mapped_column(String(20), default="lopend")
    #: The inwoner's own words: the hulpvraag.
    omschrijving: Mapped[str] = mapped_column(Text)
    #: How the melding came in: 'portaal', 'telefoon', 'brief', 'balie'.
    kanaal: Mapped[str] = mapped_column(String(20))
    #: Date of receipt of the melding; legal terms run from here.
    ontvangen_op: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set while a bezwaar or beroep against a besluit of this zaak runs (the bezwaar process, #17, sets and
    #: clears it): such a zaak is never proposed for destruction (services/retentie.py).
    bezwaar_sinds: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The aanbieder the inwoner prefers, chosen from the sociale kaart in the melding (#12 point 6).
    voorkeur_aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"))
    #: A Jeugd zaak opened by a verwijzing (Jeugdwet art. 2.6 lid 1 onder g): the iJw verwijzer type (02 huisarts,
    #: 03 jeugdarts, 05 medisch specialist). The gemeente gives access and does not refuse it on content.
    verwijzer: Mapped[str | None] = mapped_column(String(2))

    person = relationship("Person")
    voorkeur_aanbieder = relationship("Aanbieder")
    gemeente = relationship("Gemeente")
    termijnen = relationship("Termijn", order_by="Termijn.due", cascade="all, delete-orphan")
    beschikkingen = relationship("Beschikking", order_by="Beschikking.id")
    events = relationship("ZaakEvent", order_by="ZaakEvent.id")


class Termijn(Base):
    """A legal deadline of a zaak, with the article it comes from."""

    __tablename__ = "termijn"
    __table_args__ = (UniqueConstraint("zaak_id", "soort"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    soort: Mapped[str] = mapped_column(String(40))
    due: Mapped[date] = mapped_column(Date)
    article: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(300))
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The last day the law gives before the Atw moves it (event + N weeks); opschortingen count from here
    #: (services/termijn_klok.py). None for terms recorded before #17.2.
    basis: Mapped[date | None] = mapped_column(Date)
    #: The due date as the law set it, before any opschorting (Awb 4:15) or verdaging (Awb 4:14); None: as `due`.
    wettelijk: Mapped[date | None] = mapped_column(Date)


class Beschikking(Base):
    """The legal decision (besluit) on an aanvraag."""

    __tablename__ = "beschikking"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    besluit: Mapped[str] = mapped_column(String(20))  # 'toekennen' or 'afwijzen'
    motivering: Mapped[str] = mapped_column(Text)
    grondslag: Mapped[str | None] = mapped_column(String(300))
    productcode: Mapped[str | None] = mapped_column(String(5))
    leveringsvorm: Mapped[str | None] = mapped_column(String(10))  # 'zin' or 'pgb'
    omvang: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    eenheid: Mapped[str | None] = mapped_column(String(40))
    frequentie: Mapped[str | None] = mapped_column(String(40))
    ingangsdatum: Mapped[date | None] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    kosten_per_jaar: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    #: A pgb's amount in euro, reckoned from the lowest contract tarief of the product (services/pgb.py), per
    #: `pgb_per` ('jaar', or 'totaal' for the whole period); the letter states it, not the cost estimate.
    pgb_bedrag: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pgb_per: Mapped[str | None] = mapped_column(String(6))
    #: The tarief per eenheid (euro cents) the pgb was reckoned with.
    pgb_tarief_cent: Mapped[int | None] = mapped_column(Integer)
    voorbereid_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    getoetst_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    vastgesteld_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The (Dutch) day the letter was sent and put in Mijn zaken (Awb 3:41 bekendmaking); None until then.
    bekendgemaakt_op: Mapped[date | None] = mapped_column(Date)
    #: The last day for bezwaar: 6 weeks from the day after bekendmaking (Awb 6:7, 6:8 lid 1; Atw).
    bezwaar_tot: Mapped[date | None] = mapped_column(Date)
    #: A tijdelijke maatwerkvoorziening granted at once in a spoedeisend geval, awaiting the onderzoek (Wmo 2015
    #: art. 2.3.3); the definitive beschikking ends or replaces it (services/tijdelijke_voorziening.py).
    tijdelijk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    #: For a tijdelijke one: the definitive beschikking that ended or replaced it.
    beeindigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"))


class ZaakEvent(Base):
    """One line of a zaak's history: who did what, when."""

    __tablename__ = "zaak_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(500))
    data: Mapped[dict | None] = mapped_column(JSON)

    actor = relationship("User")
