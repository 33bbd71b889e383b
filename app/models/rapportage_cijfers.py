"""The dashboard's figures of one scope as last computed (#11): every table of the rapportage, small cells already
protected, so that a manager who opens the dashboard again, exports a table or asks the API reads one row instead of
the computation over every zaak (about 3 s of CPU at 100,000 zaken). The tick computes again the scopes that were
looked at lately, each minute; a view of a scope nobody looked at lately, or of figures older than
RAPPORTAGE_CIJFERS_SECONDEN, computes them (app/services/rapportage/cijfers.py). Aggregates only: no person, no BSN,
no hidden cell's value."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class RapportageCijfers(Base):
    __tablename__ = "rapportage_cijfers"
    __table_args__ = (UniqueConstraint("sleutel", name="uq_rapportage_cijfers_sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 (hex) of the scope: gemeenten, filters, the wijken they come to, and the day (cijfers.scope_key).
    sleutel: Mapped[str] = mapped_column(String(64))
    #: What the tick needs to compute the scope again: {gemeenten, label, filters, wijken}.
    bereik: Mapped[dict] = mapped_column(JSON)
    #: The Dutch day the figures are of (a new day is a new scope).
    peildatum: Mapped[date] = mapped_column(Date)
    #: [[group key, heading, [table as cijfers.table_record]]] in the order the page shows them.
    tabellen: Mapped[list] = mapped_column(JSON)
    berekend_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The last time someone looked (written at most every few minutes): the tick keeps only these current.
    bekeken_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: How long computing the figures took, in milliseconds.
    duur_ms: Mapped[int] = mapped_column(Integer, default=0)
