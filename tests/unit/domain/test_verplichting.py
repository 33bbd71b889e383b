"""The committed amount of a toewijzing over a window of days, per frequentie (WJ757)."""
from datetime import date

from app.domain.verplichting import committed_cent

JAN1, DEC31 = date(2026, 1, 1), date(2026, 12, 31)


def cost(**kw):
    base = dict(volume=2, frequentie="2", tarief_cent=1000, budget_cent=None, ingang=JAN1, einde=None,
                vanaf=date(2026, 7, 1), tot=DEC31)
    return committed_cent(**{**base, **kw})


def test_per_week_per_day_and_per_month():
    assert cost() == round(2 * 1000 * 184 / 7)
    assert cost(frequentie="1") == 2 * 1000 * 184
    assert cost(frequentie="4") == round(2 * 1000 * 184 * 12 / 365)


def test_the_window_is_cut_to_the_toewijzing_and_an_ended_one_costs_nothing():
    assert cost(einde=date(2026, 7, 7)) == 2 * 1000  # one week
    assert cost(einde=date(2026, 6, 30)) == 0


def test_totaal_and_budget_spread_over_their_period():
    half_year = dict(ingang=date(2026, 7, 1), einde=DEC31)
    assert cost(frequentie="6", volume=10, **half_year) == 10 * 1000
    assert cost(budget_cent=50000, **half_year, vanaf=date(2026, 10, 1)) == round(50000 * 92 / 184)
    assert cost(budget_cent=50000) == 50000  # no einddatum: the whole budget is committed


def test_an_unknown_frequentie_or_missing_volume_commits_nothing():
    assert cost(frequentie="9") == 0
    assert cost(volume=None) == 0
