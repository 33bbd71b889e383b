"""The rules of a beoordeling (rating) of an aanbieder (#12 point 5): the aspects rated with 1 to 5 stars, the
short text, when care can be rated, and when the public kaart shows the ratings — only from 5 approved ones of
the last 4 years (fewer mislead, and could point at a person), as averages per aspect and the count.

>>> stars_problem("6", "Bejegening")
"Kies bij 'Bejegening' 1 tot en met 5 sterren."
>>> stars_problem("4", "Bejegening") is None
True
>>> window_start(date(2026, 12, 6))
datetime.date(2022, 12, 6)
>>> shown(4), shown(5)
(False, True)
"""
from datetime import date

from .input import is_digits, text_problem
from .sociale_kaart import html_problem

#: aspect (column) → (short label, the question the inwoner answers).
ASPECTEN = {
    "bejegening": ("Bejegening", "Hoe gingen de medewerkers met u om? Vriendelijk en met respect?"),
    "deskundigheid": ("Deskundigheid", "Wisten de medewerkers wat ze deden?"),
    "afspraken": ("Afspraken nakomen", "Kwamen ze op tijd en deden ze wat was afgesproken?"),
}
#: The fewest approved ratings the kaart shows (then averages and count), and over how many years.
MIN_SHOWN, YEARS = 5, 4
TEXT_LONGEST, REASON_LONGEST, REPLY_LONGEST = 1000, 500, 1000
STATUSES = {"te_beoordelen": "Wacht op controle", "goedgekeurd": "Geplaatst", "afgewezen": "Niet geplaatst"}


def stars_problem(value, label: str) -> str | None:
    """The stars of one aspect must be a whole number 1 to 5."""
    text = str(value if value is not None else "").strip()
    if not (is_digits(text) and len(text) == 1 and 1 <= int(text) <= 5):
        return f"Kies bij '{label}' 1 tot en met 5 sterren."
    return None


def free_text_problem(value: str, label: str, longest: int, required: bool = False) -> str | None:
    """Plain text only (no HTML, no control characters), not too long; `required`: not empty."""
    if required and not value.strip():
        return f"Vul '{label}' in."
    problem = text_problem(value, label) or html_problem(value, label)
    if problem:
        return problem
    if len(value) > longest:
        return f"'{label}' is te lang: hooguit {longest} tekens (u schreef er {len(value)})."
    return None


def care_started_problem(start_zorg: date | None, today: date) -> str | None:
    """Care can be rated once it started (the aanbieder reported its start, 305)."""
    if start_zorg is None or start_zorg > today:
        return "U kunt deze zorg beoordelen als de zorg is begonnen. De zorgaanbieder heeft nog niet gemeld dat de zorg is gestart."
    return None


def window_start(today: date) -> date:
    """The first day whose ratings still count: 4 years ago (29 February counts from 28 February)."""
    try:
        return today.replace(year=today.year - YEARS)
    except ValueError:
        return today.replace(year=today.year - YEARS, day=28)


def shown(count: int) -> bool:
    return count >= MIN_SHOWN


def stars_text(average: float) -> str:
    """'4,2 van 5 sterren' (Dutch decimal comma)."""
    return f"{average:.1f}".replace(".", ",") + " van 5 sterren"
