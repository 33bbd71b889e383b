"""Atw art. 3 calendar, checked by hand-computed dates and against the `holidays` package."""

from datetime import date, timedelta

import holidays
import pytest

from app.domain.holidays_nl import atw_holidays, holiday_name, is_atw_holiday

# Easter: 5 April 2026, 28 March 2027, 16 April 2028.
ATW_DAYS = {
    2026: {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    },
    2027: {
        date(2027, 1, 1): "Nieuwjaarsdag",
        date(2027, 3, 26): "Goede Vrijdag",
        date(2027, 3, 29): "Tweede Paasdag",
        date(2027, 4, 27): "Koningsdag",
        date(2027, 5, 5): "Bevrijdingsdag",
        date(2027, 5, 6): "Hemelvaartsdag",
        date(2027, 5, 17): "Tweede Pinksterdag",
        date(2027, 12, 25): "Eerste Kerstdag",
        date(2027, 12, 26): "Tweede Kerstdag",
    },
    2028: {
        date(2028, 1, 1): "Nieuwjaarsdag",
        date(2028, 4, 14): "Goede Vrijdag",
        date(2028, 4, 17): "Tweede Paasdag",
        date(2028, 4, 27): "Koningsdag",
        date(2028, 5, 5): "Bevrijdingsdag",
        date(2028, 5, 25): "Hemelvaartsdag",
        date(2028, 6, 5): "Tweede Pinksterdag",
        date(2028, 12, 25): "Eerste Kerstdag",
        date(2028, 12, 26): "Tweede Kerstdag",
    },
}


@pytest.mark.parametrize("year", sorted(ATW_DAYS))
def test_calendar_holds_exactly_the_days_of_atw_article_3(year):
    assert atw_holidays(year) == ATW_DAYS[year]


@pytest.mark.parametrize("day", [d for days in ATW_DAYS.values() for d in days])
def test_every_atw_day_is_recognised(day):
    assert is_atw_holiday(day)


@pytest.mark.parametrize("day", [
    date(2026, 4, 5),    # Eerste Paasdag: a Sunday, not named in art. 3
    date(2026, 4, 2),    # Witte Donderdag
    date(2026, 12, 24),  # Kerstavond
    date(2026, 12, 31),  # Oudejaarsdag
    date(2027, 12, 27),  # Monday after a Christmas on the weekend: no substitute day
])
def test_ordinary_days_are_not_atw_days(day):
    assert not is_atw_holiday(day)


def test_koningsdag_moves_to_saturday_26_april_when_27_april_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert holiday_name(date(2025, 4, 26)) == "Koningsdag"
    assert not is_atw_holiday(date(2025, 4, 27))


def test_fifth_of_may_counts_in_non_lustrum_years_too():
    assert [is_atw_holiday(date(y, 5, 5)) for y in (2026, 2027, 2028, 2029, 2030)] == [True] * 5


def test_hemelvaartsdag_on_fifth_of_may_keeps_both_names():
    assert holiday_name(date(2016, 5, 5)) == "Bevrijdingsdag en Hemelvaartsdag"


def test_day_equated_by_decree_counts_only_when_configured():
    decree_day = date(2026, 12, 31)
    assert not is_atw_holiday(decree_day)
    assert is_atw_holiday(decree_day, extra_days=[decree_day])
    assert holiday_name(decree_day, {decree_day: "Oudejaarsdag (besluit)"}) == "Oudejaarsdag (besluit)"
    assert decree_day not in atw_holidays(2027, extra_days=[decree_day])


def test_years_before_koningsdag_are_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        is_atw_holiday(date(2013, 4, 30))


@pytest.mark.parametrize("year", range(2014, 2041))
def test_holidays_library_differs_from_the_law_only_where_we_know_it_does(year):
    """holidays.NL 0.108 marks 5 May only every 5 years and adds Eerste Paas-/Pinksterdag.

    If this fails after a library upgrade, re-read Atw art. 3 before trusting the library.
    """
    library = set(holidays.NL(years=year))
    law = set(atw_holidays(year))
    missing_from_library = law - library
    lustrum_or_hemelvaart = year % 5 == 0 or year == 2016  # 5 May 2016 was Hemelvaartsdag
    assert missing_from_library == (set() if lustrum_or_hemelvaart else {date(year, 5, 5)})
    only_in_library = library - law
    easter_sunday = min(d for d in law if holiday_name(d) == "Tweede Paasdag") - timedelta(days=1)
    assert only_in_library == {easter_sunday, easter_sunday + timedelta(days=49)}
    assert all(d.weekday() == 6 for d in only_in_library)  # Sundays: no effect on Atw terms
