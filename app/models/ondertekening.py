"""The inwoner's signature on the aanvraag after reading the onderzoeksverslag: agreed, or with comments."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class AanvraagOndertekening(Base):
    __tablename__ = "aanvraag_ondertekening"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The completed task whose verslag was read and signed (a new verslag asks for a new signature).
    verslag_task_id: Mapped[int] = mapped_column(ForeignKey("human_task.id"), unique=True)
    #: True: agrees with the verslag; False: signs with comments (opmerkingen) the consulent must read.
    akkoord: Mapped[bool] = mapped_column(Boolean)
    opmerkingen: Mapped[str | None] = mapped_column(Text)
    ondertekend_door_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: When a gemachtigde signed: the inwoner's account they signed for.
    namens_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    ondertekend_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ondertekend_door = relationship("User", foreign_keys=[ondertekend_door_id])
