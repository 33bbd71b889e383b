"""The sources the rapportage summaries are made from (app/services/rapportage/samenvatting.py): for each, the
person rows (who appears in which month under which key) and the month rows (sums, or a distribution of values).
A person row names the person by BSN or person id; samenvatting.py stores it under a pseudonym (pseudoniem.py).

- 'declaratie': the declaratieregels that were judged (approved or refused), per BSN, productcategorie,
  aanbieder and status, on the month the care began; month sums of lines and signed cents.
- 'stap': the completed tasks, per person of the zaak, domein and step, on the Dutch month of completion; per
  month how many tasks stood open for each number of days (exact median and 90th percentile)."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from typing import Callable

from sqlalchemy import case, func, select

from ... import db
from ...models import Declaratie, HumanTask, Person, Prestatie, RapportageMaand, RapportageVerdeling, Zaak
from ...models.rapportage_samenvatting import ALL
from .bron import TZ, _seconds_between
from .vensters import month_end, month_index, month_start

JUDGED = ("goedgekeurd", "afgekeurd")
CHUNK = 500


@dataclass(frozen=True)
class Source:
    bron: str
    #: Which of s1, s2, s3 also count under '*' (all values together).
    stars: tuple[bool, bool, bool]
    #: Also a wijk '*' row: the persons of this source may appear in more than one wijk.
    all_wijken: bool
    #: (persons or None for all) → (gemeente_id, wijk, person, s1, s2, s3, month index) rows
    person_rows: Callable
    #: the persons behind the change marks of this source
    persons_of: Callable
    #: (gemeente_id, months) → dicts for `month_model`
    month_rows: Callable
    month_model: type


def chunks(values):
    values = sorted(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _in_chunks(query_of, persons):
    """Run `query_of(None)` once, or `query_of(chunk)` for each chunk of `persons`."""
    if persons is None:
        yield from db.session.execute(query_of(None))
        return
    for chunk in chunks(persons):
        yield from db.session.execute(query_of(chunk))


def _is_pg() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _local_month_sql(column):
    """PostgreSQL: the month index of the Dutch date of a UTC timestamp column."""
    local = func.timezone("Europe/Amsterdam", func.timezone("UTC", column))
    return func.extract("year", local) * 12 + func.extract("month", local) - 1


def _local_month(moment: datetime) -> int:
    return month_index(moment.astimezone(TZ).date())


def _moment(index: int) -> datetime:
    """Dutch midnight at the start of month `index`."""
    return datetime.combine(month_start(index), time(0), tzinfo=TZ)


# --- declaratieregels -------------------------------------------------------------------------------------------

def _declaratie_persons(persons):
    def query_of(chunk):
        query = select(Declaratie.gemeente_id, Person.wijk, Prestatie.bsn, Prestatie.productcategorie,
                       Declaratie.aanbieder_id, Prestatie.status, Prestatie.periode_begin).join(
            Declaratie, Declaratie.id == Prestatie.declaratie_id).outerjoin(Person, Person.bsn == Prestatie.bsn).where(
            Prestatie.status.in_(JUDGED)).distinct()
        return query.where(Prestatie.bsn.in_(chunk)) if chunk is not None else query
    for g, wijk, bsn, cat, aanbieder, status, begin in _in_chunks(query_of, persons):
        yield g, wijk, bsn, cat, str(aanbieder), status, month_index(begin)


def _declaratie_months(gemeente_id: int, months: set[int]) -> list[dict]:
    signed = case((Prestatie.debet_credit == "C", -Prestatie.bedrag_cent), else_=Prestatie.bedrag_cent)
    rows = db.session.execute(select(
        Person.wijk, Prestatie.productcategorie, Declaratie.aanbieder_id, Prestatie.status, Prestatie.periode_begin,
        func.count(), func.sum(signed)).join(Declaratie, Declaratie.id == Prestatie.declaratie_id).outerjoin(
        Person, Person.bsn == Prestatie.bsn).where(
        Declaratie.gemeente_id == gemeente_id, Prestatie.status.in_(JUDGED),
        Prestatie.periode_begin.between(month_start(min(months)), month_end(max(months)))).group_by(
        Person.wijk, Prestatie.productcategorie, Declaratie.aanbieder_id, Prestatie.status, Prestatie.periode_begin))
    sums: dict = {}
    for wijk, cat, aanbieder, status, begin, lines, cents in rows:
        m = month_index(begin)
        if m in months:
            key = (wijk, cat, str(aanbieder), status, m)
            found = sums.get(key, (0, 0))
            sums[key] = (found[0] + lines, found[1] + int(cents or 0))
    return [{"gemeente_id": gemeente_id, "wijk": wijk, "bron": "declaratie", "s1": cat, "s2": aanbieder, "s3": status,
             "maand": m, "aantal": lines, "bedrag": cents} for (wijk, cat, aanbieder, status, m), (lines, cents)
            in sums.items()]


DECLARATIE = Source("declaratie", (True, True, True), False, _declaratie_persons, lambda marks: set(marks),
                    _declaratie_months, RapportageMaand)


# --- completed tasks ----------------------------------------------------------------------------------------------

def _stap_persons(persons):
    pg = _is_pg()
    done = HumanTask.completed_at if not pg else _local_month_sql(HumanTask.completed_at)

    def query_of(chunk):
        query = select(HumanTask.gemeente_id, HumanTask.wijk, Zaak.person_id, HumanTask.domein, HumanTask.spec_name,
                       done).join(Zaak, Zaak.id == HumanTask.zaak_id).where(
            HumanTask.status == "completed", HumanTask.completed_at.is_not(None)).distinct()
        return query.where(Zaak.person_id.in_([int(p) for p in chunk])) if chunk is not None else query
    for g, wijk, person_id, domein, spec, when in _in_chunks(query_of, persons):
        yield g, wijk, str(person_id), domein or "", spec, "", int(when) if pg else _local_month(when)


def _stap_persons_of(marks) -> set[str]:
    """Marks are 'z<zaak id>' or 'p<person id>'."""
    people = {m[1:] for m in marks if m.startswith("p")}
    zaak_ids = sorted(int(m[1:]) for m in marks if m.startswith("z"))
    for chunk in chunks(zaak_ids):
        people |= {str(p) for p in db.session.scalars(select(Zaak.person_id).where(Zaak.id.in_(chunk)))}
    return people


def _stap_months(gemeente_id: int, months: set[int]) -> list[dict]:
    days = _seconds_between(HumanTask.created_at, HumanTask.completed_at) / 86400.0
    where = (HumanTask.gemeente_id == gemeente_id, HumanTask.status == "completed",
             HumanTask.completed_at >= _moment(min(months)), HumanTask.completed_at < _moment(max(months) + 1))
    keys = (HumanTask.wijk, HumanTask.domein, HumanTask.spec_name)
    counts: Counter = Counter()
    if _is_pg():
        month = _local_month_sql(HumanTask.completed_at)
        for wijk, domein, spec, m, wait, n in db.session.execute(
                select(*keys, month, days, func.count()).where(*where).group_by(*keys, month, days)):
            counts[(wijk, domein or "", spec, int(m), float(wait))] += n
    else:
        for wijk, domein, spec, done, wait in db.session.execute(select(*keys, HumanTask.completed_at, days).where(*where)):
            counts[(wijk, domein or "", spec, _local_month(done), float(wait))] += 1
    return [{"gemeente_id": gemeente_id, "wijk": wijk, "bron": "stap", "s1": domein, "s2": spec, "s3": "",
             "maand": m, "waarde": wait, "aantal": n} for (wijk, domein, spec, m, wait), n in counts.items()
            if m in months]


STAP = Source("stap", (False, False, False), True, _stap_persons, _stap_persons_of, _stap_months, RapportageVerdeling)

SOURCES = {source.bron: source for source in (DECLARATIE, STAP)}


def expand(source: Source, rows, base: int) -> dict:
    """{(gemeente_id, wijk, person, s1, s2, s3): month bits} with the '*' rows the source has."""
    from .vensters import bit
    out: dict = {}
    for g, wijk, person, s1, s2, s3, month in rows:
        b = bit(month, base)
        if not b:
            continue
        wijken = (wijk, ALL) if source.all_wijken else (wijk,)
        firsts = (s1, ALL) if source.stars[0] else (s1,)
        seconds = (s2, ALL) if source.stars[1] else (s2,)
        thirds = (s3, ALL) if source.stars[2] else (s3,)
        for w in wijken:
            for a in firsts:
                for c in seconds:
                    for d in thirds:
                        key = (g, w, person, a, c, d)
                        out[key] = out.get(key, 0) | b
    return out
