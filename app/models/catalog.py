"""The product catalogue and the aanbieders (care providers) that deliver it."""
from decimal import Decimal

from sqlalchemy import Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Aanbieder(Base):
    __tablename__ = "aanbieder"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: AGB code: 8 digits (iStandaarden LDT_AgbCode).
    agb_code: Mapped[str] = mapped_column(String(8), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    #: Where approved declaraties are paid to (SEPA credit transfer); checked with stdnum.iban.
    iban: Mapped[str | None] = mapped_column(String(34))


class Product(Base):
    """One product of the gemeente's catalogue, coded as the iStandaarden demand."""

    __tablename__ = "product"
    __table_args__ = (UniqueConstraint("domein", "productcode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    domein: Mapped[str] = mapped_column(String(10))  # 'wmo' or 'jeugd'
    #: Productcategorie: WMO020 (01–18) or JZ020 (31–55).
    productcategorie: Mapped[str] = mapped_column(String(2))
    productcode: Mapped[str] = mapped_column(String(5))
    omschrijving: Mapped[str] = mapped_column(String(200))
    #: Eenheid code (WJ756), e.g. '04' uur, '14' etmaal, '82' stuks.
    eenheid: Mapped[str] = mapped_column(String(2))
    #: Tarief in euro per eenheid.
    tarief: Mapped[Decimal] = mapped_column(Numeric(10, 2))
