"""The forecast of year-end spending (#11 point 2) and its rolling-origin backtest, as pure arithmetic on monthly
series of one productcategorie (or all together). Months are integers (year × 12 + month − 1); amounts are cents.

The method, at the end of month `o` (the origin), for the year of month o + 1:
  * what is spent: the approved declaraties for the months of that year up to and including o;
  * for each month m left: realisatie × what the toewijzingen active at o cost in m (volume × tarief), plus the
    expected inflow at that distance h = m − o;
  * realisatie: of every euro the toewijzingen cost in the twelve months up to o, the part actually declared;
  * inflow at distance h: what was declared h months after each of the twelve earlier origins beyond what the
    toewijzingen active then explained (their average).
The seasonal-naive baseline expects for each month left what was declared in the same month a year before.
The prediction interval (80%) comes from the backtest: the 10% and 90% quantiles of the relative errors on the
months left, each backtest forecast getting its interval from the errors of the other forecasts (leave one out).

>>> s = Series(actual={0: 100, 1: 100}, cost={0: 100, 1: 100}, committed={})
>>> realisatie(s, 1)
1.0
"""
from dataclasses import dataclass
from statistics import mean, quantiles

LOW, HIGH = 0.10, 0.90  # the 80% interval


@dataclass(frozen=True)
class Series:
    #: month → approved declaraties (cents) for care in that month.
    actual: dict[int, int]
    #: month → what all toewijzingen cost in that month (volume × tarief), for the realisatie.
    cost: dict[int, int]
    #: origin → {later month → what the toewijzingen active at the end of the origin cost in it}.
    committed: dict[int, dict[int, int]]


@dataclass(frozen=True)
class Forecast:
    origin: int
    year: int
    spent: int
    #: The months left: the method's and the seasonal-naive expectation.
    rest: float
    naive_rest: float

    @property
    def total(self) -> float:
        return self.spent + self.rest

    @property
    def naive_total(self) -> float:
        return self.spent + self.naive_rest


def year_of(month: int) -> int:
    return month // 12


def realisatie(series: Series, origin: int) -> float:
    """Σ declared / Σ cost of the toewijzingen over the twelve months up to `origin` (1 when nothing was due)."""
    months = range(origin - 11, origin + 1)
    due = sum(series.cost.get(m, 0) for m in months)
    return sum(series.actual.get(m, 0) for m in months) / due if due else 1.0


def inflow(series: Series, origin: int, h: int, r: float) -> float:
    """The average of what was declared h months after each earlier origin beyond r × what was active then."""
    gaps = [series.actual.get(o + h, 0) - r * series.committed.get(o, {}).get(o + h, 0)
            for o in range(origin - 11, origin - h + 1) if o in series.committed]
    return mean(gaps) if gaps else 0.0


def forecast(series: Series, origin: int) -> Forecast:
    """The year-end forecast made at the end of `origin` for the year of the month after it."""
    year = year_of(origin + 1)
    first, last = year * 12, year * 12 + 11
    r = realisatie(series, origin)
    spent = sum(series.actual.get(m, 0) for m in range(first, origin + 1))
    committed = series.committed.get(origin, {})
    rest = sum(r * committed.get(m, 0) + inflow(series, origin, m - origin, r) for m in range(origin + 1, last + 1))
    naive = sum(series.actual.get(m - 12, 0) for m in range(origin + 1, last + 1))
    return Forecast(origin, year, spent, rest, naive)


@dataclass(frozen=True)
class Outcome:
    forecast: Forecast
    actual: int


@dataclass(frozen=True)
class Score:
    count: int
    mape: float | None
    naive_mape: float | None
    #: Mean absolute error of the method scaled by that of the seasonal naive in the same backtest (< 1: better).
    mase: float | None
    coverage: float | None
    naive_coverage: float | None


def backtest(series: Series, first: int, last: int) -> list[Outcome]:
    """The method's forecast at every month-end from which twelve months are known (from `first`) and whose
    year was complete by `last`, with what the year really cost."""
    out = []
    for origin in range(first + 11, last):
        year = year_of(origin + 1)
        if year * 12 + 11 > last:
            break
        actual = sum(series.actual.get(m, 0) for m in range(year * 12, year * 12 + 12))
        out.append(Outcome(forecast(series, origin), actual))
    return out


def relative_errors(outcomes: list[Outcome], naive: bool = False) -> list[float]:
    """(actual − forecast) / forecast on the months left, of each outcome whose forecast for them was not 0."""
    out = []
    for o in outcomes:
        rest = o.forecast.naive_rest if naive else o.forecast.rest
        if rest:
            out.append((o.actual - o.forecast.spent - rest) / rest)
    return out


def interval(rest: float, spent: int, errors: list[float]) -> tuple[float, float] | None:
    """The 80% interval of the year total from relative errors on the months left (None: fewer than 2 errors)."""
    if len(errors) < 2:
        return (spent, spent) if not rest else None
    cuts = quantiles(errors, n=10, method="inclusive")
    return spent + rest * (1 + cuts[0]), spent + rest * (1 + cuts[-1])


def score(outcomes: list[Outcome]) -> Score:
    """MAPE of method and baseline on the year totals, MASE and how often the actual fell in the interval."""
    counted = [o for o in outcomes if o.actual]
    if not counted:
        return Score(0, None, None, None, None, None)
    mape = 100 * mean(abs(o.forecast.total - o.actual) / o.actual for o in counted)
    naive_mape = 100 * mean(abs(o.forecast.naive_total - o.actual) / o.actual for o in counted)
    naive_mae = sum(abs(o.forecast.naive_total - o.actual) for o in counted)
    mase = sum(abs(o.forecast.total - o.actual) for o in counted) / naive_mae if naive_mae else None
    return Score(len(counted), mape, naive_mape, mase, _coverage(counted, False), _coverage(counted, True))


def _coverage(outcomes: list[Outcome], naive: bool) -> float | None:
    """The share (%) of outcomes inside the interval made from the errors of the other outcomes."""
    hits = checked = 0
    for i, o in enumerate(outcomes):
        others = relative_errors(outcomes[:i] + outcomes[i + 1:], naive)
        rest = o.forecast.naive_rest if naive else o.forecast.rest
        bounds = interval(rest, o.forecast.spent, others)
        if bounds is None:
            continue
        checked += 1
        hits += bounds[0] <= o.actual <= bounds[1]
    return 100 * hits / checked if checked else None
