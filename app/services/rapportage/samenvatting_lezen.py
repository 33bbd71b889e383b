"""Reading the figures from the summaries (samenvatting.py) in the shape bron.py gives them from the rows: the
sums of declaratieregels and the waits per step. None when the summaries cannot give the figure exactly (not yet
made for a gemeente of the scope, or a span they do not hold): the caller then computes it from the rows.

With RAPPORTAGE_BIJWERKEN_BIJ_LEZEN (the tests) a read first brings the summaries up to date for the scope's day,
so that every figure is read through the summaries right after the change; elsewhere the tick does that."""
import math

from flask import current_app
from sqlalchemy import func, select

from ... import db
from ...models import RapportageMaand, RapportageVenster, RapportageVerdeling
from ...models.rapportage_samenvatting import ALL
from . import samenvatting
from .bron import TZ
from .samenvatting_bronnen import JUDGED
from .scope import Scope
from .vensters import MONTHS, month_end, month_index, month_start, windows

GROUPS = ("periode", "categorie", "aanbieder", "status", "begin")


def ready(scope: Scope):
    """The stand of the scope's summaries, refreshed first when so configured; None: not made yet."""
    if "samenvatting_stand" not in scope.memo:
        if current_app.config.get("RAPPORTAGE_BIJWERKEN_BIJ_LEZEN"):
            stand = samenvatting.stand_of(scope.gemeente_ids)
            if stand is None or stand.peildatum != scope.today or samenvatting.pending():
                samenvatting.refresh(today=scope.today)
        scope.memo["samenvatting_stand"] = samenvatting.stand_of(scope.gemeente_ids)
    return scope.memo["samenvatting_stand"]


def bijgewerkt_om(stand) -> str | None:
    """'HH:MM' (Dutch time) of the last refresh, for the page; None without summaries."""
    return om(stand.bijgewerkt_op) if stand is not None else None


def om(moment) -> str | None:
    """'HH:MM' (Dutch time) of `moment`, or None."""
    return moment.astimezone(TZ).strftime("%H:%M") if moment is not None else None


def _covered(scope: Scope, spans) -> bool:
    stand = ready(scope)
    if stand is None:
        return False
    held = scope.memo.setdefault("samenvatting_vensters", set(windows(stand.peildatum)))
    return all(a >= stand.basis and b < stand.basis + MONTHS and (a, b) in held for a, b in spans)


def _wijk_filter(scope: Scope, column, all_wijken: bool):
    if scope.wijken is None:
        return (column == ALL,) if all_wijken else ()
    return (column.in_(sorted(w for w in scope.wijken if w != ALL)),)


def prestatie_sums(scope: Scope, start, end, by: tuple[str, ...], statuses: tuple[str, ...]) -> dict | None:
    """bron.prestatie_sums from the summaries: {group values: (cents, lines, persons)}, or None."""
    first, last = month_index(start), month_index(end)
    if not set(statuses) <= set(JUDGED) or start != month_start(first) or end != month_end(last) or \
            ("periode" in by and "begin" in by):
        return None
    if "periode" in by:
        spans = [(month_index(p.start), month_index(p.end)) for p in scope.periods]
    elif "begin" in by:
        spans = [(m, m) for m in range(first, last + 1)]
    else:
        spans = [(first, last)]
    if not _covered(scope, spans + [(first, last)]):
        return None
    f = scope.filters
    sums: dict = {}
    m = RapportageMaand
    where = [m.gemeente_id.in_(scope.gemeente_ids), m.bron == "declaratie", m.maand.between(first, last),
             m.s3.in_(statuses), *_wijk_filter(scope, m.wijk, False)]
    if f.categorie:
        where.append(m.s1 == f.categorie)
    if f.aanbieder_id:
        where.append(m.s2 == str(f.aanbieder_id))
    period_of = {month: i for i, (a, b) in enumerate(spans) for month in range(a, b + 1)} if "periode" in by else {}
    for cat, aanbieder, status, month, lines, cents in db.session.execute(
            select(m.s1, m.s2, m.s3, m.maand, func.sum(m.aantal), func.sum(m.bedrag)).where(*where)
            .group_by(m.s1, m.s2, m.s3, m.maand)):
        values = {"periode": period_of.get(month), "categorie": cat, "aanbieder": int(aanbieder), "status": status,
                  "begin": month_start(month)}
        key = tuple(values[name] for name in by)
        found = sums.get(key, (0, 0))
        sums[key] = (found[0] + int(cents or 0), found[1] + int(lines))
    if not by and not sums:
        sums[()] = (0, 0)  # an aggregate without groups is one row, as in SQL
    persons = _prestatie_persons(scope, by, statuses, spans)
    return {key: (cents, lines, persons.get(key, 0)) for key, (cents, lines) in sums.items()}


def _prestatie_persons(scope: Scope, by, statuses, spans) -> dict:
    v, f = RapportageVenster, scope.filters
    where = [v.gemeente_id.in_(scope.gemeente_ids), v.bron == "declaratie",
             v.van.in_({a for a, _ in spans}), v.tot.in_({b for _, b in spans}), *_wijk_filter(scope, v.wijk, False)]
    if "categorie" in by:
        where.append(v.s1 == f.categorie if f.categorie else v.s1 != ALL)
    else:
        where.append(v.s1 == (f.categorie or ALL))
    if "aanbieder" in by:
        where.append(v.s2 == str(f.aanbieder_id) if f.aanbieder_id else v.s2 != ALL)
    else:
        where.append(v.s2 == (str(f.aanbieder_id) if f.aanbieder_id else ALL))
    if "status" in by:
        where.append(v.s3.in_(statuses))
    else:
        where.append(v.s3 == (statuses[0] if len(statuses) == 1 else ALL))
    index = {span: i for i, span in enumerate(spans)}
    out: dict = {}
    for a, b, cat, aanbieder, status, n in db.session.execute(
            select(v.van, v.tot, v.s1, v.s2, v.s3, func.sum(v.personen)).where(*where)
            .group_by(v.van, v.tot, v.s1, v.s2, v.s3)):
        if (a, b) not in index:
            continue
        values = {"periode": index[(a, b)], "categorie": cat, "aanbieder": int(aanbieder) if aanbieder != ALL else None,
                  "status": status, "begin": month_start(a)}
        key = tuple(values[name] for name in by)
        out[key] = out.get(key, 0) + int(n)
    return out


def step_waits(scope: Scope):
    """bron.step_waits from the summaries, or None."""
    from .bron import StepWaits
    first, last = month_index(scope.start), month_index(scope.end)
    if not _covered(scope, [(first, last)]):
        return None
    d = RapportageVerdeling
    spread: dict = {}
    for domein, spec, wait, n in db.session.execute(
            select(d.s1, d.s2, d.waarde, func.sum(d.aantal)).where(
                d.gemeente_id.in_(scope.gemeente_ids), d.bron == "stap", d.maand.between(first, last),
                *_wijk_filter(scope, d.wijk, False)).group_by(d.s1, d.s2, d.waarde)):
        spread.setdefault((domein, spec), []).append((float(wait), int(n)))
    v = RapportageVenster
    persons: dict = {}
    for domein, spec, n in db.session.execute(
            select(v.s1, v.s2, func.sum(v.personen)).where(
                v.gemeente_id.in_(scope.gemeente_ids), v.bron == "stap", v.van == first, v.tot == last,
                *_wijk_filter(scope, v.wijk, True)).group_by(v.s1, v.s2)):
        persons[(domein, spec)] = int(n)
    return [StepWaits(domein or None, spec, sum(n for _, n in items), persons.get((domein, spec), 0),
                      _median(items), _rank(items, 0.9)) for (domein, spec), items in spread.items()]


def _median(items: list[tuple[float, int]]) -> float:
    """The median of values with their counts (the mean of the middle two for an even number)."""
    ordered, n = sorted(items), sum(c for _, c in items)
    return (_nth(ordered, (n - 1) // 2) + _nth(ordered, n // 2)) / 2


def _rank(items, p: float) -> float:
    ordered, n = sorted(items), sum(c for _, c in items)
    return _nth(ordered, max(0, math.ceil(p * n) - 1))


def _nth(ordered, k: int) -> float:
    seen = 0
    for value, count in ordered:
        seen += count
        if k < seen:
            return value
    raise IndexError(k)

