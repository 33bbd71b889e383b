"""The budget a gemeente sets per year and productcategorie, entered by its controller on the rapportage's budget
page (every change audited); the rapportage sets the approved declaraties against it. Amounts in euro cents."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Budget(Base):
    __tablename__ = "budget"
    __table_args__ = (UniqueConstraint("gemeente_id", "jaar", "productcategorie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    jaar: Mapped[int] = mapped_column(Integer)
    #: Productcategorie of the iStandaarden: WMO020 (01–18) or JZ020 (31–55); it tells the domein.
    productcategorie: Mapped[str] = mapped_column(String(2))
    #: The budget for the whole year, in euro cents (a large gemeente's category passes € 21 miljoen).
    bedrag_cent: Mapped[int] = mapped_column(BigInteger)
    gewijzigd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    gewijzigd_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    def __repr__(self) -> str:
        return f"<Budget {self.gemeente_id} {self.jaar} {self.productcategorie}>"
