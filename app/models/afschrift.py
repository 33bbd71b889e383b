"""A readable PDF afschrift of everything about one person (inzage, art. 15 AVG), made by a background job
after the click and kept for a short time for the one who asked for it; then it is removed (it holds
everything about the person)."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

STATUSES = ("wordt_gemaakt", "klaar", "mislukt")


class Afschrift(Base):
    __tablename__ = "avg_afschrift"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: Who asked (the inwoner, their gemachtigde, or the privacy officer): only they can fetch it.
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: The privacy officer's afschrift: only their gemeenten' zaken, with the names of the staff.
    for_request: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The line in the PDF saying who asked and why.
    verzoek: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="wordt_gemaakt")
    bestandsnaam: Mapped[str | None] = mapped_column(String(200))
    #: Loaded only when fetched (deferred): the status page needs none of it.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    downloaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: After this moment the afschrift is removed (tick → avg_afschrift.remove_expired).
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
