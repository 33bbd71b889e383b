"""The sociale kaart, after Open Referral HSDS 3.0: organisations (`kaart_organisatie`) that offer services
(`kaart_dienst`) at locations (`kaart_locatie`), each of one gemeente. A service is found under product
categories (`kaart_dienst_categorie`, HSDS's taxonomy terms) and serves wijken (`kaart_dienst_wijk`; none:
the whole gemeente). An organisation of kind maatwerk is a contracted aanbieder (`aanbieder_id`).
Public data: nothing here is about a person."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, LargeBinary, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class KaartOrganisatie(Base):
    """HSDS organization: who offers the service (an aanbieder, a stichting, the gemeente itself)."""

    __tablename__ = "kaart_organisatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    #: The contracted aanbieder this organisation is (maatwerk); NULL for everyone else.
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    website: Mapped[str | None] = mapped_column(String(200))

    aanbieder = relationship("Aanbieder")


class KaartLocatie(Base):
    """HSDS location with its physical address: where the inwoner goes."""

    __tablename__ = "kaart_locatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("kaart_organisatie.id"), index=True)
    straat: Mapped[str | None] = mapped_column(String(100))
    huisnummer: Mapped[str | None] = mapped_column(String(10))
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(String(80))
    #: The wijk the address lies in (names as the gemeente's wijken).
    wijk: Mapped[str | None] = mapped_column(String(80))

    organisatie = relationship("KaartOrganisatie")


class KaartDienst(Base):
    """HSDS service: what is offered, for whom, how to reach it, whether a beschikking is needed."""

    __tablename__ = "kaart_dienst"
    __table_args__ = (Index("ix_kaart_dienst_gemeente_soort", "gemeente_id", "soort"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    organisatie_id: Mapped[int] = mapped_column(ForeignKey("kaart_organisatie.id"), index=True)
    #: NULL: no place to go to (an app, help at home).
    locatie_id: Mapped[int | None] = mapped_column(ForeignKey("kaart_locatie.id"))
    #: 'maatwerk', 'algemeen', 'initiatief' or 'digitaal' (domain/sociale_kaart.py SOORTEN).
    soort: Mapped[str] = mapped_column(String(12))
    naam: Mapped[str] = mapped_column(String(200))
    #: What it offers (HSDS description), plain text.
    beschrijving: Mapped[str] = mapped_column(Text)
    #: For whom (HSDS eligibility_description).
    doelgroep: Mapped[str] = mapped_column(Text)
    #: How to reach it: how to sign up, opening hours (HSDS application_process).
    aanmelden: Mapped[str] = mapped_column(Text)
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(200))
    #: What it costs the inwoner, in words ('Gratis', 'eigen bijdrage'); HSDS cost_options in one line.
    kosten: Mapped[str | None] = mapped_column(String(200))
    beschikking_nodig: Mapped[bool] = mapped_column(Boolean, default=False)
    #: 'wmo', 'jeugd' or 'beide'.
    domein: Mapped[str] = mapped_column(String(6))
    #: When the keeper last checked it is still right (HSDS last_modified is ours: bijgewerkt_op).
    gecontroleerd_op: Mapped[date] = mapped_column(Date)
    #: False: hidden by the keeper (kept, but not on the public kaart nor in its open data).
    gepubliceerd: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    bijgewerkt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    gemeente = relationship("Gemeente")
    organisatie = relationship("KaartOrganisatie")
    locatie = relationship("KaartLocatie")
    categorieen = relationship("KaartDienstCategorie", cascade="all, delete-orphan",
                               order_by="KaartDienstCategorie.categorie")
    wijken = relationship("KaartDienstWijk", cascade="all, delete-orphan", order_by="KaartDienstWijk.wijk")

    @property
    def categorie_codes(self) -> list[str]:
        return [c.categorie for c in self.categorieen]

    @property
    def wijk_namen(self) -> list[str]:
        return [w.wijk for w in self.wijken]


class KaartDienstCategorie(Base):
    """A product category the service is found under (HSDS attribute with a taxonomy term)."""

    __tablename__ = "kaart_dienst_categorie"
    __table_args__ = (Index("ix_kaart_dienst_categorie_categorie", "categorie", "dienst_id"),)

    dienst_id: Mapped[int] = mapped_column(ForeignKey("kaart_dienst.id", ondelete="CASCADE"), primary_key=True)
    categorie: Mapped[str] = mapped_column(String(2), primary_key=True)


class KaartDienstWijk(Base):
    """A wijk the service serves (HSDS service_area)."""

    __tablename__ = "kaart_dienst_wijk"
    __table_args__ = (Index("ix_kaart_dienst_wijk_wijk", "wijk", "dienst_id"),)

    dienst_id: Mapped[int] = mapped_column(ForeignKey("kaart_dienst.id", ondelete="CASCADE"), primary_key=True)
    wijk: Mapped[str] = mapped_column(String(80), primary_key=True)


class KaartPublicatie(Base):
    """The open data of a gemeente's kaart as last published (JSON and CSV), with the fingerprint of the entries
    it was made from: served as is while the entries still have that fingerprint, else made anew."""

    __tablename__ = "kaart_publicatie"

    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), primary_key=True)
    #: count, highest id and latest bijgewerkt_op of the gemeente's entries, as text.
    vingerafdruk: Mapped[str] = mapped_column(String(100))
    #: Deferred: a request reads the fingerprint first, then only the one file it serves.
    json_data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    csv_data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    gemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
