"""Vier-ogen on publishing (#10 point 4): a procesontwerper's request to publish a concept as the next version,
reviewed by another procesontwerper or a beheerder against the live version it was compared with. The steps
themselves (asked, withdrawn, re-opened, approved, refused) are audit records of the request."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

#: The states of a request; only 'aangevraagd' can still be decided.
OPEN, APPROVED, REJECTED, WITHDRAWN = "aangevraagd", "goedgekeurd", "afgewezen", "ingetrokken"


class PublicatieVerzoek(Base):
    """One request to publish `concept` (its content at `concept_sha256`) over the live version `live_definition`."""

    __tablename__ = "publicatie_verzoek"

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("process_concept.id"), index=True)
    #: The process key, e.g. 'wmo'.
    key: Mapped[str] = mapped_column(String(100), index=True)
    #: The concept's content when it was asked: an approval publishes exactly this, or nothing.
    concept_sha256: Mapped[str] = mapped_column(String(64))
    #: The live version the reviewer compares with (None for a process without one); re-set when it is outdated.
    live_definition_id: Mapped[int | None] = mapped_column(ForeignKey("process_definition.id"))
    #: 'aangevraagd', 'goedgekeurd', 'afgewezen' or 'ingetrokken'.
    status: Mapped[str] = mapped_column(String(20), default=OPEN, index=True)
    #: What the requester says about the change (optional).
    toelichting: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Why it was refused (mandatory then) or a remark with the approval; why it was withdrawn.
    reden: Mapped[str | None] = mapped_column(Text)
    #: The version the approval deployed.
    deployed_definition_id: Mapped[int | None] = mapped_column(ForeignKey("process_definition.id"))

    concept = relationship("ProcessConcept")
    live_definition = relationship("ProcessDefinition", foreign_keys=[live_definition_id])
    deployed_definition = relationship("ProcessDefinition", foreign_keys=[deployed_definition_id])
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f"<PublicatieVerzoek {self.id} concept={self.concept_id} {self.status}>"
