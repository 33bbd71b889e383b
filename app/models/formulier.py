"""Versioned task forms (#10 point 6): a form (JSON Schema) as published, the form versions each process version
uses (published with it, so a running case keeps the form of its version), and a form being edited beside a
concept until the concept is published."""
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class FormulierVersie(Base):
    """One published version of form `key`; never changed once stored. Equal content is one version."""

    __tablename__ = "formulier_versie"
    __table_args__ = (UniqueConstraint("key", "versie"), UniqueConstraint("key", "sha256"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The form key a user task names (its formKey), e.g. 'triage'.
    key: Mapped[str] = mapped_column(String(100))
    versie: Mapped[int] = mapped_column(Integer)
    titel: Mapped[str] = mapped_column(String(200))
    #: The JSON Schema as text, as it was typed (or as the file in forms/ holds it).
    bron: Mapped[str] = mapped_column(Text)
    #: Of the canonical JSON (sorted keys): a change of layout only is no new version.
    sha256: Mapped[str] = mapped_column(String(64))
    #: 'bestand' (forms/*.json, `flask deploy`) or 'ontwerper' (published with a concept).
    herkomst: Mapped[str] = mapped_column(String(20), default="bestand")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: None for a form shipped with Cumulus.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    created_by = relationship("User")

    def __repr__(self) -> str:
        return f"<FormulierVersie {self.key} v{self.versie}>"


class DefinitieFormulier(Base):
    """The form version that process version `definition_id` shows for `form_key`."""

    __tablename__ = "definitie_formulier"

    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), primary_key=True)
    form_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    formulier_versie_id: Mapped[int] = mapped_column(ForeignKey("formulier_versie.id"), index=True)

    formulier_versie = relationship("FormulierVersie")


class ConceptFormulier(Base):
    """A form edited with concept `concept_id` (changed from a published version, or new); published with it."""

    __tablename__ = "concept_formulier"
    __table_args__ = (UniqueConstraint("concept_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("process_concept.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    #: The JSON Schema as typed; only a text that passed every check is stored.
    bron: Mapped[str] = mapped_column(Text)
    #: The published version it started from (None for a new form).
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("formulier_versie.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False)

    based_on = relationship("FormulierVersie")
    updated_by = relationship("User", foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": lock_version}
