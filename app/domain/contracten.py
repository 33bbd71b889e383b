"""Rules of aanbieders and contracts, pure (no Flask, no database): the checks on an AGB code, a KvK number,
an IBAN, a contract period and a tarief, each with a Dutch message for the field.

- AGB code: 8 digits (iStandaarden LDT_AgbCode `[0-9]{8}`). Vektis, the register, publishes no check digit.
- KvK-nummer: 8 digits. The KvK says it is a sequence number in the Handelsregister "zonder verdere logica":
  there is no official check digit (an elfproef would refuse real numbers), so the check is the form.
- IBAN: ISO 13616 mod-97 and the country's length and format, by python-stdnum (domain/sepa.py).

>>> agb_problem("4242 0001"), agb_problem("4242001")
(None, 'Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 42420001.')
>>> kvk_problem("3012 3456"), kvk_problem("00000000")
(None, 'Een KvK-nummer bestaat uit 8 cijfers en is nooit 00000000.')
>>> overlaps(date(2026, 1, 1), None, date(2025, 1, 1), date(2025, 12, 31))
False
>>> overlaps(date(2026, 1, 1), None, date(2025, 1, 1), date(2026, 1, 1))
True
>>> tarief_cent_from("32,50"), tarief_cent_from("1.150,00"), tarief_cent_from("0")
(3250, 115000, None)
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .sepa import SepaError, normalize_iban

_EIGHT_DIGITS = re.compile(r"[0-9]{8}")
#: The largest amount an iWmo/iJw Bedrag holds (LDT_Bedrag: 8 digits, cents).
MAX_CENT = 99_999_999
#: The states of an aanbieder in a gemeente.
STATUSSEN = {"actief": "Actief", "beeindigd": "Beëindigd"}


def compact(value: str | None) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def agb_problem(value: str | None) -> str | None:
    code = compact(value)
    if not _EIGHT_DIGITS.fullmatch(code) or code == "00000000":
        return "Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 42420001."
    return None


def kvk_problem(value: str | None) -> str | None:
    number = compact(value)
    if not _EIGHT_DIGITS.fullmatch(number) or number == "00000000":
        return "Een KvK-nummer bestaat uit 8 cijfers en is nooit 00000000."
    return None


def iban_problem(value: str | None) -> str | None:
    try:
        normalize_iban(value or "")
    except SepaError as exc:
        return f"{exc}. Controleer het rekeningnummer (bijvoorbeeld NL91 ABNA 0417 1643 00)."
    return None


def overlaps(begin: date, end: date | None, other_begin: date, other_end: date | None) -> bool:
    """Whether two periods (an end of None: open) share at least one day."""
    return (end is None or other_begin <= end) and (other_end is None or begin <= other_end)


def tarief_cent_from(text: str | None) -> int | None:
    """Euro text as typed (Dutch '32,50' or '1.150,00', or '32.50') → cents; None when it is no positive amount
    of whole cents within what a declaratie line can carry (LDT_Bedrag)."""
    return _cents(text, MAX_CENT)


def plafond_cent_from(text: str | None) -> int | None:
    """Like `tarief_cent_from`, for a plafond (below ten billion euro)."""
    return _cents(text, 10**12 - 1)


def _cents(text: str | None, maximum: int) -> int | None:
    value = (text or "").strip().replace("€", "").replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        return None
    cents = int(amount * 100)
    return cents if cents <= maximum else None
