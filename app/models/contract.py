"""Contracts of a gemeente with an aanbieder: the aanbieder's registration in the gemeente (state, wijken
served, products it may deliver), the contract with its period, the products with their plafond, and the
tarief per eenheid with the date each one takes effect (a change is a new row: the history stays).

An aanbieder is shared by the gemeenten of the installation (one AGB code, one KvK number, one IBAN); what a
gemeente agreed with it — registration, contract, tarieven, plafonds — belongs to that gemeente (gemeente_id).
Amounts are integer euro cents, as in iWmo/iJw."""
from datetime import date, datetime

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: The products an aanbieder may deliver in a gemeente (its registration there).
aanbieder_product = Table(
    "aanbieder_product", Base.metadata,
    Column("aanbieder_gemeente_id", ForeignKey("aanbieder_gemeente.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("product.id"), primary_key=True, index=True),
)


class AanbiederGemeente(Base):
    """An aanbieder as one gemeente knows it: active or ended there, the wijken it serves, what it may deliver."""

    __tablename__ = "aanbieder_gemeente"
    __table_args__ = (UniqueConstraint("aanbieder_id", "gemeente_id", name="uq_aanbieder_gemeente"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: 'actief' or 'beeindigd' (no new beschikkingen in natura with it in this gemeente).
    status: Mapped[str] = mapped_column(String(10), default="actief")
    #: The wijken of the gemeente it serves (names as the inwoners' addresses give them).
    wijken: Mapped[list] = mapped_column(JSON, default=list)

    aanbieder = relationship("Aanbieder", back_populates="registraties")
    gemeente = relationship("Gemeente")
    producten = relationship("Product", secondary=aanbieder_product, order_by="Product.productcode")


class Contract(Base):
    """What a gemeente agreed with an aanbieder for a period; periods of one aanbieder and gemeente never overlap."""

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    #: The gemeente's own reference (inkoopnummer), e.g. 'WMO-2026-001'.
    kenmerk: Mapped[str] = mapped_column(String(40))
    ingangsdatum: Mapped[date] = mapped_column(Date)
    #: The last day it is in force; NULL: until further notice.
    einddatum: Mapped[date | None] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    aanbieder = relationship("Aanbieder")
    gemeente = relationship("Gemeente")
    producten = relationship("ContractProduct", back_populates="contract", order_by="ContractProduct.id")

    def in_force_on(self, day: date) -> bool:
        return self.ingangsdatum <= day and (self.einddatum is None or day <= self.einddatum)


class ContractProduct(Base):
    """A product of a contract, with its budget ceiling (plafond) when one was agreed."""

    __tablename__ = "contract_product"
    __table_args__ = (UniqueConstraint("contract_id", "product_id", name="uq_contract_product"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    #: The most the gemeente pays for this product under this contract (approved declaratie lines), in cents.
    plafond_cent: Mapped[int | None] = mapped_column(Integer)

    contract = relationship("Contract", back_populates="producten")
    product = relationship("Product")
    tarieven = relationship("ContractTarief", back_populates="contract_product",
                            order_by="ContractTarief.ingangsdatum")

    def tarief_op(self, day: date) -> "ContractTarief | None":
        """The tarief in force on `day`: the latest that took effect on or before it (None before the first)."""
        current = None
        for tarief in self.tarieven:
            if tarief.ingangsdatum <= day:
                current = tarief
        return current


class ContractTarief(Base):
    """The tarief per eenheid from a date on; a change adds a row, nothing is updated in place."""

    __tablename__ = "contract_tarief"
    __table_args__ = (UniqueConstraint("contract_product_id", "ingangsdatum", name="uq_contract_tarief_datum"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_product_id: Mapped[int] = mapped_column(ForeignKey("contract_product.id"), index=True)
    ingangsdatum: Mapped[date] = mapped_column(Date)
    tarief_cent: Mapped[int] = mapped_column(Integer)
    vastgelegd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Who agreed it in Cumulus (NULL: the migration or the command line).
    vastgelegd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    contract_product = relationship("ContractProduct", back_populates="tarieven")
    vastgelegd_door = relationship("User")


class PlafondSignaal(Base):
    """That the contractmanagers were told a plafond reached 80 or 100 percent: once per product and threshold."""

    __tablename__ = "plafond_signaal"
    __table_args__ = (UniqueConstraint("contract_product_id", "drempel", name="uq_plafond_signaal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    contract_product_id: Mapped[int] = mapped_column(ForeignKey("contract_product.id"), index=True)
    #: 80 or 100 (percent of the plafond).
    drempel: Mapped[int] = mapped_column(Integer)
    #: Σ approved at the moment the threshold was passed, in cents.
    bedrag_cent: Mapped[int] = mapped_column(Integer)
    op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contract_product = relationship("ContractProduct")
