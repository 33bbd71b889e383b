"""Counts the database makes for the rapportage: rows and distinct persons per period of the scope (or per age
band) and per group, so that Python does not loop over 100,000 rows. The same SQL runs on PostgreSQL and SQLite:
a period of a timestamp is bounded by the Dutch midnights turned into instants (`bron._moment`), so that neither
needs a time zone database. A key of None in the period place is every period together (the total row)."""
from datetime import date

from sqlalchemy import and_, case, func, select, tuple_

from ... import db
from ...models import HumanTask, Zaak
from .bron import _moment, _zaken_in, once
from .scope import Scope

EVERY = None  # the period key of the counts over all periods together


def period_of_day(scope: Scope, column):
    """SQL: the index of the scope's period that the date in `column` falls in (NULL: none)."""
    return case(*[(column.between(p.start, p.end), i) for i, p in enumerate(scope.periods)], else_=None)


def period_of_moment(scope: Scope, column):
    """SQL: the index of the period that the Dutch date of the timestamp in `column` falls in (NULL: none)."""
    return case(*[(and_(column >= _moment(p.start), column < _moment(p.end, 1)), i)
                  for i, p in enumerate(scope.periods)], else_=None)


def days_between_band(column, today: date, bands) -> case:
    """SQL: the index of the band of (label, lowest, highest or None) days between the Dutch date of `column`
    and `today` (NULL: younger than the first band, i.e. after today)."""
    whens = []
    for i, (_label, low, high) in enumerate(bands):
        older = column < _moment(today, 1 - low)  # at least `low` days old
        whens.append((and_(older, column >= _moment(today, -high)) if high is not None else older, i))
    return case(*whens, else_=None)


def grouped(query, person, sets: tuple[tuple, ...]) -> dict:
    """{(index of the set, *its column values): (rows, distinct persons)} of `query` (a select without columns,
    with its joins and conditions) grouped by each set of columns in `sets`: PostgreSQL in one pass with
    GROUPING SETS, SQLite in one query per set."""
    numbers = (func.count(), func.count(person.distinct()))
    out = {}
    if db.session.get_bind().dialect.name == "postgresql":
        columns = list(dict.fromkeys(c for columns in sets for c in columns))
        which = {tuple(all(c is not x for x in columns_of) for c in columns): i for i, columns_of in enumerate(sets)}
        flags = [func.grouping(c) for c in columns]
        for row in db.session.execute(query.add_columns(*flags, *columns, *numbers).group_by(
                func.grouping_sets(*(tuple_(*columns_of) for columns_of in sets)))):
            i = which[tuple(bool(f) for f in row[:len(columns)])]
            values = dict(zip(columns, row[len(columns):-2]))
            out[(i, *(values[c] for c in sets[i]))] = (row[-2], row[-1])
        return out
    for i, columns_of in enumerate(sets):
        query_of = query.add_columns(*columns_of, *numbers)
        for row in db.session.execute(query_of.group_by(*columns_of) if columns_of else query_of):
            if row[-2]:
                out[(i, *row[:-2])] = (row[-2], row[-1])
    return out


def counts(query, person, period, *groups) -> dict:
    """{(period index or EVERY, *group values): (rows, distinct persons)} of `query` (a select from Zaak with its
    joins and conditions, without columns), grouped in the database: per period, and over the rows in any period."""
    labelled = period.label("periode")
    found = grouped(query.where(period.is_not(None)), person, ((labelled, *groups), tuple(groups)))
    return {(key[1] if key[0] == 0 else EVERY, *key[2 if key[0] == 0 else 1:]): value
            for key, value in found.items() if value[0]}


def cell_counts(found: dict, key: tuple) -> tuple[int, int]:
    """(rows, persons) of one key of `counts`, (0, 0) when none."""
    return found.get(key, (0, 0))


@once
def meldingen(scope: Scope) -> dict:
    """{(period or EVERY, domein): (zaken, persons)} of the zaken received in the scope's periods."""
    return counts(_received(scope), Zaak.person_id, period_of_day(scope, Zaak.ontvangen_op), Zaak.domein)


@once
def verwijzers(scope: Scope) -> dict:
    """{(period or EVERY, verwijzer): (zaken, persons)} of the Jeugd zaken received in the scope's periods."""
    return counts(_received(scope).where(Zaak.domein == "jeugd"), Zaak.person_id,
                  period_of_day(scope, Zaak.ontvangen_op), Zaak.verwijzer)


def _received(scope: Scope):
    return _zaken_in(scope, select().select_from(Zaak)).where(Zaak.ontvangen_op.between(scope.start, scope.end))


@once
def aanvragen(scope: Scope) -> dict:
    """{(period or EVERY, domein): (aanvragen, persons)} of the registered aanvragen, each on the date of receipt
    the consulent entered (the first ten characters of it read as an ISO date), or when that is empty or no date,
    on the Dutch date it was registered. The entered dates are few: each is read once, here, as Python reads it."""
    raw = func.substr(HumanTask.data["aanvraag_ontvangen_op"].as_string(), 1, 10)
    query = _zaken_in(scope, select().select_from(Zaak)).join(HumanTask, HumanTask.zaak_id == Zaak.id).where(
        HumanTask.spec_name == "aanvraag_registreren", HumanTask.status == "completed",
        HumanTask.completed_at >= _moment(scope.start, -1))  # an aanvraag is registered on or after its receipt
    entered: dict[int | None, list[str]] = {}
    for (text,) in db.session.execute(query.add_columns(raw).where(raw.is_not(None)).distinct()):
        day = _iso_date(text)
        if day is not None:
            entered.setdefault(scope.period_of(day), []).append(text)
    whens = [(raw.in_(sorted(texts)), i) for i, texts in entered.items()]
    registered = period_of_moment(scope, HumanTask.completed_at)
    period = case(*whens, else_=registered) if whens else registered
    return counts(query, Zaak.person_id, period, Zaak.domein)


def _iso_date(text) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


@once
def open_tasks(scope: Scope, bands: tuple) -> dict:
    """{(by, lane / assignee / None, index of the age band or EVERY): (tasks, persons)} of the open tasks in scope
    today, by 'lane', by 'medewerker' (None: picked up by no one) or 'alle'; the age is the days since the Dutch
    date the task was made (a task made after today is in no band, only in the totals)."""
    band = days_between_band(HumanTask.created_at, scope.today, bands).label("band")
    query = select().select_from(HumanTask).join(Zaak, Zaak.id == HumanTask.zaak_id).where(
        HumanTask.status == "open", HumanTask.gemeente_id.in_(scope.gemeente_ids))
    if scope.wijken is not None:
        query = query.where(HumanTask.wijk.in_(sorted(scope.wijken)))
    lane, assignee = HumanTask.lane, HumanTask.assignee_id
    found = grouped(query, Zaak.person_id, ((lane, band), (lane,), (assignee, band), (assignee,), (band,), ()))
    out = {}
    for (i, *values), value in found.items():
        by, of = ("lane", "lane", "medewerker", "medewerker", "alle", "alle")[i], values[0] if i < 4 else None
        in_band = values[-1] if i % 2 == 0 else EVERY
        if i % 2 == 0 and in_band is None:
            continue  # made after today: in no band
        out[(by, of, in_band)] = value
    return out
