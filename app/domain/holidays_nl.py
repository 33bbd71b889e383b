"""Algemeen erkende feestdagen of the Algemene termijnenwet (Atw), art. 3 lid 1-3.

The law is the specification; the `holidays` package is only cross-checked in the tests.

>>> atw_holidays(2026)[date(2026, 5, 5)]
'Bevrijdingsdag'
>>> is_atw_holiday(date(2025, 4, 26))  # 27 April 2025 is a Sunday
True
>>> is_atw_holiday(date(2026, 12, 31), extra_days=[date(2026, 12, 31)])
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import EASTER_WESTERN, easter

#: First year Koningsdag was celebrated on 27 April; before 2014 the monarch's birthday was
#: celebrated on Koninginnedag (30 April), which this module does not model.
FIRST_SUPPORTED_YEAR = 2014

EXTRA_DAY_NAME = "bij Koninklijk besluit gelijkgestelde dag"

ExtraDays = Iterable[date] | Mapping[date, str]


def atw_holidays(year: int, extra_days: ExtraDays = ()) -> dict[date, str]:
    """Return the Atw days of `year` with their Dutch names, sorted by date.

    `extra_days` are days equated by a decree under art. 3 lid 3 (Staatscourant);
    pass a mapping to give them a name.
    """
    days = dict(_statutory_days(year))
    for day, name in _named(extra_days):
        if day.year == year:
            days[day] = f"{days[day]} en {name}" if day in days else name
    return dict(sorted(days.items()))


def is_atw_holiday(day: date, extra_days: ExtraDays = ()) -> bool:
    """Tell whether `day` is an algemeen erkende feestdag in the sense of Atw art. 3."""
    return day in _statutory_days(day.year) or any(d == day for d, _ in _named(extra_days))


def holiday_name(day: date, extra_days: ExtraDays = ()) -> str | None:
    """Return the Dutch name of the Atw day `day`, or None when it is not one."""
    return atw_holidays(day.year, extra_days).get(day)


@lru_cache(maxsize=64)
def _statutory_days(year: int) -> dict[date, str]:
    if year < FIRST_SUPPORTED_YEAR:
        raise ValueError(
            f"Atw-feestdagen vóór {FIRST_SUPPORTED_YEAR} worden niet ondersteund: {year}"
        )
    paasdag = easter(year, EASTER_WESTERN)
    koningsdag = date(year, 4, 27)
    if koningsdag.weekday() == 6:  # celebrated on Saturday 26 April when the 27th is a Sunday
        koningsdag -= timedelta(days=1)
    days: dict[date, str] = {}
    for day, name in (
        (date(year, 1, 1), "Nieuwjaarsdag"),                      # lid 1
        (paasdag - timedelta(days=2), "Goede Vrijdag"),           # lid 2: gelijkgesteld
        (paasdag + timedelta(days=1), "Tweede Paasdag"),          # lid 1
        (koningsdag, "Koningsdag"),                               # lid 1: verjaardag van de Koning
        (date(year, 5, 5), "Bevrijdingsdag"),                     # lid 1: every year, not per 5
        (paasdag + timedelta(days=39), "Hemelvaartsdag"),         # lid 1
        (paasdag + timedelta(days=50), "Tweede Pinksterdag"),     # lid 1
        (date(year, 12, 25), "Eerste Kerstdag"),                  # lid 1
        (date(year, 12, 26), "Tweede Kerstdag"),                  # lid 1
    ):
        # Hemelvaartsdag can fall on 5 May (2016): keep both names.
        days[day] = f"{days[day]} en {name}" if day in days else name
    return days


def _named(extra_days: ExtraDays) -> Iterable[tuple[date, str]]:
    if isinstance(extra_days, Mapping):
        return extra_days.items()
    return ((day, EXTRA_DAY_NAME) for day in extra_days)
