"""The summaries the management information reads (#11): per gemeente, refreshed by the tick from the platform's
own rows (app/services/rapportage/samenvatting.py), so that a report reads a few hundred rows instead of millions.

- `RapportageStand`: per gemeente when its summaries were last brought up to date, as of which day, and with which
  pseudonym key.
- `RapportageSleutel`: the secret key of the pseudonyms in RapportagePersoon (made once, kept in the database).
- `RapportageWijziging`: a person whose rows changed since then (written beside the change, read by the refresh):
  it names the person (a BSN or a zaak/person id) for the minute until the next tick consumes it.
- `RapportageMaand`: sums that add up over months (lines and cents per month, category, aanbieder and status).
- `RapportagePersoon`: per person — a keyed pseudonym, never a BSN (AVG art. 5 lid 1c, art. 25) — and key the
  months (a bit per month) in which they appear: the source of the exact number of distinct persons over any span.
- `RapportageVenster`: that number of distinct persons per span of months ('venster') the reports ask for.
- `RapportageVerdeling`: per month how many items had each value (days a task stood open): exact percentiles.
Keys are the source's own dimensions (s1, s2, s3; '*' is all of them); 'wijk' '*' is every wijk together."""
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Float, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

ALL = "*"


class RapportageStand(Base):
    __tablename__ = "rapportage_stand"

    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), primary_key=True)
    #: The Dutch day the windows were made for (the forecast's origin and the last complete month follow it).
    peildatum: Mapped[date] = mapped_column(Date)
    #: The month index (year·12 + month − 1) of bit 0 of RapportagePersoon.maanden: January three years back.
    basis: Mapped[int] = mapped_column(Integer)
    bijgewerkt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    volledig_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: How long the last refresh took, in milliseconds.
    duur_ms: Mapped[int] = mapped_column(Integer, default=0)
    #: The fingerprint of the pseudonym key the rows were made with (pseudoniem.py); another key: a full refresh.
    sleutel: Mapped[str | None] = mapped_column(String(16))


class RapportageSleutel(Base):
    __tablename__ = "rapportage_sleutel"

    #: What the key is for: 'persoon' (the pseudonyms of RapportagePersoon.persoon).
    naam: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: 32 random bytes, made once (services/rapportage/pseudoniem.py); not the app's SECRET_KEY.
    sleutel: Mapped[bytes] = mapped_column(LargeBinary)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RapportageWijziging(Base):
    __tablename__ = "rapportage_wijziging"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 'declaratie' (sleutel: a BSN) or 'stap' (sleutel: 'z' and a zaak id, or 'p' and a person id). Not in the
    #: AVG export: a mark lives until the next tick (a minute), and a destruction deletes the person's at once.
    bron: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(20))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class _Keyed:
    gemeente_id: Mapped[int] = mapped_column(Integer)
    #: The person's wijk (None: unknown); '*': every wijk together (a source whose persons may move between wijken).
    wijk: Mapped[str | None] = mapped_column(String(100))
    bron: Mapped[str] = mapped_column(String(20))
    s1: Mapped[str] = mapped_column(String(100))
    s2: Mapped[str] = mapped_column(String(100))
    s3: Mapped[str] = mapped_column(String(100))


class RapportageMaand(_Keyed, Base):
    __tablename__ = "rapportage_maand"
    __table_args__ = (Index("ix_rapportage_maand_lees", "gemeente_id", "bron", "maand"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    maand: Mapped[int] = mapped_column(Integer)
    aantal: Mapped[int] = mapped_column(Integer)
    bedrag: Mapped[int] = mapped_column(BigInteger, default=0)


class RapportagePersoon(_Keyed, Base):
    __tablename__ = "rapportage_persoon"
    __table_args__ = (Index("ix_rapportage_persoon_lees", "gemeente_id", "bron"),
                      Index("ix_rapportage_persoon_persoon", "bron", "persoon"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The person as a pseudonym: the first 20 hex digits (80 bits) of HMAC-SHA256 over the source and the BSN
    #: (declaraties) or person id (tasks), keyed with RapportageSleutel (pseudoniem.py).
    persoon: Mapped[str] = mapped_column(String(20))
    #: Bit i set: the person appears in month basis + i (RapportageStand.basis).
    maanden: Mapped[int] = mapped_column(BigInteger)


class RapportageVenster(_Keyed, Base):
    __tablename__ = "rapportage_venster"
    __table_args__ = (Index("ix_rapportage_venster_lees", "gemeente_id", "bron", "van", "tot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The first and last month index of the span.
    van: Mapped[int] = mapped_column(Integer)
    tot: Mapped[int] = mapped_column(Integer)
    personen: Mapped[int] = mapped_column(Integer)


class RapportageVerdeling(_Keyed, Base):
    __tablename__ = "rapportage_verdeling"
    __table_args__ = (Index("ix_rapportage_verdeling_lees", "gemeente_id", "bron", "maand"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    maand: Mapped[int] = mapped_column(Integer)
    waarde: Mapped[float] = mapped_column(Float)
    aantal: Mapped[int] = mapped_column(Integer)
