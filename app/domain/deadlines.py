"""Legal deadlines: Wmo 2015 art. 2.3.2 lid 1-2 and 2.3.5 lid 2, Awb art. 4:13 lid 2, 6:7 and 6:8,
each extended by the Algemene termijnenwet (Atw) art. 1 lid 1, 2 and 4.

>>> onderzoek_deadline(date(2026, 11, 20)).due  # 6 weeks later is Nieuwjaarsdag, then a weekend
datetime.date(2027, 1, 4)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.holidays_nl import ExtraDays, holiday_name, is_atw_holiday

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
             "augustus", "september", "oktober", "november", "december")

#: The Wmo 2015 and the Jeugdwet came into force on this day: no melding under them is older.
LAWS_IN_FORCE = date(2015, 1, 1)

#: Atw art. 4 sub a: the Atw does not apply to terms longer than these.
ATW_MAX_DAYS = 90
ATW_MAX_WEEKS = 12


@dataclass(frozen=True)
class LegalDeadline:
    """A due date (inclusive) with the article that sets it and any Atw extension."""

    kind: str
    due: date
    article: str
    description_nl: str
    unadjusted: date
    #: Dutch names of the days that caused the extension ("Nieuwjaarsdag", "zaterdag", ...).
    shifted_for: tuple[str, ...] = ()
    #: "art. 1 lid 1 Atw" or "art. 2 Atw" when the Atw moved the date, else "".
    atw_article: str = ""

    @property
    def label_nl(self) -> str:
        """Say the deadline as the UI shows it.

        >>> bezwaar_deadline(date(2025, 5, 1)).label_nl
        'uiterlijk 12 juni 2025 (art. 6:7 en 6:8 lid 1 Awb)'
        """
        reason = ""
        if self.atw_article:
            verb = "verlengd" if self.atw_article == "art. 2 Atw" else "verschoven"
            reason = f"; {verb} i.v.m. {_join_nl(self.shifted_for)}, {self.atw_article}"
        return f"uiterlijk {format_date_nl(self.due)} ({self.article}{reason})"


def onderzoek_deadline(melding_ontvangen: date, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Onderzoek "uiterlijk binnen zes weken" after receipt of the melding."""
    return term_after(melding_ontvangen, weeks=6, kind="onderzoek",
                      article="art. 2.3.2 lid 1 Wmo 2015",
                      description_nl="onderzoek na de melding afronden",
                      extra_holidays=extra_holidays)


def persoonlijk_plan_deadline(melding_ontvangen: date,
                              extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Last day to hand in a persoonlijk plan: "gedurende zeven dagen na de melding"."""
    return term_after(melding_ontvangen, days=7, kind="persoonlijk_plan",
                      article="art. 2.3.2 lid 2 Wmo 2015",
                      description_nl="persoonlijk plan overhandigen",
                      extra_holidays=extra_holidays)


def beschikking_deadline_wmo(aanvraag_ontvangen: date,
                             extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Beschikking "binnen twee weken na ontvangst van de aanvraag"."""
    return term_after(aanvraag_ontvangen, weeks=2, kind="beschikking_wmo",
                      article="art. 2.3.5 lid 2 Wmo 2015",
                      description_nl="beschikking op de Wmo-aanvraag geven",
                      extra_holidays=extra_holidays)


def beslis_deadline_jeugd(aanvraag_ontvangen: date, extra_holidays: ExtraDays = (),
                          weeks: int = 8) -> LegalDeadline:
    """Beslissing on a Jeugdwet aanvraag: 8 weeks after receipt (Awb 4:13 lid 2).

    The Jeugdwet sets no beslistermijn of its own; pass `weeks` when the verordening sets
    one (Awb 4:13 lid 1); the Atw is applied to it as well, though Atw art. 1 speaks of terms
    set "in een wet" (check the verordening). A 4:14 lid 3 verdagingsmededeling or a 4:15
    opschorting is not applied here.
    """
    article = "art. 4:13 lid 2 Awb" if weeks == 8 else (
        f"art. 4:13 lid 1 Awb jo. verordening ({weeks} weken)")
    return term_after(aanvraag_ontvangen, weeks=weeks, kind="beslissing_jeugd",
                      article=article,
                      description_nl="beslissen op de aanvraag jeugdhulp",
                      extra_holidays=extra_holidays)


def bezwaar_deadline(bekendgemaakt: date, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Last day to lodge bezwaar: 6 weeks (Awb 6:7) from the day after bekendmaking (6:8 lid 1).

    A term starting on day S that lasts 6 weeks ends on S + 6 weeks - 1 day, which is the
    same weekday as the bekendmaking: `bekendgemaakt` + 42 days.
    """
    return term_after(bekendgemaakt, weeks=6, kind="bezwaar",
                      article="art. 6:7 en 6:8 lid 1 Awb",
                      description_nl="bezwaar maken tegen het besluit",
                      extra_holidays=extra_holidays)


def term_after(event: date, *, kind: str, article: str, description_nl: str,
               days: int = 0, weeks: int = 0, extra_holidays: ExtraDays = ()) -> LegalDeadline:
    """Compute a statutory term of `days` or `weeks` "na" the day `event`.

    Counting: the day of the event does not count, the term starts the next day (Awb 6:8
    lid 1 says so for bezwaar; we read every "binnen N weken na" the same way). A term of
    N weeks therefore ends at the end of the same weekday N weeks later, `event` + 7N days;
    a term of N days on `event` + N days.
    Atw art. 1 lid 1: an end on a Saturday, Sunday or art. 3 day moves to the next day that
    is none of these. Atw art. 2: a term of at least 3 days is extended until it holds two
    such working days (only matters for short terms around Christmas and Easter).
    Atw art. 4 sub a: neither applies to terms over 90 days or over 12 weeks.
    Art. 1 lid 2 (terms counted backwards) never applies: all terms here count forward.
    """
    if (days > 0) == (weeks > 0) or days < 0 or weeks < 0:
        raise ValueError("give a positive number of either days or weeks")
    extra = _materialise(extra_holidays)
    unadjusted = event + timedelta(days=days + 7 * weeks)
    if days > ATW_MAX_DAYS or weeks > ATW_MAX_WEEKS:
        return LegalDeadline(kind, unadjusted, article, description_nl, unadjusted)

    due = unadjusted
    while not is_working_day(due, extra):
        due += timedelta(days=1)
    atw_article = "art. 1 lid 1 Atw" if due != unadjusted else ""
    shifted_from = unadjusted
    if days + 7 * weeks >= 3:
        second_working_day = add_working_days(event, 2, extra)
        if due < second_working_day:
            due, atw_article = second_working_day, "art. 2 Atw"
            shifted_from = event + timedelta(days=1)
    shifted_for = _non_working_names(shifted_from, due, extra)
    return LegalDeadline(kind, due, article, description_nl, unadjusted, shifted_for, atw_article)


def is_working_day(day: date, extra_holidays: ExtraDays = ()) -> bool:
    """Tell whether `day` is not a Saturday, Sunday or Atw art. 3 day."""
    return day.weekday() < 5 and not is_atw_holiday(day, extra_holidays)


def add_working_days(day: date, n: int, extra_holidays: ExtraDays = ()) -> date:
    """Return the n-th working day after `day` (`day` itself does not count; n=0 gives `day`).

    >>> add_working_days(date(2026, 4, 2), 3)  # Goede Vrijdag and Tweede Paasdag skipped
    datetime.date(2026, 4, 9)
    """
    if n < 0:
        raise ValueError("n must not be negative")
    extra = _materialise(extra_holidays)
    while n:
        day += timedelta(days=1)
        if is_working_day(day, extra):
            n -= 1
    return day


def end_of_day(day: date, tz: str = "Europe/Amsterdam") -> datetime:
    """Return 23:59:59 local time on `day`, timezone-aware, for BPMN timers.

    >>> end_of_day(date(2026, 7, 1)).isoformat()
    '2026-07-01T23:59:59+02:00'
    """
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(tz))


def format_date_nl(day: date) -> str:
    """Format a date the Dutch way, e.g. '4 januari 2027'."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def _non_working_names(start: date, end: date, extra: ExtraDays) -> tuple[str, ...]:
    names: list[str] = []
    day = start
    while day < end:
        if not is_working_day(day, extra):
            name = holiday_name(day, extra) or ("zaterdag", "zondag")[day.weekday() - 5]
            if name not in names:
                names.append(name)
        day += timedelta(days=1)
    return tuple(names)


def _join_nl(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _materialise(extra_holidays: ExtraDays) -> ExtraDays:
    # Callers may pass a generator; it is iterated once per day checked.
    if isinstance(extra_holidays, Mapping):
        return dict(extra_holidays)
    return tuple(extra_holidays)


def dutch_date(moment: datetime) -> date:
    """The day it is in the Netherlands at `moment` (a timezone-aware timestamp, stored in UTC): between
    midnight in Amsterdam and midnight in UTC this is the next day, which is the one that counts for a term."""
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()
