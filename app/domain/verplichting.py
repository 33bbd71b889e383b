"""The committed amount (verplichting) of a toewijzing: what its omvang will cost over a window of days at
today's tarief, so that the controller sees what the active toewijzingen still hold of the budget.

Frequentie (iStandaarden WJ757): 1 per dag, 2 per week, 4 per maand, 6 in totaal binnen de geldigheidsduur.
A budget toewijzing (an amount instead of an omvang) and a 'totaal' one spread evenly over their period.

>>> committed_cent(volume=3, frequentie="2", tarief_cent=3250, budget_cent=None,
...                ingang=date(2026, 1, 1), einde=None, vanaf=date(2026, 12, 1), tot=date(2026, 12, 28))
39000
"""
from datetime import date
from fractions import Fraction
from functools import lru_cache

PER_DAG, PER_WEEK, PER_MAAND, TOTAAL = "1", "2", "4", "6"


def committed_cent(*, volume: int | None, frequentie: str | None, tarief_cent: int | None, budget_cent: int | None,
                   ingang: date, einde: date | None, vanaf: date, tot: date) -> int:
    """The cost, in cents, of the toewijzing's days from `vanaf` to `tot` (both inclusive) inside its own period."""
    days = days_inside(ingang, einde, vanaf, tot)
    if not days:
        return 0
    whole = (einde - ingang).days + 1 if einde else None
    return _cost(volume, frequentie, tarief_cent, budget_cent, whole, days)


def days_inside(ingang: date, einde: date | None, vanaf: date, tot: date) -> int:
    """The days from `vanaf` to `tot` (both inclusive) inside the period from `ingang` to `einde` (None: open)."""
    start, end = max(ingang, vanaf), min(einde or tot, tot)
    return (end - start).days + 1 if end >= start else 0


@lru_cache(maxsize=8192)
def _cost(volume: int | None, frequentie: str | None, tarief_cent: int | None, budget_cent: int | None,
          whole: int | None, days: int) -> int:
    """The cost of `days` days of a toewijzing of `whole` days (None: open-ended). It depends on nothing else,
    so the forecast, which asks it for every month of thousands of toewijzingen, computes each once."""
    if budget_cent is not None:
        return round(Fraction(budget_cent * days, whole)) if whole else budget_cent
    if volume is None or tarief_cent is None:
        return 0
    if frequentie == TOTAAL:
        return round(Fraction(volume * tarief_cent * days, whole)) if whole else volume * tarief_cent
    per_day = _PER_DAY.get(frequentie)
    return round(volume * tarief_cent * per_day * days) if per_day is not None else 0


def terms(*, volume: int | None, frequentie: str | None, tarief_cent: int | None, budget_cent: int | None,
          ingang: date, einde: date | None) -> tuple:
    """What the cost of a number of days of a toewijzing depends on: toewijzingen with equal terms cost the same
    for equal days, so the forecast prices a whole month once for all of them (`days_cent`).

    >>> a = terms(volume=3, frequentie="2", tarief_cent=3250, budget_cent=None,
    ...           ingang=date(2026, 1, 1), einde=date(2026, 6, 30))
    >>> a == terms(volume=3, frequentie="2", tarief_cent=3250, budget_cent=None,
    ...            ingang=date(2026, 3, 9), einde=None)
    True
    >>> days_cent(a, 28) == committed_cent(volume=3, frequentie="2", tarief_cent=3250, budget_cent=None,
    ...     ingang=date(2026, 1, 1), einde=None, vanaf=date(2026, 2, 1), tot=date(2026, 2, 28))
    True
    """
    spread = budget_cent is not None or frequentie == TOTAAL  # only these depend on the length of the period
    whole = (einde - ingang).days + 1 if einde and spread else None
    return volume, frequentie, tarief_cent, budget_cent, whole


def days_cent(of_terms: tuple, days: int) -> int:
    """The cost of `days` days inside the period of a toewijzing with these `terms`."""
    return _cost(*of_terms, days)


_PER_DAY = {PER_DAG: Fraction(1), PER_WEEK: Fraction(1, 7), PER_MAAND: Fraction(12, 365)}
