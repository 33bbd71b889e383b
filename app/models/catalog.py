"""The product catalogue and the aanbieders (care providers) that deliver it. What a gemeente agreed
with an aanbieder (registration, contract, tarieven) is in contract.py: the catalogue carries no price."""
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Aanbieder(Base):
    __tablename__ = "aanbieder"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: AGB code: 8 digits (iStandaarden LDT_AgbCode).
    agb_code: Mapped[str] = mapped_column(String(8), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    #: Where approved declaraties are paid to (SEPA credit transfer); checked with stdnum.iban.
    iban: Mapped[str | None] = mapped_column(String(34))
    #: KvK-nummer: 8 digits (Handelsregister); NULL for an aanbieder registered before 0021.
    kvk_nummer: Mapped[str | None] = mapped_column(String(8))
    straat: Mapped[str | None] = mapped_column(String(100))
    huisnummer: Mapped[str | None] = mapped_column(String(10))
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(String(80))
    contactpersoon: Mapped[str | None] = mapped_column(String(100))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))

    #: Its registration per gemeente (state, wijken, products it may deliver there).
    registraties = relationship("AanbiederGemeente", back_populates="aanbieder")

    @property
    def gemeente_ids(self) -> frozenset[int]:
        """The gemeenten it is registered in: their staff may see it (policy)."""
        return frozenset(r.gemeente_id for r in self.registraties)


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
