"""Queries for the task inbox: the open tasks a user may see, filtered, searched, counted and paged.

Everything is read from `human_task` (with person and zaak joined only to filter on wijk or to
search). The page is one UNION ALL of index-ordered scans, one per lane, so it stays a short
index walk at 100,000 open tasks; the counts per filter value are GROUP BY queries in one round trip.
"""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import String, case, cast, false, func, literal, null, or_, select, union_all
from sqlalchemy.orm import selectinload

from .. import db
from ..domain.deadlines import end_of_day
from ..domain.policy import STAFF_CASE_ROLES
from ..models import HumanTask, Person, Zaak
from ..models.base import utcnow

#: The filters that get counts per value, in the order the page shows them.
FACETS = ("rol", "taak", "domein", "behandeling", "termijn", "behandelaar", "wijk")
BEHANDELING = ("vrij", "opgepakt")
TZ = ZoneInfo("Europe/Amsterdam")
TERMIJNEN = ("te-laat", "deze-week", "later", "geen")


@dataclass
class TaskFilter:
    rol: str | None = None
    #: The BPMN id of the task (task type), e.g. 'triage'.
    taak: str | None = None
    domein: str | None = None
    #: The task's own status: 'open', 'completed' or 'cancelled'.
    status: str = "open"
    #: 'vrij' (nobody picked it up) or 'opgepakt'.
    behandeling: str | None = None
    #: 'te-laat', 'deze-week', 'later' or 'geen' (no deadline).
    termijn: str | None = None
    assignee_id: int | None = None
    #: Only tasks without an assignee (the 'behandelaar: niemand' choice).
    unassigned: bool = False
    mine: bool = False
    wijk: str | None = None
    #: A name, an exact BSN or a zaaknummer.
    zoek: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass
class InboxPage:
    tasks: list
    total: int
    #: facet name → {value: number of tasks}, each counted with the other filters applied.
    counts: dict


def tasks_for(user, flt: TaskFilter) -> tuple[list[HumanTask], int]:
    """Tasks in the lanes of `user`'s roles (or assigned to them), deadline first; plus the total."""
    return _page(user, flt), _total(user, flt)


def inbox_page(user, flt: TaskFilter, now: datetime | None = None) -> InboxPage:
    """The page of tasks, the total and the counts per filter value."""
    return InboxPage(tasks=_page(user, flt, now), total=_total(user, flt, now), counts=facet_counts(user, flt, now))


def facet_counts(user, flt: TaskFilter, now: datetime | None = None) -> dict[str, dict]:
    """Per facet, the number of tasks per value if that value were chosen (GROUP BY, one round trip)."""
    now = now or utcnow()
    parts = []
    for facet in FACETS:
        without = replace(flt, **_cleared(facet))
        key = _facet_key(facet, now)
        query = _visible(user, without, now, select(literal(facet, String).label("facet"), key.label("value"),
                                                    func.count().label("n")).select_from(HumanTask))
        if facet == "wijk" and not _needs_person(without):
            query = query.join(Zaak, Zaak.id == HumanTask.zaak_id).join(Person, Person.id == Zaak.person_id)
        parts.append(query.group_by(key))
    counts = {facet: {} for facet in FACETS}
    for facet, value, n in db.session.execute(union_all(*parts)):
        counts[facet][value] = n
    return counts


def _page(user, flt: TaskFilter, now: datetime | None = None) -> list[HumanTask]:
    """One index-ordered scan per lane (each at most offset+limit rows), merged and cut to the page."""
    now = now or utcnow()
    window = flt.offset + flt.limit
    order = (HumanTask.due_at.asc().nulls_last(), HumanTask.id)
    branches = []
    for lane_filter in _lane_branches(user, flt):
        query = _filtered(user, flt, now, select(HumanTask.id, HumanTask.due_at), lane_filter)
        branches.append(select(query.order_by(*order).limit(window).subquery()))
    if not branches:
        return []
    merged = union_all(*branches).subquery()
    ids = list(db.session.scalars(select(merged.c.id).order_by(merged.c.due_at.asc().nulls_last(), merged.c.id)
                                  .limit(flt.limit).offset(flt.offset)))
    if not ids:
        return []
    rows = db.session.scalars(select(HumanTask).where(HumanTask.id.in_(ids)).options(
        selectinload(HumanTask.zaak).selectinload(Zaak.person), selectinload(HumanTask.assignee)))
    by_id = {t.id: t for t in rows}
    return [by_id[i] for i in ids]


def _total(user, flt: TaskFilter, now: datetime | None = None) -> int:
    query = _visible(user, flt, now or utcnow(), select(func.count()).select_from(HumanTask))
    return db.session.scalar(query)


def _roles(user, flt: TaskFilter) -> list[str]:
    roles = [r for r in user.role_list() if r in STAFF_CASE_ROLES]
    return [r for r in roles if r == flt.rol] if flt.rol else roles


def _lane_branches(user, flt: TaskFilter) -> list:
    """The visible set split into disjoint parts: each of my lanes, and tasks of other lanes given to me."""
    roles = _roles(user, flt)
    branches = [HumanTask.lane == role for role in roles]
    if not flt.rol:
        branches.append(HumanTask.assignee_id == user.id if not roles
                        else (HumanTask.assignee_id == user.id) & HumanTask.lane.not_in(roles))
    return branches


def _visible(user, flt: TaskFilter, now: datetime, query):
    roles = _roles(user, flt)
    lanes = HumanTask.lane.in_(roles) if roles else false()
    return _filtered(user, flt, now, query, lanes if flt.rol else or_(lanes, HumanTask.assignee_id == user.id))


def _filtered(user, flt: TaskFilter, now: datetime, query, lanes):
    query = query.where(HumanTask.status == flt.status, lanes)
    if flt.taak:
        query = query.where(HumanTask.spec_name == flt.taak)
    if flt.domein:
        query = query.where(HumanTask.domein == flt.domein)
    if flt.behandeling:
        query = query.where(HumanTask.assignee_id.is_(None) if flt.behandeling == "vrij"
                            else HumanTask.assignee_id.is_not(None))
    if flt.termijn:
        query = query.where(_termijn_condition(flt.termijn, now))
    if flt.mine:
        query = query.where(HumanTask.assignee_id == user.id)
    elif flt.unassigned:
        query = query.where(HumanTask.assignee_id.is_(None))
    elif flt.assignee_id is not None:
        query = query.where(HumanTask.assignee_id == flt.assignee_id)
    if _needs_person(flt):
        query = query.join(Zaak, Zaak.id == HumanTask.zaak_id).join(Person, Person.id == Zaak.person_id)
        if flt.wijk:
            query = query.where(Person.wijk == flt.wijk)
        if flt.zoek:
            query = query.where(_search(flt.zoek))
    return query


def _needs_person(flt: TaskFilter) -> bool:
    return bool(flt.wijk or flt.zoek)


def _search(text: str):
    """A BSN (9 digits) exactly, a zaaknummer (from its start), or a part of the name."""
    text = " ".join(text.split())
    if text.isdigit() and len(text) == 9:
        return Person.bsn == text
    if text.upper().startswith("Z-"):
        return Zaak.zaaknummer.startswith(text.upper())
    pattern = f"%{text.lower()}%"
    full_name = func.lower(Person.voornamen + " " + func.coalesce(Person.voorvoegsel + " ", "") + Person.achternaam)
    return or_(full_name.like(pattern), func.lower(Person.achternaam).like(pattern))


def _cleared(facet: str) -> dict:
    """The filter fields that pick a value of `facet`, emptied (a count shows every value of it)."""
    by_facet = {"rol": {"rol": None}, "taak": {"taak": None}, "domein": {"domein": None},
                "behandeling": {"behandeling": None}, "termijn": {"termijn": None},
                "behandelaar": {"assignee_id": None, "unassigned": False, "mine": False}, "wijk": {"wijk": None}}
    return by_facet[facet]


def _facet_key(facet: str, now: datetime):
    if facet == "termijn":
        return termijn_case(now)
    if facet == "behandeling":
        return case((HumanTask.assignee_id.is_(None), "vrij"), else_="opgepakt")
    if facet == "behandelaar":
        return cast(func.coalesce(HumanTask.assignee_id, 0), String)
    if facet == "wijk":
        return func.coalesce(Person.wijk, "")
    return {"rol": HumanTask.lane, "taak": HumanTask.spec_name, "domein": HumanTask.domein}[facet]


def termijn_bounds(now: datetime) -> tuple[datetime, datetime]:
    """End of yesterday and end of the 7th day from today, Dutch time (as the badges count)."""
    today = now.astimezone(TZ).date()
    return end_of_day(today - timedelta(days=1)), end_of_day(today + timedelta(days=7))


def termijn_case(now: datetime):
    """SQL: the termijn value (te-laat, deze-week, later, geen) of a task's due_at, as the badges count."""
    start_today, week_end = termijn_bounds(now)
    return case((HumanTask.due_at.is_(None), "geen"), (HumanTask.due_at <= start_today, "te-laat"),
                (HumanTask.due_at <= week_end, "deze-week"), else_="later")


def _termijn_condition(termijn: str, now: datetime):
    start_today, week_end = termijn_bounds(now)
    return {"geen": HumanTask.due_at.is_(None), "te-laat": HumanTask.due_at <= start_today,
            "deze-week": (HumanTask.due_at > start_today) & (HumanTask.due_at <= week_end),
            "later": HumanTask.due_at > week_end}.get(termijn, null())

