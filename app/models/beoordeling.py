"""A beoordeling (rating) of an aanbieder by the inwoner who had care from it through one toewijzing: stars on
a few aspects and a short text, moderated by the contractmanager before the public sociale kaart counts it, and
the aanbieder's public reply. One per toewijzing (a unique key); stars 1–5 (check constraints)."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: The aspects rated, as columns (domain/beoordeling.py ASPECTEN has their words).
ASPECT_COLUMNS = ("bejegening", "deskundigheid", "afspraken")


class Beoordeling(Base):
    __tablename__ = "beoordeling"
    __table_args__ = (
        *(CheckConstraint(f"{name} BETWEEN 1 AND 5", name=f"{name}_sterren") for name in ASPECT_COLUMNS),
        CheckConstraint("status IN ('te_beoordelen', 'goedgekeurd', 'afgewezen')", name="status"),
        # the kaart's summaries read the stars from the index alone (PostgreSQL: an index-only scan)
        Index("ix_beoordeling_openbaar", "gemeente_id", "aanbieder_id", "status", "ingediend_op",
              postgresql_include=list(ASPECT_COLUMNS)),
        # the open data's fingerprint: the oldest counted rating and the latest decision, one index probe each
        Index("ix_beoordeling_venster", "gemeente_id", "status", "ingediend_op"),
        Index("ix_beoordeling_besluit", "gemeente_id", "beoordeeld_op"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The gemeente of the toewijzing: its contractmanager moderates, its kaart shows it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    toewijzing_id: Mapped[int] = mapped_column(ForeignKey("toewijzing.id"), unique=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    #: Whose care it was: the data subject (never shown with the rating).
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    #: Who sent it: the inwoner, or a gemachtigde for them.
    ingediend_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    bejegening: Mapped[int] = mapped_column(SmallInteger)
    deskundigheid: Mapped[int] = mapped_column(SmallInteger)
    afspraken: Mapped[int] = mapped_column(SmallInteger)
    #: The inwoner's own words, plain text (may be empty).
    tekst: Mapped[str | None] = mapped_column(Text)
    ingediend_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="te_beoordelen")
    beoordeeld_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    beoordeeld_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Why the contractmanager did not publish it (the inwoner reads it).
    afwijsreden: Mapped[str | None] = mapped_column(Text)
    #: The aanbieder's public reply.
    reactie: Mapped[str | None] = mapped_column(Text)
    reactie_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reactie_door_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    aanbieder = relationship("Aanbieder")
    gemeente = relationship("Gemeente")
    toewijzing = relationship("Toewijzing")

    def sterren(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in ASPECT_COLUMNS}

    def __repr__(self) -> str:
        return f"<Beoordeling {self.id} {self.status}>"
