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

PER_DAG, PER_WEEK, PER_MAAND, TOTAAL = "1", "2", "4", "6"


def committed_cent(*, volume: int | None, frequentie: str | None, tarief_cent: int | None, budget_cent: int | None,
                   ingang: date, einde: date | None, vanaf: date, tot: date) -> int:
    """The cost, in cents, of the toewijzing's days from `vanaf` to `tot` (both inclusive) inside its own period."""
    start, end = max(ingang, vanaf), min(einde or tot, tot)
    if end < start:
        return 0
    days = (end - start).days + 1
    whole = (einde - ingang).days + 1 if einde else None
    if budget_cent is not None:
        return round(Fraction(budget_cent * days, whole)) if whole else budget_cent
    if volume is None or tarief_cent is None:
        return 0
    if frequentie == TOTAAL:
        return round(Fraction(volume * tarief_cent * days, whole)) if whole else volume * tarief_cent
    per_day = {PER_DAG: Fraction(1), PER_WEEK: Fraction(1, 7), PER_MAAND: Fraction(12, 365)}.get(frequentie)
    return round(volume * tarief_cent * per_day * days) if per_day is not None else 0
