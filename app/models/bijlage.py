"""Documents an inwoner (or their gemachtigde) uploads to a zaak; the bytes are kept in the database."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Bijlage(Base):
    __tablename__ = "bijlage"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: Sanitised file name, with the extension of the sniffed type.
    bestandsnaam: Mapped[str] = mapped_column(String(120))
    #: The type found in the bytes themselves: application/pdf, image/jpeg or image/png.
    content_type: Mapped[str] = mapped_column(String(40))
    grootte: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: The bytes; loaded only when the file itself is sent.
    inhoud: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    omschrijving: Mapped[str | None] = mapped_column(String(200))
    geupload_door_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    geupload_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    geupload_door = relationship("User")
