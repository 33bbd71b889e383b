"""Process state: deployed BPMN versions, running instances, the inbox rows and message subscriptions."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class ProcessDefinition(Base):
    """One deployed version of a BPMN model; its XML is the spec, stored once per version."""

    __tablename__ = "process_definition"
    __table_args__ = (UniqueConstraint("key", "version"), UniqueConstraint("key", "sha256"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The executable process id in the BPMN file, e.g. 'wmo'.
    key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    #: Deferred: the engine parses it once per version per process and then needs only `sha256`.
    bpmn_xml: Mapped[str] = mapped_column(Text, deferred=True)
    #: The version's identity: the sha256 of its XML, or — for a version published with other forms than the one
    #: with that XML — the sha256 of the XML and its forms' digests (services/formulieren.version_identity).
    sha256: Mapped[str] = mapped_column(String(64))
    #: The DMN decision tables its business rule tasks run, {decision id: DMN XML} (part of `sha256`); deferred
    #: like the XML.
    beslistabellen: Mapped[dict | None] = mapped_column(JSON, deferred=True)
    deployed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deployed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ProcessInstance(Base):
    """A running case process; `lock_version` makes concurrent saves fail instead of overwrite."""

    __tablename__ = "process_instance"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: Serialized SpiffWorkflow state (JSON) without the spec.
    state: Mapped[str] = mapped_column(Text)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False)
    #: 'running', 'completed' or 'error'.
    status: Mapped[str] = mapped_column(String(20), default="running")
    #: The earliest due timer, so the tick loads only instances that need it.
    next_timer_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    #: Joined: every engine step needs the version (without its XML, see ProcessDefinition.bpmn_xml).
    definition = relationship("ProcessDefinition", lazy="joined")
    zaak = relationship("Zaak")

    __mapper_args__ = {"version_id_col": lock_version}


#: The user tasks a passed legal term gives the team (the process models' termijn_…_overschreden steps).
ESCALATIE = text("spec_name LIKE 'termijn_%_overschreden'")


class HumanTask(Base):
    """One user task for the inbox, rewritten after every engine step; the inbox reads only this."""

    __tablename__ = "human_task"
    __table_args__ = (
        #: The werkvoorraad's page per lane, deadline first; PostgreSQL checks its filters on the index alone.
        Index("ix_human_task_status_lane_due", "status", "lane", "due_at", "id",
              postgresql_include=["gemeente_id", "domein", "spec_name", "assignee_id", "wijk"]),
        #: The inbox counts per role, task type, domein and assignee read only this index.
        #: Covers the werkvoorraad's one grouped count (index-only scan) and its per-lane filtered walks.
        Index("ix_human_task_facets", "status", "gemeente_id", "lane", "domein", "spec_name", "assignee_id", "wijk", "due_at"),
        #: "Mine" / per assignee, deadline first; and the deadline e-mails (open tasks by due date).
        Index("ix_human_task_assignee_status_due", "assignee_id", "status", "due_at", "id",
              postgresql_include=["gemeente_id", "lane", "domein", "spec_name", "wijk", "naam_sortering",
                                  "ontvangen_op"]),
        Index("ix_human_task_status_due", "status", "due_at"),
        #: The werkvoorraad sorted by the date the melding came in, or by the inwoner's name, per lane.
        Index("ix_human_task_status_lane_ontvangen", "status", "lane", "ontvangen_op", "id",
              postgresql_include=["gemeente_id", "domein", "spec_name", "assignee_id", "wijk"]),
        Index("ix_human_task_status_lane_naam", "status", "lane", "naam_sortering", "id",
              postgresql_include=["gemeente_id", "domein", "spec_name", "assignee_id", "wijk"]),
        #: The open tasks of given zaken (the werkvoorraad's "nieuw bericht"), facet columns included.
        Index("ix_human_task_zaak_status", "zaak_id", "status",
              postgresql_include=["gemeente_id", "lane", "domein", "spec_name", "assignee_id", "wijk", "due_at"]),
        #: The escalation tasks of a passed legal term (the rapportage counts them; app/services/rapportage/bron.py).
        Index("ix_human_task_escalatie", "gemeente_id", postgresql_where=ESCALATIE, sqlite_where=ESCALATIE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The zaak's gemeente, copied like domein: staff see only their gemeenten' tasks, without a join.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    #: The zaak's domein ('wmo' or 'jeugd'), copied so the inbox filters without a join (it never changes).
    domein: Mapped[str | None] = mapped_column(String(10))
    #: The person's wijk when the task was made (copied like domein: the werkvoorraad filters without joins).
    wijk: Mapped[str | None] = mapped_column(String(100))
    #: The zaak's date of receipt (the melding), copied so the werkvoorraad sorts by it on an index.
    ontvangen_op: Mapped[date | None] = mapped_column(Date)
    #: The inwoner's name as sorted ("bakker jacoba"), copied when the task is made, to sort by name on an index.
    naam_sortering: Mapped[str | None] = mapped_column(String(420))
    #: The triage found spoed (crisis, opvang): every later task of the zaak shows it in the werkvoorraad.
    spoed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The SpiffWorkflow task UUID (stable across save/restore).
    task_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    #: The BPMN id of the user task, e.g. 'besluit_voorbereiden'.
    spec_name: Mapped[str] = mapped_column(String(100))
    #: The lane = the role that must do it.
    lane: Mapped[str] = mapped_column(String(40))
    form_key: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str | None] = mapped_column(Text)
    #: Vier-ogen: the BPMN id of a task whose completer may not do this one.
    separate_from: Mapped[str | None] = mapped_column(String(100))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: 'open', 'completed' or 'cancelled'.
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The form data it was completed with.
    data: Mapped[dict | None] = mapped_column(JSON)

    zaak = relationship("Zaak")
    assignee = relationship("User", foreign_keys=[assignee_id])
    completed_by = relationship("User", foreign_keys=[completed_by_id])


class MessageSubscription(Base):
    """A BPMN message an instance waits for, with the correlation values it expects."""

    __tablename__ = "message_subscription"
    __table_args__ = (Index("ix_message_subscription_name_key", "message_name", "correlation_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    message_name: Mapped[str] = mapped_column(String(100), index=True)
    correlations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The correlation values as canonical JSON, so a message finds its instance with one indexed query.
    correlation_key: Mapped[str] = mapped_column(String(500), default="{}")
