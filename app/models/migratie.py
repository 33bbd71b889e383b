"""Moving running cases to a newer process version: one ProcessMigration per run a procesontwerper starts (who,
when, from which version to which, its progress), one ProcessMigrationCase per case it handled — moved with the
state it had before (to revert it until its next step), or refused with the reasons in Dutch."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class ProcessMigration(Base):
    """A bulk move of the running cases of one version (of the starter's gemeenten) to a newer version."""

    __tablename__ = "process_migration"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100))
    from_definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    to_definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"))
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: The gemeenten whose cases it moves: those the starter worked for.
    gemeente_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: 'wachtrij' until the job starts, 'bezig' while it runs, 'klaar' when every case was handled.
    status: Mapped[str] = mapped_column(String(20), default="wachtrij")
    total: Mapped[int] = mapped_column(Integer, default=0)
    #: Stored when the run finishes; while it runs, the page counts its cases' rows (nothing shared is written per case).
    moved: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    from_definition = relationship("ProcessDefinition", foreign_keys=[from_definition_id])
    to_definition = relationship("ProcessDefinition", foreign_keys=[to_definition_id])
    started_by = relationship("User")


class ProcessMigrationCase(Base):
    """What a migration did with one case."""

    __tablename__ = "process_migration_case"
    __table_args__ = (Index("ix_process_migration_case_migration", "migration_id", "outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    migration_id: Mapped[int] = mapped_column(ForeignKey("process_migration.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: 'verplaatst', 'geweigerd' or 'teruggezet'.
    outcome: Mapped[str] = mapped_column(String(20))
    #: Why it could not move (Dutch sentences); empty when it moved.
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    #: The serialized state it had on its old version; kept to revert the move until the case's next step.
    old_state: Mapped[str | None] = mapped_column(Text, deferred=True)
    #: The instance's lock_version right after the move: a later step changes it, and ends the right to revert.
    lock_version_after: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reverted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reverted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    migration = relationship("ProcessMigration")
    zaak = relationship("Zaak")
