"""The processing log (verwerkingenlog), after the Logboek Dataverwerkingen standard (Logius).

One record per data subject per processing, linked to an activity of the register of
processing activities (AVG art. 30). Never sampled, never changed: each record carries the hash of the
one before it (services/processing_log_chain.py), and on PostgreSQL a trigger refuses DELETE and every
UPDATE but one — the destruction of a zaak after its bewaartermijn (services/vernietiging.py) empties the
personal fields of its records, which the hash covers through `personal_digest` only (migrations
0012_processing_log_chain and 0020_retentie).
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class ProcessingActivity(Base):
    """An entry of the register van verwerkingsactiviteiten."""

    __tablename__ = "processing_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    grondslag: Mapped[str] = mapped_column(String(300))
    #: The activity's URI, `dpl.core.processing_activity_id` in the standard.
    uri: Mapped[str] = mapped_column(String(300))


class ProcessingRecord(Base):
    __tablename__ = "processing_record"
    __table_args__ = (Index("ix_processing_record_subject_at", "subject_person_id", "at"),
                      # Two records after the same one would fork the chain: the database refuses the second.
                      UniqueConstraint("prev_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: W3C trace context ids (16 and 8 bytes, hex), as the standard asks.
    trace_id: Mapped[str] = mapped_column(String(32))
    span_id: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The role in which the actor acted (or 'systeem').
    actor_role: Mapped[str] = mapped_column(String(40))
    #: Set when a gemachtigde acted on the subject's behalf.
    on_behalf_of_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: NULL (with the other personal fields) once the record's zaak or person was destroyed.
    subject_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: Keyed hash of the BSN (`dpl.core.data_subject_id`, pseudonymised).
    subject_pseudonym: Mapped[str | None] = mapped_column(String(64))
    activity_id: Mapped[int] = mapped_column(ForeignKey("processing_activity.id"))
    #: 'lezen', 'aanmaken', 'wijzigen' or 'exporteren' (an afschrift of all data, art. 15 AVG).
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    #: What was done, in Dutch, for the inwoner's "wie heeft mijn gegevens bekeken".
    description: Mapped[str | None] = mapped_column(String(300))
    #: A random value and the SHA-256 over it and the personal fields (PERSONAL in processing_log_chain.py):
    #: the chain's hash covers the digest, so the personal fields can be destroyed without breaking it.
    personal_salt: Mapped[str | None] = mapped_column(String(32))
    personal_digest: Mapped[str] = mapped_column(String(64))
    #: When the personal fields were destroyed (the zaak's bewaartermijn had passed); outside the hash.
    vernietigd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The `hash` of the record before this one (by id); 64 zeros for the first.
    prev_hash: Mapped[str] = mapped_column(String(64))
    #: SHA-256 over this record's canonical content and `prev_hash`.
    hash: Mapped[str] = mapped_column(String(64))

    activity = relationship("ProcessingActivity")
    actor = relationship("User", foreign_keys=[actor_user_id])
