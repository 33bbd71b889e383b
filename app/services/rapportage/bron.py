"""The rows the figures are computed from, read once per rapportage and limited to the scope's gemeenten and
wijken: zaken, aanvragen, voorzieningen (toegekende beschikkingen), toewijzingen and declaratieregels.
Only what a figure needs is read; names and BSNs never leave this module (a BSN only as a distinct key).
Each source is read once per scope (`Scope.memo`): the tables of one dashboard share the rows."""
import functools
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal_column, or_, select

from ... import db
from ...models import (Beschikking, Bericht, Declaratie, HumanTask, Person, Prestatie, Product, Termijn, Toewijzing, User,
                       Zaak)
from ..contract_tarieven import tarief_cent_on
from .scope import Scope

TZ = ZoneInfo("Europe/Amsterdam")
#: A toewijzing in these states still commits money (app/services/rapportage/uitgaven.py).
ACTIVE = ("verzonden", "geaccepteerd", "gestart")
#: The user tasks of the process models that a passed legal term gives the team (LIKE pattern on spec_name),
#: as the partial index ix_human_task_escalatie has it: a literal, not a parameter, so that PostgreSQL uses
#: that index in every plan (app/models/process.py).
ESCALATIE = "termijn_%_overschreden"


def once(fn):
    """Read the source once per scope and arguments; the callers only read the rows they get."""
    @functools.wraps(fn)
    def read(scope: Scope, *args):
        key = (fn.__name__, *args)
        if key not in scope.memo:
            scope.memo[key] = fn(scope, *args)
        return scope.memo[key]
    return read


def _read(query):
    """The rows of a Core `query` in the session's transaction (flushed first, as the ORM would), without the
    ORM's handling of each row: the reads here are tens of thousands of plain tuples."""
    db.session.flush()
    return db.session.connection().execute(query).all()


def local_date(moment: datetime | None) -> date | None:
    return moment.astimezone(TZ).date() if moment is not None else None


def _moment(day: date, margin_days: int = 0) -> datetime:
    """Midnight (Dutch time) of `day` moved by `margin_days`: a bound on a timestamp, the rows checked again after."""
    return datetime.combine(day + timedelta(days=margin_days), time(0), tzinfo=TZ)


def _zaken_in(scope: Scope, query):
    """`query` (of zaken) limited to the scope's gemeenten and, with a wijk or team filter, its wijken (every zaak
    has its person, so the person is joined only to read the wijk)."""
    query = query.where(Zaak.gemeente_id.in_(scope.gemeente_ids))
    if scope.wijken is None:
        return query
    return query.join(Person, Person.id == Zaak.person_id).where(Person.wijk.in_(sorted(scope.wijken)))


class Voorziening(NamedTuple):
    domein: str
    person_id: int
    start: date
    #: The last day (einddatum of the beschikking, or the stop of the care when all of it stopped); None: open.
    end: date | None


@once
def voorzieningen(scope: Scope) -> list[Voorziening]:
    """The toegekende beschikkingen in scope that reach into its periods (and the day after), each ending at
    its einddatum or when all its care stopped (307)."""
    window = (Beschikking.besluit == "toekennen", Beschikking.vastgesteld_op < _moment(scope.end, 2),
              or_(Beschikking.einddatum.is_(None), Beschikking.einddatum >= scope.start - timedelta(days=1)))
    gestopt = Toewijzing.status == "gestopt"
    care = {i: (n, stopped, last) for i, n, stopped, last in _read(_zaken_in(scope, select(
        # per beschikking: its toewijzingen, those stopped on a day, and the last of those days
        Toewijzing.beschikking_id, func.count(),
        func.count(case((and_(gestopt, Toewijzing.stop_zorg.is_not(None)), 1))),
        func.max(case((gestopt, Toewijzing.stop_zorg), else_=None))).select_from(Zaak).join(
        Toewijzing, Toewijzing.zaak_id == Zaak.id).join(Beschikking, Beschikking.id == Toewijzing.beschikking_id)
        .where(*window)).group_by(Toewijzing.beschikking_id))}
    out = []
    for beschikking_id, domein, person_id, ingang, einde, vastgesteld in _read(_zaken_in(scope, select(
            Beschikking.id, Zaak.domein, Zaak.person_id, Beschikking.ingangsdatum, Beschikking.einddatum,
            Beschikking.vastgesteld_op).join(Beschikking, Beschikking.zaak_id == Zaak.id).where(*window))):
        start = ingang or local_date(vastgesteld)
        n, stopped, last = care.get(beschikking_id, (0, 0, None))
        if n and stopped == n:  # all its care stopped
            einde = min(einde, last) if einde else last
        out.append(Voorziening(domein, person_id, start, einde))
    return out


@once
def beschikkingen(scope: Scope) -> list:
    """(domein, person_id, melding received, beschikking date) of each zaak whose first beschikking falls in
    (about) the scope's periods."""
    first = select(Beschikking.zaak_id, func.min(Beschikking.vastgesteld_op).label("op")).group_by(
        Beschikking.zaak_id).having(func.min(Beschikking.vastgesteld_op).between(
            _moment(scope.start, -1), _moment(scope.end, 2))).subquery()
    return [(domein, person_id, ontvangen, local_date(op)) for domein, person_id, ontvangen, op in _read(
        _zaken_in(scope, select(Zaak.domein, Zaak.person_id, Zaak.ontvangen_op, first.c.op).join(
            first, first.c.zaak_id == Zaak.id)))]


class ToewijzingRow(NamedTuple):
    person_id: int
    domein: str
    categorie: str
    aanbieder_id: int
    status: str
    toegewezen: date
    #: When the 301 that sent it left, and when the aanbieder's 302 on it came in (None: not yet).
    verzonden: date | None
    beantwoord: date | None
    ingangsdatum: date
    einddatum: date | None
    volume: int | None
    frequentie: str | None
    budget: int | None
    #: The contract tarief in force today (None: no contract tarief for it today).
    tarief_cent: int | None


@once
def toewijzingen(scope: Scope) -> list[ToewijzingRow]:
    """The toewijzingen in scope (productcategorie and aanbieder filters applied) made in (about) its periods or
    still active, with their 301 and 302."""
    heen, retour = Bericht.__table__.alias("heen"), Bericht.__table__.alias("retour")
    query = _zaken_in(scope, select(
        Zaak.person_id, Zaak.domein, Product.productcategorie, Toewijzing.aanbieder_id, Toewijzing.status,
        Toewijzing.toegewezen_op, heen.c.ontvangen_op, retour.c.ontvangen_op, Toewijzing.ingangsdatum,
        Toewijzing.einddatum, Toewijzing.volume, Toewijzing.frequentie, Toewijzing.budget, Toewijzing.gemeente_id,
        Toewijzing.product_id)
        .join(Toewijzing, Toewijzing.zaak_id == Zaak.id).join(Product, Product.id == Toewijzing.product_id)
        .outerjoin(heen, heen.c.id == Toewijzing.bericht_id).outerjoin(retour, retour.c.id == heen.c.retour_id)
        .where(or_(Toewijzing.toegewezen_op.between(_moment(scope.start, -7), _moment(scope.end, 2)),
                   Toewijzing.status.in_(ACTIVE))))
    query = _product_filters(scope, query, Product.productcategorie, Toewijzing.aanbieder_id)
    tarief = _tarieven_today(scope)
    return [ToewijzingRow(p, d, c, a, s, local_date(t), local_date(sent), local_date(answered), ingang, einde,
                          volume, freq, budget, tarief(g, a, product))
            for p, d, c, a, s, t, sent, answered, ingang, einde, volume, freq, budget, g, product
            in _read(query)]


def _tarieven_today(scope: Scope):
    """(gemeente, aanbieder, product) → the contract tarief in cents in force today, each looked up once per scope
    (the toewijzingen and the forecast's spans ask for the same ones)."""
    today, known = date.today(), scope.memo.setdefault("tarieven_vandaag", {})

    def tarief(gemeente_id: int, aanbieder_id: int, product_id: int) -> int | None:
        key = (gemeente_id, aanbieder_id, product_id)
        if key not in known:
            known[key] = tarief_cent_on(db.session, *key, today)
        return known[key]
    return tarief


@once
def prestatie_sums(scope: Scope, start: date, end: date, by: tuple[str, ...], statuses: tuple[str, ...]) -> dict:
    """Σ signed cents, number of lines and distinct persons (BSN) of the declaratieregels in `statuses` for care
    in [start, end] in scope, grouped in the database by `by` (of 'periode', 'categorie', 'aanbieder', 'status',
'begin' — the first day of the prestatie):
    {group values: (cents, lines, persons)}. 'periode' is the index of the scope's period.
    Read from the summaries when they hold it (samenvatting_lezen.py)."""
    from .samenvatting_lezen import prestatie_sums as summarised
    found = summarised(scope, start, end, by, statuses)
    if found is not None:
        return found
    signed = case((Prestatie.debet_credit == "C", -Prestatie.bedrag_cent), else_=Prestatie.bedrag_cent)
    groups = {"periode": case(*[(Prestatie.periode_begin.between(p.start, p.end), i)
                                for i, p in enumerate(scope.periods)], else_=None),
              "categorie": Prestatie.productcategorie, "aanbieder": Declaratie.aanbieder_id,
              "status": Prestatie.status, "begin": Prestatie.periode_begin}
    columns = [groups[name].label(name) for name in by]
    query = select(*columns, func.sum(signed), func.count(), func.count(Prestatie.bsn.distinct())).join(
        Declaratie, Declaratie.id == Prestatie.declaratie_id).where(
        Declaratie.gemeente_id.in_(scope.gemeente_ids), Prestatie.periode_begin.between(start, end),
        Prestatie.status.in_(statuses))
    if scope.wijken is not None:
        query = query.join(Person, Person.bsn == Prestatie.bsn).where(Person.wijk.in_(sorted(scope.wijken)))
    query = _product_filters(scope, query, Prestatie.productcategorie, Declaratie.aanbieder_id)
    if columns:
        query = query.group_by(*columns)
    return {tuple(row[:len(by)]): (int(row[-3] or 0), row[-2], row[-1]) for row in db.session.execute(query)}


class ToewijzingSpan(NamedTuple):
    """A toewijzing as the forecast reads it: when it was made and the days its care ran (or runs)."""
    categorie: str
    person_id: int
    toegewezen: date
    ingangsdatum: date
    #: The last day: the stop of the care when it stopped, else its einddatum (None: open-ended).
    einde: date | None
    volume: int | None
    frequentie: str | None
    budget: int | None
    tarief_cent: int | None


@once
def toewijzing_spans(scope: Scope, start: date) -> list[ToewijzingSpan]:
    """The toewijzingen in scope (filters applied) sent to the aanbieder and not refused, whose care reaches
    into [start, the scope's end]: the active ones, and those that stopped or ended."""
    query = _zaken_in(scope, select(
        Product.productcategorie, Zaak.person_id, Toewijzing.toegewezen_op, Toewijzing.ingangsdatum,
        Toewijzing.einddatum, Toewijzing.status, Toewijzing.stop_zorg, Toewijzing.volume, Toewijzing.frequentie,
        Toewijzing.budget, Toewijzing.gemeente_id, Toewijzing.aanbieder_id, Toewijzing.product_id)
        .join(Toewijzing, Toewijzing.zaak_id == Zaak.id).join(Product, Product.id == Toewijzing.product_id)
        .where(Toewijzing.status.in_(ACTIVE + ("gestopt",)), Toewijzing.ingangsdatum <= scope.end,
               or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= start)))
    query = _product_filters(scope, query, Product.productcategorie, Toewijzing.aanbieder_id)
    tarief = _tarieven_today(scope)
    out = []
    for cat, person, made, ingang, einde, status, stop, volume, freq, budget, g, a, product in _read(query):
        if status == "gestopt" and stop is not None:
            einde = min(einde, stop) if einde else stop
        out.append(ToewijzingSpan(cat, person, local_date(made), ingang, einde, volume, freq, budget,
                                  tarief(g, a, product)))
    return out


def staff_names(user_ids) -> dict[int, str]:
    """The display names of the staff members with these ids (the werkvoorraad per consulent)."""
    ids = sorted({i for i in user_ids if i is not None})
    return {i: name for i, name in db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids)))} if ids else {}


@dataclass(frozen=True)
class StepWaits:
    domein: str | None
    spec_name: str
    tasks: int
    persons: int
    median_days: float
    p90_days: float


def step_waits(scope: Scope) -> list[StepWaits]:
    """Per (domein, step) of the tasks completed in the scope's periods (by the Dutch date of completion): how
    many, for how many persons, and the median and nearest-rank 90th percentile of the days they stood open.
    From the summaries when they hold it; else PostgreSQL aggregates, SQLite (the small default) here."""
    from .samenvatting_lezen import step_waits as summarised
    found = summarised(scope)
    if found is not None:
        return found
    days = _seconds_between(HumanTask.created_at, HumanTask.completed_at) / 86400.0
    done = (HumanTask.status == "completed", HumanTask.gemeente_id.in_(scope.gemeente_ids),
            HumanTask.completed_at >= _moment(scope.start), HumanTask.completed_at < _moment(scope.end, 1),
            *((HumanTask.wijk.in_(sorted(scope.wijken)),) if scope.wijken is not None else ()))
    if db.session.get_bind().dialect.name == "postgresql":
        query = select(HumanTask.domein, HumanTask.spec_name, func.count(), func.count(Zaak.person_id.distinct()),
                       func.percentile_cont(0.5).within_group(days), func.percentile_disc(0.9).within_group(days)
                       ).join(Zaak, Zaak.id == HumanTask.zaak_id).where(*done).group_by(HumanTask.domein,
                                                                                           HumanTask.spec_name)
        return [StepWaits(d, spec, n, p, float(mid), float(p90)) for d, spec, n, p, mid, p90 in _read(query)]
    groups = {}
    for d, spec, person_id, wait in db.session.execute(select(HumanTask.domein, HumanTask.spec_name, Zaak.person_id, days)
                                                       .join(Zaak, Zaak.id == HumanTask.zaak_id).where(*done)):
        groups.setdefault((d, spec), []).append((person_id, float(wait)))
    return [StepWaits(d, spec, len(items), len({p for p, _ in items}), median(w for _, w in items),
                      nearest_rank([w for _, w in items], 0.9)) for (d, spec), items in groups.items()]


def nearest_rank(values: list, p: float):
    """Nearest-rank percentile: the ⌈p·n⌉-th smallest value (PostgreSQL's percentile_disc).

    >>> nearest_rank([3, 1, 10, 7, 5, 9, 2, 8, 4, 6], 0.9)
    9
    """
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def task_titles(scope: Scope) -> dict[tuple[str | None, str], str]:
    """The title of each (domein, spec_name) of the scope's gemeenten: the step's name as the process gives it."""
    return {(d, spec): title for d, spec, title in db.session.execute(
        select(HumanTask.domein, HumanTask.spec_name, func.min(HumanTask.title)).where(
            HumanTask.gemeente_id.in_(scope.gemeente_ids)).group_by(HumanTask.domein, HumanTask.spec_name))}


def _seconds_between(start, end):
    """SQL: the seconds from `start` to `end` (two timestamps), on PostgreSQL and SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


@once
def termijnen(scope: Scope) -> list:
    """(domein, soort, due, met_at as a local date, zaak status, person_id) of the legal deadlines in scope that
    end in its periods, and those overdue today."""
    return [(d, soort, due, local_date(met), status, p) for d, soort, due, met, status, p in _read(
        _zaken_in(scope, select(Zaak.domein, Termijn.soort, Termijn.due, Termijn.met_at, Zaak.status,
                                Zaak.person_id).join(Termijn, Termijn.zaak_id == Zaak.id).where(or_(
            Termijn.due.between(scope.start, scope.end), (Termijn.met_at.is_(None)) & (Termijn.due < scope.today)))))]


@once
def escalaties(scope: Scope) -> list:
    """(domein, created_at, status, person_id) of every escalation task in scope: the task a BPMN deadline timer
    gives the team when a legal term passed (the models' termijn_…_overschreden steps)."""
    query = select(HumanTask.domein, HumanTask.created_at, HumanTask.status, Zaak.person_id).join(
        Zaak, Zaak.id == HumanTask.zaak_id).where(HumanTask.gemeente_id.in_(scope.gemeente_ids),
                                                  HumanTask.spec_name.like(literal_column(f"'{ESCALATIE}'")))
    if scope.wijken is not None:
        query = query.where(HumanTask.wijk.in_(sorted(scope.wijken)))
    return list(_read(query))


def _product_filters(scope: Scope, query, categorie_col, aanbieder_col):
    if scope.filters.categorie:
        query = query.where(categorie_col == scope.filters.categorie)
    if scope.filters.aanbieder_id:
        query = query.where(aanbieder_col == scope.filters.aanbieder_id)
    return query
