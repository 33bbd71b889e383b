"""The forecast of year-end spending per productcategorie and in total, and beside it the rolling-origin backtest
of the same method against the seasonal-naive baseline (app/domain/prognose.py holds the method). The monthly
series are read from the approved declaraties and the toewijzingen of the scope; the forecast is for the scope's
year while it runs, made at the end of the last complete month. Amounts are protected by the persons behind them."""
import calendar
from collections import Counter
from datetime import date
from functools import lru_cache

from ...domain import prognose as method
from ...domain.deadlines import MONTHS_NL
from ...domain.verplichting import days_cent, days_inside, terms
from . import bron
from .scope import Scope
from .tables import BEDRAG, FACTOR, PROCENT, Cell, Column, Table
from .toewijzingen import category_names
from .uitgaven import _categories, budgets_of

APPROVED = ("goedgekeurd",)
HISTORY_YEARS = 2  # the years before the scope's year that the backtest and the realisatie read
TOTAL = None  # the key of the series of all categories together

METHOD_NOTE = (
    "Zo rekenen wij: de prognose is wat al is goedgekeurd voor zorg in dit jaar, plus voor elke maand die nog komt "
    "wat de toewijzingen die nu lopen kosten (omvang × tarief), maal het deel dat er in de twaalf maanden hiervoor "
    "echt van is gedeclareerd, plus de verwachte instroom van nieuwe cliënten: wat er in het afgelopen jaar na "
    "zoveel maanden bij kwam boven de lopende toewijzingen. De bandbreedte (80%) komt uit de fouten van de "
    "backtest hieronder, zo dat 8 van de 10 fouten erbinnen vallen; hoe vaak de werkelijkheid er echt binnen viel, "
    "staat in de backtest. De seizoensnaïeve methode verwacht "
    "voor elke maand die nog komt hetzelfde als in die maand een jaar eerder. Het totaal is met dezelfde methode "
    "op alle categorieën samen berekend.")


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


@lru_cache(maxsize=1024)
def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=1024)
def month_end(index: int) -> date:
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def month_label(index: int) -> str:
    return f"{MONTHS_NL[index % 12]} {index // 12}"


def _window(scope: Scope) -> tuple[int, int, int]:
    """(first month read, last complete month of the scope's year, the origin of the forecast)."""
    jaar = scope.filters.jaar
    first = (jaar - HISTORY_YEARS) * 12
    origin = min(month_index(scope.today) - 1, jaar * 12 + 11)
    return first, origin, origin


def _all_series(scope: Scope) -> dict:
    """{categorie or TOTAL: Series}, read once per scope."""
    if "prognose_series" in scope.memo:
        return scope.memo["prognose_series"]
    first, last, _ = _window(scope)
    start, end = month_start(first), month_end(scope.filters.jaar * 12 + 11)
    sums = bron.prestatie_sums(scope, start, end, ("begin", "categorie"), APPROVED)
    actual: dict = {}
    for (begin, cat), (cents, _lines, _persons) in sums.items():
        m = month_index(begin)
        if m <= last:  # what is declared for the running month is not complete yet
            for key in (cat, TOTAL):
                actual.setdefault(key, {}).setdefault(m, 0)
                actual[key][m] += cents
    cost, committed = _costs(scope, start, end, first, last)
    keys = set(actual) | set(cost) | {TOTAL}
    series = {k: method.Series(actual.get(k, {}), cost.get(k, {}), committed.get(k, {})) for k in keys}
    for key in keys:  # every origin is an origin, also one where nothing was active
        for o in range(first, last + 1):
            series[key].committed.setdefault(o, {})
    scope.memo["prognose_series"] = series
    return series


def _costs(scope: Scope, start: date, end: date, first: int, last: int) -> tuple[dict, dict]:
    """({key: {month: what the toewijzingen cost in it}}, {key: {origin: {later month: what those active at the
    end of the origin cost in it}}}). A toewijzing costs the same in every whole month of its period of equal
    length, so only its first and last month are priced one by one; its whole months are counted per (terms,
    months) and priced once. The origins at which a toewijzing is active form a range, so each month's cost is
    added to the origins that see it as a difference at both ends of that range."""
    stop, never = month_index(end), 10**6
    groups: dict = {}  # (categorie, first origin, origin after the last) → {month: cost of first and last months}
    runs: Counter = Counter()  # (categorie, first origin, origin after the last, terms, from, to) → toewijzingen
    cost: dict = {TOTAL: {}}
    for t in bron.toewijzing_spans(scope, start):
        ingang, einde = t.ingangsdatum, t.einde
        ends = einde.year * 12 + einde.month - 1 if einde else never  # active at the end of month o while it runs
        lo, hi = max(first, ingang.year * 12 + ingang.month - 1), min(ends, stop)
        if t.categorie not in cost:
            cost[t.categorie] = {}
        if lo > hi:
            continue
        key = (t.categorie, max(first, t.toegewezen.year * 12 + t.toegewezen.month - 1), min(ends, last + 1))
        group = groups.get(key)
        if group is None:
            group = groups[key] = {}
        alike = terms(volume=t.volume, frequentie=t.frequentie, tarief_cent=t.tarief_cent, budget_cent=t.budget,
                      ingang=ingang, einde=einde)
        for m in (lo, hi) if hi > lo else (lo,):
            days = days_inside(ingang, einde, month_start(m), month_end(m))
            if days:
                group[m] = group.get(m, 0) + days_cent(alike, days)
        if hi - lo > 1:
            runs[(*key, alike, lo + 1, hi)] += 1
    for (cat, a, b, whole, since, until), count in runs.items():
        group = groups[(cat, a, b)]
        for m in range(since, until):
            group[m] = group.get(m, 0) + count * days_cent(whole, month_days(m))
    for (cat, a, b), per_month in list(groups.items()):  # all categories together: their sum
        group = groups.setdefault((TOTAL, a, b), {})
        for m, cents in per_month.items():
            group[m] = group.get(m, 0) + cents
    committed: dict = {}
    steps: dict = {}  # (key, month) → {origin: change of what the origins from there on see of that month}
    for (key, a, b), per_month in groups.items():
        into = cost[key]
        for m, cents in per_month.items():
            into[m] = into.get(m, 0) + cents
            since, until = max(a, m - 12), min(b, m)  # twelve months ahead: the inflow compares them with what came
            if cents and since < until:
                step = steps.setdefault((key, m), {})
                step[since] = step.get(since, 0) + cents
                step[until] = step.get(until, 0) - cents
    for (key, m), step in steps.items():
        seen = 0
        for o in range(min(step), max(step)):
            seen += step.get(o, 0)
            if seen:
                committed.setdefault(key, {}).setdefault(o, {})[m] = seen
    return cost, committed


@lru_cache(maxsize=1024)
def month_days(index: int) -> int:
    return calendar.monthrange(index // 12, index % 12 + 1)[1]


def _rows(scope: Scope) -> list[tuple[str, str | None]]:
    """(row label, series key) for the categories with data, then the total."""
    series, names = _all_series(scope), category_names()
    return [(names.get(c, c), c) for c in _categories(scope) if c in series] + [("Totaal", TOTAL)]


def _persons(scope: Scope, start: date, end: date) -> dict:
    """{categorie or TOTAL: distinct persons} behind the approved declaraties in [start, end]."""
    per = {c: found[2] for (c,), found in bron.prestatie_sums(scope, start, end, ("categorie",), APPROVED).items()}
    total = bron.prestatie_sums(scope, start, end, (), APPROVED).get(())
    return {**per, TOTAL: total[2] if total else 0}


def _results(scope: Scope) -> dict:
    """{key: (live forecast or None, backtest outcomes)}."""
    if "prognose_results" not in scope.memo:
        first, last, origin = _window(scope)
        live = method.year_of(origin + 1) == scope.filters.jaar
        scope.memo["prognose_results"] = {
            key: (method.forecast(s, origin) if live else None, method.backtest(s, first, last))
            for key, s in _all_series(scope).items()}
    return scope.memo["prognose_results"]


def prognose(scope: Scope) -> Table:
    """Per category and in total: spent so far, expected for the months left, the year-end forecast with its 80%
    interval, the seasonal-naive forecast and the budget."""
    jaar, (_first, _last, origin) = scope.filters.jaar, _window(scope)
    results = _results(scope)
    year_start = date(jaar, 1, 1)
    spent_persons = _persons(scope, year_start, date(jaar, 12, 31))
    active = {}
    for t in bron.toewijzing_spans(scope, month_start((jaar - HISTORY_YEARS) * 12)):
        if t.toegewezen <= month_end(origin) and (t.einde is None or t.einde > month_end(origin)):
            for key in (t.categorie, TOTAL):
                active.setdefault(key, set()).add(t.person_id)
    budgets = budgets_of(scope.gemeente_ids, jaar)
    columns = [Column(f"Besteed t/m {month_label(origin)}" if origin >= jaar * 12 else "Besteed", BEDRAG),
               Column("Verwacht rest van het jaar", BEDRAG), Column("Prognose jaareinde", BEDRAG),
               Column("Ondergrens (80%)", BEDRAG, additive=False, charted=False),
               Column("Bovengrens (80%)", BEDRAG, additive=False, charted=False),
               Column("Seizoensnaïef", BEDRAG, charted=False), Column("Budget", BEDRAG, additive=False)]
    rows = []
    for label, key in _rows(scope):
        live, outcomes = results[key]
        persons = max(spent_persons.get(key, 0), len(active.get(key, ())))
        if live is None:
            rows.append((label, [Cell(None, persons) for _ in columns[:-1]] + [_budget(budgets, key, scope)]))
            continue
        bounds = method.interval(live.rest, live.spent, method.relative_errors(outcomes))
        rows.append((label, [Cell(live.spent, persons), Cell(round(live.rest), persons),
                             Cell(round(live.total), persons),
                             Cell(round(bounds[0]) if bounds else None, persons),
                             Cell(round(bounds[1]) if bounds else None, persons),
                             Cell(round(live.naive_total), persons), _budget(budgets, key, scope)]))
    note = METHOD_NOTE if results and any(r[0] for r in results.values()) else \
        f"Een prognose is er alleen voor een jaar dat nog loopt; {jaar} " + \
        ("is al voorbij: zie de uitgaven hierboven." if jaar < scope.today.year else "is nog niet begonnen.")
    return Table("prognose", f"Prognose uitgaven {jaar}", "Productcategorie", columns, rows, total_row=True,
                 note=note).protected()


def _budget(budgets: dict, key, scope: Scope) -> Cell:
    if key is TOTAL:
        cats = [c for c in _categories(scope) if c in budgets]
        return Cell(sum(budgets[c] for c in cats) if cats else None, None)
    return Cell(budgets.get(key), None)


def backtest(scope: Scope) -> Table:
    """Per category and in total: how many past month-ends were tried, MAPE of method and baseline, MASE and the
    share of actuals inside the interval; the note says in plain Dutch whether the method beats the baseline."""
    first, last, _ = _window(scope)
    results, jaar = _results(scope), scope.filters.jaar
    persons = _persons(scope, month_start(first), month_end(last))
    columns = [Column("Voorspellingen", charted=False, additive=False), Column("MAPE methode (%)", PROCENT, additive=False),
               Column("MAPE seizoensnaïef (%)", PROCENT, additive=False),
               Column("MASE methode", FACTOR, additive=False, charted=False),
               Column("Binnen bandbreedte methode (%)", PROCENT, additive=False, charted=False),
               Column("Binnen bandbreedte seizoensnaïef (%)", PROCENT, additive=False, charted=False)]
    rows, total, better = [], None, []
    for label, key in _rows(scope):
        s = method.score(results[key][1])
        if key is not TOTAL and s.mape is not None and s.naive_mape is not None:
            better.append(s.mape < s.naive_mape)
        p = persons.get(key, 0)
        rows.append((label, [Cell(s.count, None), Cell(s.mape, p), Cell(s.naive_mape, p), Cell(s.mase, p),
                             Cell(s.coverage, p), Cell(s.naive_coverage, p)]))
        total = s
    return Table("backtest", "Backtest van de prognose", "Productcategorie", columns, rows, total_row=True,
                 note=verdict(total, [o.forecast.origin for o in results.get(TOTAL, (None, []))[1]], better)
                 + " " + BACKTEST_NOTE).protected()


BACKTEST_NOTE = (
    "Zo toetsen wij: aan het eind van elke afgelopen maand rekenen wij de prognose uit met alleen wat toen bekend "
    "was, en leggen die naast wat het hele jaar echt kostte. MAPE: hoeveel procent de prognose gemiddeld naast "
    "de werkelijke jaaruitgaven lag. MASE: de gemiddelde fout gedeeld door die van de seizoensnaïeve methode in "
    "dezelfde backtest (onder 1 is beter). Binnen bandbreedte: hoe vaak de werkelijkheid binnen de 80%-bandbreedte "
    "viel (die bandbreedte komt steeds uit de fouten van de andere maanden). De tarieven zijn die van vandaag.")


def verdict(total: method.Score | None, origins: list[int], better: list[bool] = ()) -> str:
    """The plain Dutch verdict on the total: beats the baseline or not, and by how much; and in how many of the
    categories (`better`: per category whether the method's MAPE was lower)."""
    if total is None or not total.count or total.mape is None or total.naive_mape is None:
        return ("Er is nog te weinig geschiedenis voor een backtest: die vraagt twaalf bekende maanden en een "
                "afgesloten jaar daarna.")
    span = f"{total.count} voorspellingen, aan het eind van {month_label(origins[0])} tot en met " \
        f"{month_label(origins[-1])}"
    per_category = (f" Per productcategorie was de prognose beter in {sum(better)} van de {len(better)}."
                    if better else "")
    said = (f"Uitkomst voor het totaal ({span}): de prognose zat gemiddeld {_nl(total.mape)}% naast de werkelijke "
            f"jaaruitgaven, de seizoensnaïeve methode {_nl(total.naive_mape)}%.")
    if total.mape < total.naive_mape:
        return (f"{said} De prognose is dus beter: {_nl(total.naive_mape - total.mape)} procentpunt dichterbij, "
                f"een fout die {_nl(100 * (1 - total.mape / total.naive_mape))}% kleiner is.{per_category}")
    if total.mape > total.naive_mape:
        return (f"{said} De prognose is dus niet beter dan de seizoensnaïeve methode: die zat "
                f"{_nl(total.mape - total.naive_mape)} procentpunt dichterbij.{per_category}")
    return f"{said} Ze zijn dus even goed.{per_category}"


def backtest_per_maand(scope: Scope) -> Table:
    """The total's backtest month by month: what the method and the baseline predicted at that month-end for the
    year, the interval, and what the year really cost."""
    first, last, _ = _window(scope)
    outcomes = _results(scope)[TOTAL][1] if TOTAL in _results(scope) else []
    persons = _persons(scope, month_start(first), month_end(last))[TOTAL]
    columns = [Column("Prognose", BEDRAG, additive=False), Column("Ondergrens (80%)", BEDRAG, additive=False, charted=False),
               Column("Bovengrens (80%)", BEDRAG, additive=False, charted=False),
               Column("Seizoensnaïef", BEDRAG, additive=False), Column("Werkelijk", BEDRAG, additive=False)]
    rows = []
    for i, o in enumerate(outcomes):
        others = method.relative_errors(outcomes[:i] + outcomes[i + 1:])
        bounds = method.interval(o.forecast.rest, o.forecast.spent, others)
        rows.append((f"Eind {month_label(o.forecast.origin)} → {o.forecast.year}",
                     [Cell(round(o.forecast.total), persons),
                      Cell(round(bounds[0]) if bounds else None, persons),
                      Cell(round(bounds[1]) if bounds else None, persons),
                      Cell(round(o.forecast.naive_total), persons), Cell(o.actual, persons)]))
    return Table("backtest_maanden", "Backtest per maand: alle categorieën", "Voorspeld aan het eind van",
                 columns, rows, note="Wat de prognose aan het eind van elke maand voor dat jaar zou hebben voorspeld, "
                                     "naast wat het jaar werkelijk kostte.").protected()


def _nl(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
