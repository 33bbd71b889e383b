"""When a herindicatie is due: the period a beschikking or toewijzing is looked at again (Wmo 2015 art. 2.3.9,
periodic re-examination; Jeugdwet art. 2.3). Pure: no database, no Flask.

A voorziening with an einddatum is looked at once, from `lead` before that day. One without an einddatum is
looked at every year on the anniversary of its letter, from `lead` before it: the letter promises "wij kijken
uiterlijk over een jaar samen met u of de hulp nog past". The task may be made on any day from `lead` before the
peildatum up to the peildatum itself, so a tick that was down for a while still makes it; a period whose day
has passed is not made up for (an einddatum already behind us, the help has ended), so a history taken over
from an earlier system never floods the werkvoorraad with late tasks.

>>> from datetime import date, timedelta
>>> due_period(date(2026, 1, 5), date(2026, 12, 31), date(2026, 11, 5), timedelta(weeks=8))
('einde', datetime.date(2026, 12, 31))
>>> due_period(date(2026, 1, 5), date(2026, 12, 31), date(2026, 11, 4), timedelta(weeks=8)) is None
True
>>> due_period(date(2026, 1, 5), date(2026, 12, 31), date(2027, 1, 1), timedelta(weeks=8)) is None
True
>>> due_period(date(2025, 3, 1), None, date(2026, 1, 4), timedelta(weeks=8))
('jaarlijks', datetime.date(2026, 3, 1))
>>> due_period(date(2024, 2, 29), None, date(2025, 1, 3), timedelta(weeks=8))
('jaarlijks', datetime.date(2025, 2, 28))
"""
from datetime import date, timedelta

EINDE, JAARLIJKS = "einde", "jaarlijks"


def anniversary(start: date, years: int) -> date:
    """`start` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def due_period(start: date, einddatum: date | None, today: date, lead: timedelta) -> tuple[str, date] | None:
    """(soort, peildatum) of the herindicatie due `today`, or None: the task is made from `peildatum - lead`
    and is due on `peildatum`."""
    if einddatum is not None:
        if einddatum - lead <= today <= einddatum:
            return EINDE, einddatum
        return None
    years = max(1, today.year - start.year - 1)
    latest = None
    while (day := anniversary(start, years)) - lead <= today:
        latest = day
        years += 1
    if latest is not None and today <= latest:
        return JAARLIJKS, latest
    return None
