"""Documents of a zaak, such as the beschikking letter: its HTML and PDF kept in the database."""
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Document(Base):
    """A generated document; the bytes live in the database so every web and worker machine has them."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    beschikking_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"), unique=True)
    #: 'beschikking', 'informatieverzoek' (Awb 4:5, 4:15) or 'verdaging' (Awb 4:14).
    soort: Mapped[str] = mapped_column(String(40))
    titel: Mapped[str] = mapped_column(String(200))
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    html: Mapped[str] = mapped_column(Text)
    #: Empty until the job after the commit made it (services/brief_pdf.py); the HTML is the letter meanwhile.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
