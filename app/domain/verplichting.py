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
    start, end = max(ingang, vanaf), min(einde or tot, tot)
    if end < start:
        return 0
    days = (end - start).days + 1
    whole = (einde - ingang).days + 1 if einde else None
    return _cost(volume, frequentie, tarief_cent, budget_cent, whole, days)


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


_PER_DAY = {PER_DAG: Fraction(1), PER_WEEK: Fraction(1, 7), PER_MAAND: Fraction(12, 365)}
