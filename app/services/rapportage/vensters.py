"""The spans of months ('vensters') the summaries count distinct persons for, and the month bits of a person's
row (app/models/rapportage_samenvatting.py). Bit 0 is January three years before the day of the summaries; 60
bits reach December of next year, so every scope of this year, next year and the year before reads from them."""
import calendar
from datetime import date

#: How many months the bits of RapportagePersoon.maanden cover (bits 0 … 59 of a signed 64-bit integer).
MONTHS = 60


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> date:
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def basis(today: date) -> int:
    """The month index of bit 0 for summaries made on `today`."""
    return (today.year - 3) * 12


def windows(today: date) -> list[tuple[int, int]]:
    """Every (first, last) month the reports ask persons for: each month, quarter and year of the covered years, the
    three years up to December of the scope's year (per jaar), and the forecast's backtest span (app/services/
    rapportage/prognose.py: from January two years back to the last complete month)."""
    first, out = basis(today), []
    years = range(first // 12, first // 12 + MONTHS // 12)
    for year in years:
        out += [(m, m) for m in range(year * 12, year * 12 + 12)]
        out += [(year * 12 + q * 3, year * 12 + q * 3 + 2) for q in range(4)]
        out.append((year * 12, year * 12 + 11))
        if year - 2 >= years[0]:
            out.append(((year - 2) * 12, year * 12 + 11))
            origin = min(month_index(today) - 1, year * 12 + 11)
            if origin >= (year - 2) * 12:
                out.append(((year - 2) * 12, origin))
    return sorted(set(out))


def mask(first: int, last: int, base: int) -> int:
    """The bits of the months first … last."""
    low, high = max(first - base, 0), min(last - base, MONTHS - 1)
    return ((1 << (high - low + 1)) - 1) << low if high >= low else 0


def bit(month: int, base: int) -> int:
    """The bit of one month (0 for a month the bits do not cover)."""
    return 1 << (month - base) if 0 <= month - base < MONTHS else 0


def months_of(bits: int, base: int) -> set[int]:
    return {base + i for i in range(MONTHS) if bits >> i & 1}
