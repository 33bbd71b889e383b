"""Queries for the task inbox: the open tasks a user may see, filtered, searched, counted and paged.

Everything is read from `human_task` alone (domein and wijk are copied onto it); a search first finds
the few matching zaken. The page is one UNION ALL of index-ordered scans, one per lane, so it stays a
short index walk at 100,000 open tasks. The total and the counts per filter value of the open tasks come from
the counts the database keeps (`werkvoorraad_telling`, per lane × domein × taak × behandelaar × wijk × due day),
added up in Python per facet; of a search, or of closed tasks, from ONE grouped index-only scan of the tasks.
The list is ordered by deadline, date received or the inwoner's name (SORTS), each walked on its own index
per lane; a search also returns every zaak it found, open or closed (zaak_zoeken).
"""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, any_, bindparam, false, func, null, or_, select, text, union_all
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import defer, joinedload

from .. import db
from ..domain.input import is_digits
from ..domain.policy import STAFF_CASE_ROLES
from ..models import HumanTask, Person, User, WerkvoorraadTelling, Zaak
from ..models.base import utcnow
from ..models.person import search_name
from ..models.werkvoorraad_telling import NO_ASSIGNEE, NO_DAY
from .doorbraken import own_work_condition
from .errors import InvalidInput
from .gemeenten import reach
from .nieuwe_berichten import unread_counts, unread_zaken
from .zaak_zoeken import zaken_found

#: The filters that get counts per value, in the order the page shows them.
FACETS = ("rol", "taak", "domein", "behandeling", "termijn", "behandelaar", "wijk")
BEHANDELING = ("vrij", "opgepakt")
TZ = ZoneInfo("Europe/Amsterdam")
TERMIJNEN = ("te-laat", "deze-week", "later", "geen")
#: The wijk filter's value for "the wijken I work in" (set per staff member on /beheer).
MY_WIJKEN = "mijn"
#: The orders of the werkvoorraad, each walked on its own index per lane (ix_human_task_status_lane_*).
SORTS = {"termijn": HumanTask.due_at, "ontvangen": HumanTask.ontvangen_op, "naam": HumanTask.naam_sortering}


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
    #: Only tasks picked up by someone of my team (User.team, set per staff member on /beheer), me included.
    team_ids: list | None = None
    wijk: str | None = None
    #: A name, an exact BSN or a zaaknummer.
    zoek: str | None = None
    #: The order of the list: 'termijn' (deadline first), 'ontvangen' (oldest melding first) or 'naam'.
    sorteer: str = "termijn"
    #: Only the tasks of zaken with a message from the inwoner's side that nobody at the gemeente has read.
    nieuw_bericht: bool = False
    limit: int = 50
    offset: int = 0
    #: The zaken the search (and the unread filter) found, looked up once per page (set by the service, not by callers).
    zaak_ids: list | None = None
    #: The zaken the search alone found, open or closed (set by the service).
    gevonden: list | None = None


@dataclass
class InboxPage:
    tasks: list
    total: int
    #: facet name → {value: number of tasks}, each counted with the other filters applied.
    counts: dict
    #: zaak id → number of unread messages from the inwoner's side, for the page's tasks.
    unread: dict = field(default_factory=dict)
    #: With a search: the zaken it found, also those without an open task (zaak_zoeken.GevondenZaak).
    zaken: list = field(default_factory=list)


def tasks_for(user, flt: TaskFilter) -> tuple[list[HumanTask], int]:
    """Tasks in the lanes of `user`'s roles (or assigned to them), deadline first; plus the total."""
    flt = _with_search_resolved(user, flt)
    return _page(user, flt), _total(user, flt)


def inbox_page(user, flt: TaskFilter, now: datetime | None = None) -> InboxPage:
    """The page of tasks, the total and the counts per filter value."""
    now, flt = now or utcnow(), _with_search_resolved(user, flt)
    counts = facet_counts(user, flt, now)
    total = sum(counts["domein"].get(d, 0) for d in counts["domein"] if flt.domein in (None, d))
    tasks = _page(user, flt, now)
    return InboxPage(tasks=tasks, total=total, counts=counts, unread=unread_counts(t.zaak_id for t in tasks),
                     zaken=zaken_found(flt.gevonden) if flt.gevonden else [])


def facet_counts(user, flt: TaskFilter, now: datetime | None = None) -> dict[str, dict]:
    """Per facet, the number of tasks per value if that value were chosen (the other filters applied)."""
    flt = _with_search_resolved(user, flt)
    counts = {facet: {} for facet in FACETS}
    for group in _groups(user, flt, now or utcnow()):
        failed = [facet for facet, ok in _checks(group, flt, user).items() if not ok]
        if len(failed) > 1:
            continue  # fails two filters: counted for no facet
        for facet in failed or FACETS:
            value = group[facet]
            counts[facet][value] = counts[facet].get(value, 0) + group["n"]
            if facet == "wijk" and group["mijn_wijk"]:
                counts[facet][MY_WIJKEN] = counts[facet].get(MY_WIJKEN, 0) + group["n"]
    return counts


def _groups(user, flt: TaskFilter, now: datetime) -> list[dict]:
    """Visible tasks counted per combination of facet values (status, lanes and search applied).

    One walk per visibility branch (my lanes; given to me elsewhere), with the termijn as four FILTER counts
    rather than a grouping key: of the open tasks over the counts the database keeps, else over the tasks."""
    if flt.status == "open" and flt.zaak_ids is None:
        rows = _kept_counts(user, now)
    else:
        rows = _task_counts(user, flt, now)
    groups, mine = [], my_wijk_pairs(user)  # a wijk is mine in its own gemeente (another may name one alike)
    for lane, domein, taak, assignee, wijk, gemeente_id, *per_termijn in rows:
        for termijn, n in zip(TERMIJNEN, per_termijn):
            if n:
                groups.append({"rol": lane, "domein": domein, "taak": taak, "assignee_id": assignee,
                               "behandeling": "vrij" if assignee is None else "opgepakt",
                               "behandelaar": str(assignee or 0), "wijk": wijk or "",
                               "mijn_wijk": (gemeente_id, wijk) in mine, "termijn": termijn, "n": n})
    return groups


def _kept_counts(user, now: datetime) -> list[tuple]:
    """(lane, domein, taak, assignee, wijk, gemeente, n per termijn) of the visible open tasks, from the kept counts
    (a few thousand rows for a lane of 60,000 open tasks)."""
    kept = WerkvoorraadTelling
    today, week_end = (day.isoformat() for day in termijn_days(now))
    per_termijn = {"te-laat": (kept.dag != NO_DAY) & (kept.dag < today),
                   "deze-week": (kept.dag >= today) & (kept.dag <= week_end), "later": kept.dag > week_end,
                   "geen": kept.dag == NO_DAY}
    columns = (kept.lane, kept.domein, kept.spec_name, kept.assignee_id, kept.wijk, kept.gemeente_id)
    counts = [func.coalesce(func.sum(kept.n).filter(per_termijn[termijn]), 0) for termijn in TERMIJNEN]
    branches = [select(*columns, *counts).where(visible).group_by(*columns)
                for visible in _lane_branches(user, TaskFilter(), kept)]
    return [(lane, domein or None, taak, None if assignee == NO_ASSIGNEE else assignee, wijk, gemeente_id, *n)
            for lane, domein, taak, assignee, wijk, gemeente_id, *n in db.session.execute(union_all(*branches))]


def _task_counts(user, flt: TaskFilter, now: datetime):
    """The same from the tasks themselves: one grouped index-only walk per branch (a search; closed tasks)."""
    columns = (HumanTask.lane, HumanTask.domein, HumanTask.spec_name, HumanTask.assignee_id, HumanTask.wijk,
               HumanTask.gemeente_id)
    counts = [func.count().filter(_termijn_condition(termijn, now)) for termijn in TERMIJNEN]
    branches = []
    for visible in _lane_branches(user, TaskFilter()):
        query = select(*columns, *counts).where(HumanTask.status == flt.status, visible)
        if flt.zaak_ids is not None:
            query = query.where(_found(flt))
        branches.append(query.group_by(*columns))
    _serial_plan()
    return db.session.execute(union_all(*branches))


def _serial_plan() -> None:
    """PostgreSQL: no parallel workers for the rest of this transaction. The counts walk one index per lane in
    a few milliseconds; starting workers for that took longer than the walk on a busy machine (a Gather of
    1.5 + 2.8 ms of work took 31 ms at load 3 on 2 cores, bench/inbox.py --explain)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def _matches(group: dict, flt: TaskFilter, user) -> bool:
    """Whether a group passes every facet filter of `flt`."""
    return all(_checks(group, flt, user).values())


def _checks(group: dict, flt: TaskFilter, user) -> dict[str, bool]:
    """Per facet, whether the group passes that facet's filter."""
    if flt.mine:
        who = group["assignee_id"] == user.id
    elif flt.team_ids is not None:
        who = group["assignee_id"] in flt.team_ids
    elif flt.unassigned:
        who = group["assignee_id"] is None
    else:
        who = flt.assignee_id is None or group["assignee_id"] == flt.assignee_id
    return {"rol": flt.rol in (None, group["rol"]), "taak": flt.taak in (None, group["taak"]),
            "domein": flt.domein in (None, group["domein"]),
            "behandeling": flt.behandeling in (None, group["behandeling"]),
            "termijn": flt.termijn in (None, group["termijn"]), "behandelaar": who,
            "wijk": flt.wijk in (None, group["wijk"]) or (flt.wijk == MY_WIJKEN and group["mijn_wijk"])}


def _page(user, flt: TaskFilter, now: datetime | None = None) -> list[HumanTask]:
    """One index-ordered scan per lane (each at most offset+limit rows), merged and cut to the page;
    then the page's tasks with their zaak, person and assignee in one joined query."""
    now = now or utcnow()
    window = flt.offset + flt.limit
    key = SORTS.get(flt.sorteer, HumanTask.due_at)
    # Only the deadline can be empty; ordering the others plainly lets SQLite walk their index too.
    order = (key.asc().nulls_last() if key is HumanTask.due_at else key.asc(), HumanTask.id)
    branches = []
    for lane_filter in _lane_branches(user, flt):
        query = _filtered(user, flt, now, select(HumanTask.id, key.label("sort_key")), lane_filter)
        branches.append(select(query.order_by(*order).limit(window).subquery()))
    if not branches:
        return []
    merged = union_all(*branches).subquery()
    merged_key = merged.c.sort_key.asc().nulls_last() if key is HumanTask.due_at else merged.c.sort_key.asc()
    ids = list(db.session.scalars(select(merged.c.id).order_by(merged_key, merged.c.id)
                                  .limit(flt.limit).offset(flt.offset)))
    if not ids:
        return []
    rows = db.session.scalars(select(HumanTask).where(HumanTask.id.in_(ids)).options(
        defer(HumanTask.data),  # the completed form: not shown in a list
        joinedload(HumanTask.zaak, innerjoin=True).joinedload(Zaak.person, innerjoin=True),
        joinedload(HumanTask.assignee)))
    by_id = {t.id: t for t in rows}
    return [by_id[i] for i in ids]


def _total(user, flt: TaskFilter, now: datetime | None = None) -> int:
    return sum(g["n"] for g in _groups(user, flt, now or utcnow()) if _matches(g, flt, user))


def my_team_ids(user) -> list[int]:
    """The active staff of `user`'s team, `user` included (no team: only `user`)."""
    if not getattr(user, "team", None):
        return [user.id]
    return sorted(set(db.session.scalars(select(User.id).where(User.team == user.team, User.active.is_(True))))
                  | {user.id})


def my_wijken(user) -> list[str]:
    """The names of the wijken `user` works in (none: the filter finds nothing)."""
    return user.wijk_names() if hasattr(user, "wijk_names") else []


def my_wijk_pairs(user) -> set[tuple[int, str]]:
    """(gemeente id, wijk) of each wijk `user` works in."""
    return {(w.gemeente_id, w.wijk) for w in getattr(user, "wijken", ())}


def _my_wijken_condition(user):
    """The tasks in `user`'s own wijken, each wijk in its own gemeente."""
    per_gemeente: dict[int, list[str]] = {}
    for gemeente_id, wijk in sorted(my_wijk_pairs(user)):
        per_gemeente.setdefault(gemeente_id, []).append(wijk)
    if not per_gemeente:
        return false()
    return or_(*[(HumanTask.gemeente_id == g) & HumanTask.wijk.in_(wijken) for g, wijken in per_gemeente.items()])


def _roles(user, flt: TaskFilter) -> list[str]:
    roles = [r for r in user.role_list() if r in STAFF_CASE_ROLES]
    return [r for r in roles if r == flt.rol] if flt.rol else roles


def _lane_branches(user, flt: TaskFilter, table=HumanTask) -> list:
    """The visible set split into disjoint parts: each of my lanes, and tasks of other lanes given to me —
    each only in the gemeenten I work for, and for staff bound to wijken only their own work (doorbraken.py).
    On the tasks, or on the kept counts (`table`: WerkvoorraadTelling, which has the same columns)."""
    roles = _roles(user, flt)
    branches = [table.lane == role for role in roles]
    if not flt.rol:
        branches.append(table.assignee_id == user.id if not roles
                        else (table.assignee_id == user.id) & table.lane.not_in(roles))
    mine = reach(user, table.gemeente_id)
    own = own_work_condition(user, table)
    if own is not None:
        mine = mine & own
    return [branch & mine for branch in branches]


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
    elif flt.team_ids is not None:
        query = query.where(HumanTask.assignee_id.in_(flt.team_ids or [-1]))
    elif flt.unassigned:
        query = query.where(HumanTask.assignee_id.is_(None))
    elif flt.assignee_id is not None:
        query = query.where(HumanTask.assignee_id == flt.assignee_id)
    if flt.wijk == MY_WIJKEN:
        query = query.where(_my_wijken_condition(user))
    elif flt.wijk:
        query = query.where(HumanTask.wijk == flt.wijk)
    if flt.zaak_ids is not None:
        query = query.where(_found(flt))
    return query


#: A search that finds more zaken than this is refused: it would show a large part of the municipality's
#: inwoners by name (data minimisation), and a consulent looks for one person. It is run once per page
#: and the page's queries use the ids it found.
SEARCH_MAX_ZAKEN = 1000


class SearchTooBroad(InvalidInput):
    """A search that would list too many zaken; the message (Dutch) names the term."""

    def __init__(self, text: str):
        most = f"{SEARCH_MAX_ZAKEN:,}".replace(",", ".")
        message = (f"De zoekterm '{text}' past bij meer dan {most} zaken. Zoek specifieker: "
                   "voornaam en achternaam, een BSN of een heel zaaknummer.")
        super().__init__(message, {"zoek": message})


def _with_search_resolved(user, flt: TaskFilter) -> TaskFilter:
    """Run the search (a name search reads the people) and find the zaken with an unread message once,
    instead of inside every query of the page."""
    if not (flt.zoek or flt.nieuw_bericht) or flt.zaak_ids is not None:
        return flt
    ids = None
    if flt.zoek:
        query = _matching_zaken(flt.zoek).where(reach(user, Zaak.gemeente_id))
        ids = list(db.session.scalars(query.limit(SEARCH_MAX_ZAKEN + 1)))
        if len(ids) > SEARCH_MAX_ZAKEN:
            raise SearchTooBroad(flt.zoek)
    found = ids
    if flt.nieuw_bericht:
        unread = set(db.session.scalars(unread_zaken(user)))
        ids = sorted(unread if ids is None else unread.intersection(ids))
    return replace(flt, zaak_ids=ids, gevonden=found)


def _found(flt: TaskFilter):
    """The search (and the unread filter) as a condition; `flt` has been through _with_search_resolved. On
    PostgreSQL the ids go as one array parameter: a list of a thousand zaken, rendered into each branch of each
    query of the page as an IN list, took longer to build than the queries took to run."""
    if not flt.zaak_ids:
        return false()
    if db.session.get_bind().dialect.name == "postgresql":
        return HumanTask.zaak_id == any_(bindparam("zaak_ids", flt.zaak_ids, type_=ARRAY(Integer), unique=True))
    return HumanTask.zaak_id.in_(flt.zaak_ids)


def _matching_zaken(text: str):
    """Ids of the zaken found by a BSN (9 digits, exact), a zaaknummer (whole or its start) or part of a name
    (in any gemeente: the caller limits it to the user's)."""
    text = " ".join(text.split())
    if is_digits(text) and len(text) == 9:
        return select(Zaak.id).join(Person, Person.id == Zaak.person_id).where(Person.bsn == text)
    if text.upper().startswith("Z-"):
        nummer = text.upper()
        return select(Zaak.id).where(or_(Zaak.zaaknummer == nummer, Zaak.zaaknummer.startswith(nummer)))
    people = select(Person.id).where(search_name().like(f"%{text.lower()}%"))
    return select(Zaak.id).where(Zaak.person_id.in_(people))


def termijn_days(now: datetime) -> tuple[date, date]:
    """Today and the 7th day from today, Dutch time: before today is te laat, up to the 7th day deze week
    (as the badges count)."""
    today = now.astimezone(TZ).date()
    return today, today + timedelta(days=7)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TZ)


def _termijn_condition(termijn: str, now: datetime):
    today, week_end = termijn_days(now)
    start_today, after_week = _start_of(today), _start_of(week_end + timedelta(days=1))
    return {"geen": HumanTask.due_at.is_(None), "te-laat": HumanTask.due_at < start_today,
            "deze-week": (HumanTask.due_at >= start_today) & (HumanTask.due_at < after_week),
            "later": HumanTask.due_at >= after_week}.get(termijn, null())
