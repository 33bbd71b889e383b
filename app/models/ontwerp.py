"""Process design: a concept of a process's next version, kept on the server while a procesontwerper works
on it (who made it and when, who changed it last), until it is published as a ProcessDefinition version."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class ProcessConcept(Base):
    """One concept BPMN model; `based_on` is the published version it started from (None for a new process)."""

    __tablename__ = "process_concept"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The executable process id in the BPMN file, e.g. 'wmo' (the key of the versions it will join).
    key: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(200))
    bpmn_xml: Mapped[str] = mapped_column(Text, deferred=True)
    #: Its DMN decision tables, {decision id: DMN XML}; `sha256` covers them with the BPMN.
    beslistabellen: Mapped[dict | None] = mapped_column(JSON, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    #: 'concept' while it is worked on; 'gepubliceerd' once it became a version; 'vervallen' when dropped.
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("process_definition.id"))
    #: Where it came from: 'upload' (a file from Camunda Modeler or another tool) or 'modeler'.
    herkomst: Mapped[str] = mapped_column(String(20), default="upload")
    bestandsnaam: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False)

    based_on = relationship("ProcessDefinition")
    created_by = relationship("User", foreign_keys=[created_by_id])
    updated_by = relationship("User", foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": lock_version}


class ProcessScenario(Base):
    """A saved proefrit of a process (#10 point 8): its input (start data, answers per user task, results of
    service tasks) and the path and end it took when it was saved. Every publication of the process runs it
    again and is refused when the path or the end differs."""

    __tablename__ = "process_scenario"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    #: {"start": {...}, "antwoorden": {...}, "diensten": {...}} as the proefrit page took it.
    invoer: Mapped[dict] = mapped_column(JSON)
    #: The element ids passed, in order, and the end event reached (None: the run stopped before an end).
    verwacht_pad: Mapped[list] = mapped_column(JSON)
    verwacht_einde: Mapped[str | None] = mapped_column(String(100))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by = relationship("User")
