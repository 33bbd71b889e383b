"""The forecast of year-end spending and its backtest (app/domain/prognose.py) on hand-made series, every number
worked out by hand in the comments."""
import pytest

from app.domain.prognose import Forecast, Outcome, Series, backtest, forecast, interval, realisatie, score

Y = 2025
JAN = Y * 12  # month indices: year × 12 + month − 1


def hand_series() -> Series:
    """2024: 100 a month declared; January–June 2025: 120 a month. The toewijzingen cost twice what was declared
    (200 a month July–December 2024, 240 January–June 2025). At the end of June 2025 the active toewijzingen cost
    200 a month for July–December; at the end of December 2024 the then active ones cost 180 a month ahead."""
    actual = {JAN - 12 + i: 100 for i in range(12)} | {JAN + i: 120 for i in range(6)}
    cost = {JAN - 6 + i: 200 for i in range(6)} | {JAN + i: 240 for i in range(6)}
    committed = {JAN + 5: {JAN + 6 + i: 200 for i in range(6)},
                 JAN - 1: {JAN + i: 180 for i in range(12)}}
    return Series(actual, cost, committed)


def test_the_forecast_at_the_end_of_june_worked_out_by_hand():
    series, june = hand_series(), JAN + 5
    # realisatie: declared July 2024–June 2025 = 6 × 100 + 6 × 120 = 1320 of a cost of 6 × 200 + 6 × 240 = 2640
    assert realisatie(series, june) == 0.5
    result = forecast(series, june)
    # spent: January–June 2025 = 6 × 120 = 720
    assert (result.year, result.spent) == (Y, 720)
    # each month left, h = 1..6 months ahead: 0.5 × 200 committed + inflow; the only earlier origin with a
    # commitment (December 2024) saw 120 declared h months later against 0.5 × 180 active: inflow 30.
    # rest = 6 × (100 + 30) = 780; year end 720 + 780 = 1500
    assert result.rest == pytest.approx(780)
    assert result.total == pytest.approx(1500)
    # seasonal naive: July–December as a year before, 6 × 100 = 600; year end 1320
    assert result.naive_rest == 600 and result.naive_total == 1320


def test_without_any_toewijzing_due_the_realisatie_is_one_and_nothing_is_committed():
    series = Series({JAN: 50}, {}, {JAN: {}})
    assert realisatie(series, JAN) == 1.0
    result = forecast(series, JAN)
    assert (result.spent, result.rest, result.naive_rest) == (50, 0, 0)


def rising_series() -> Series:
    """Declared 100 + 10 a month more from January 2024 to December 2025, every euro of it foreseen by the
    toewijzingen active a month (or a year) before: the method is exact, the seasonal naive lags the trend."""
    months = range(JAN - 12, JAN + 12)
    actual = {m: 100 + 10 * (m - (JAN - 12)) for m in months}
    committed = {o: {m: actual[m] for m in range(o + 1, o + 13) if m in actual} for o in months}
    return Series(actual, dict(actual), committed)


def test_the_backtest_on_a_rising_series_beats_the_seasonal_naive():
    outcomes = backtest(rising_series(), JAN - 12, JAN + 11)
    # origins: the end of December 2024 (twelve months known) to the end of November 2025 (2025 complete)
    assert [o.forecast.origin for o in outcomes] == list(range(JAN - 1, JAN + 11))
    # 2025 really cost Σ (100 + 10 i) for i = 12..23 = 1200 + 10 × 210 = 3300
    assert {o.actual for o in outcomes} == {3300}
    result = score(outcomes)
    assert result.count == 12
    assert result.mape == pytest.approx(0) and result.mase == pytest.approx(0)
    # the seasonal naive misses 120 for each of the 12 − k months left after k known: on average 120 × 6.5 = 780
    assert result.naive_mape == pytest.approx(100 * 780 / 3300)
    assert result.mape < result.naive_mape
    assert result.coverage == 100  # every error is 0: each interval is the point, and the actual is on it


def outcome(rest: float, naive_rest: float, actual: int) -> Outcome:
    return Outcome(Forecast(JAN, Y, 0, rest, naive_rest), actual)


def test_mape_mase_and_the_leave_one_out_coverage_worked_out_by_hand():
    outcomes = [outcome(100, 80, 110), outcome(100, 80, 90), outcome(100, 80, 100), outcome(100, 80, 130)]
    result = score(outcomes)
    assert result.mape == pytest.approx(100 * (10 / 110 + 10 / 90 + 0 + 30 / 130) / 4)
    assert result.naive_mape == pytest.approx(100 * (30 / 110 + 10 / 90 + 20 / 100 + 50 / 130) / 4)
    assert result.mase == pytest.approx((10 + 10 + 0 + 30) / (30 + 10 + 20 + 50))
    # relative errors 0.1, −0.1, 0, 0.3; each interval from the other three (10% and 90% quantiles):
    # 110 in [92, 124] yes; 90 in [102, 126] no; 100 in [94, 126] yes; 130 in [92, 108] no → 50%
    assert result.coverage == 50
    # the naive's relative errors 0.375, 0.125, 0.25, 0.625: 110 in [92, 124], 90 not ≥ 102, 100 in [94, 126],
    # 130 not ≤ 108 → 50%
    assert result.naive_coverage == 50


def test_the_interval_of_the_year_total_from_the_relative_errors():
    low, high = interval(100, 720, [-0.1, 0, 0.3])
    assert (low, high) == (pytest.approx(720 + 92), pytest.approx(720 + 124))
    assert interval(100, 720, [0.1]) is None  # one error says nothing about the spread
    assert interval(0, 720, []) == (720, 720)  # nothing left: the year is known


def test_a_backtest_without_a_complete_year_after_twelve_known_months_is_empty():
    # known January 2024 to November 2025: the first origin (December 2024) forecasts 2025, not yet complete
    assert backtest(rising_series(), JAN - 12, JAN + 10) == []
    assert score([]).count == 0 and score([]).mape is None
