"""The clock of a zaak's beslistermijn (#17 points 2 and 3): the Termijn's date after its opschortingen (Awb 4:15)
and verdagingen (Awb 4:14), and the engine's armed timers and the werkvoorraad's due dates moved with it.

`reclock` only writes the Termijn (safe inside an engine step, e.g. the model's bereken_termijn); `follow` also
re-arms the BPMN timers of the zaak's running processes. Called inside the caller's unit of work; never commits.
"""
import logging
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..domain import deadlines, termijn_klok
from ..domain.termijn_klok import Change
from ..engine import RunContext, move_deadline_timers
from ..models import Opschorting, ProcessInstance, Termijn, Verdaging, Zaak
from .clock import now as clock_now
from .settings import extra_holidays, run_limits

logger = logging.getLogger(__name__)

#: The beslistermijnen the clock applies to, with the process variable their timers read.
CLOCKED = {"beschikking": "beschikking_deadline", "beslis": "beslis_deadline"}


def running_term(session, zaak: Zaak) -> Termijn | None:
    """The zaak's beslistermijn that is still open: Wmo once the aanvraag is in, Jeugd from the melding."""
    soort = "beschikking" if zaak.domein == "wmo" else "beslis"
    return session.scalar(select(Termijn).where(Termijn.zaak_id == zaak.id, Termijn.soort == soort,
                                                Termijn.met_at.is_(None)))


def open_request(session, zaak_id: int) -> Opschorting | None:
    """The request for information the inwoner has not answered yet while its term runs (after it, the term has
    ended unused: the suspension is over and a new request may be made)."""
    return session.scalar(select(Opschorting).where(Opschorting.zaak_id == zaak_id, Opschorting.ontvangen_op.is_(None),
                                                    Opschorting.termijn_tot >= today())
                          .order_by(Opschorting.id.desc()).limit(1))


def changes_of(session, zaak_id: int, soort: str) -> list[Change]:
    """Every opschorting (its days so far: an open one counts to its term's end) and verdaging, in their order."""
    changes = [Change((o.created_at, 0, o.id), days=termijn_klok.suspended_days(o.gevraagd_op, o.termijn_tot,
                                                                               o.ontvangen_op))
               for o in session.scalars(select(Opschorting).where(Opschorting.zaak_id == zaak_id,
                                                                  Opschorting.termijn_soort == soort))]
    changes += [Change((v.created_at, 1, v.id), to=v.nieuwe_datum)
                for v in session.scalars(select(Verdaging).where(Verdaging.zaak_id == zaak_id,
                                                                 Verdaging.termijn_soort == soort))]
    return changes


def reclock(session, termijn: Termijn) -> bool:
    """Set the termijn's date and provenance from its statutory day and changes; True when the date moved."""
    if termijn.soort not in CLOCKED:
        return False
    session.flush()  # a change just added counts
    if termijn.wettelijk is None:
        termijn.wettelijk = termijn.due
    statutory = termijn.article.split("; ")[0]
    changes = changes_of(session, termijn.zaak_id, termijn.soort)
    if not changes:
        due, atw = termijn.wettelijk, ""
        article = termijn.article
    else:
        due, atw = termijn_klok.clocked_due(termijn.basis or termijn.wettelijk, changes, extra_holidays())
        parts = [statutory]
        if any(c.to is None for c in changes):
            parts.append(termijn_klok.OPSCHORTING_ARTICLE)
        if any(c.to is not None for c in changes):
            parts.append(termijn_klok.VERDAGING_ARTICLE[termijn.soort])
        article = "; ".join(parts + ([atw] if atw else []))
    moved = due != termijn.due
    termijn.due, termijn.article = due, article
    return moved


def follow(session, zaak: Zaak, termijn: Termijn, actor=None) -> int:
    """Re-arm the timers and due dates that read this termijn in the zaak's running processes; how many moved."""
    variable = CLOCKED[termijn.soort]
    due_at = deadlines.end_of_day(termijn.due)
    ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=getattr(actor, "id", None), limits=run_limits(),
                     extra_holidays=extra_holidays())
    moved = 0
    for instance in session.scalars(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak.id,
                                                                  ProcessInstance.status == "running")):
        moved += move_deadline_timers(ctx, instance, variable, due_at)
    logger.info("Termijn %s of zaak %s now ends %s (%d timers moved)", termijn.soort, zaak.zaaknummer, termijn.due,
                moved)
    return moved


@dataclass
class Klok:
    """For the zaak pages: the running beslistermijn, what stopped or moved it, and the request still open."""

    termijn: Termijn | None
    opschortingen: list[Opschorting] = field(default_factory=list)
    verdagingen: list[Verdaging] = field(default_factory=list)
    open: Opschorting | None = None
    #: Days each opschorting suspended (an open one: as far as its term reaches), by id.
    dagen: dict[int, int] = field(default_factory=dict)
    vandaag: date | None = None

    @property
    def verstreken(self) -> bool:
        """The term has ended: no opschorting or verdaging can change it any more (Awb 4:14, 4:15)."""
        return self.termijn is not None and self.vandaag is not None and self.vandaag > self.termijn.due


def klok_of(session, zaak: Zaak) -> Klok:
    """The clock of `zaak` as the consulent's and the inwoner's zaak pages show it (the route logs the read)."""
    rows = list(session.scalars(select(Opschorting).where(Opschorting.zaak_id == zaak.id).order_by(Opschorting.id)))
    return Klok(termijn=running_term(session, zaak), opschortingen=rows,
                verdagingen=list(session.scalars(select(Verdaging).where(Verdaging.zaak_id == zaak.id)
                                                 .order_by(Verdaging.id))),
                open=open_request(session, zaak.id),
                dagen={o.id: termijn_klok.suspended_days(o.gevraagd_op, o.termijn_tot, o.ontvangen_op) for o in rows},
                vandaag=today())


def klok(zaak: Zaak) -> Klok:
    """`klok_of` in the request's session, for a page."""
    from .. import db
    return klok_of(db.session, zaak)


def today() -> date:
    """The Dutch day now, by the services' clock (tests travel with it)."""
    return clock_now().astimezone(ZoneInfo("Europe/Amsterdam")).date()
