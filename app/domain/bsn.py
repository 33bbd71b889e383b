"""Burgerservicenummer (BSN, Wet algemene bepalingen burgerservicenummer): 9 digits that pass
the elfproef; the check itself is python-stdnum's `stdnum.nl.bsn`, with Dutch messages added.

>>> validate_bsn('9999.00.006')
'999900006'
>>> is_valid_bsn('999900007')
False
>>> validate_bsn('999900007')
Traceback (most recent call last):
    ...
app.domain.bsn.InvalidBSN: Dit is geen geldig BSN (elfproef)
>>> validate_bsn('1234567890')
Traceback (most recent call last):
    ...
app.domain.bsn.InvalidBSN: Het BSN moet uit 9 cijfers bestaan
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as _stdnum_bsn
from .input import is_digits

MSG_LENGTE = "Het BSN moet uit 9 cijfers bestaan"
MSG_ELFPROEF = "Dit is geen geldig BSN (elfproef)"


class InvalidBSN(ValueError):
    """The value is not a BSN; `message` is the Dutch text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def validate_bsn(value: str) -> str:
    """Return the BSN as 9 digits without separators, or raise InvalidBSN.

    Unlike stdnum we do not pad short input with zeros: the user must type all 9 digits.
    """
    if not isinstance(value, str):
        raise InvalidBSN(MSG_LENGTE)
    digits = "".join(value.split()).replace(".", "").replace("-", "")
    if len(digits) != 9 or not is_digits(digits):
        raise InvalidBSN(MSG_LENGTE)
    try:
        return _stdnum_bsn.validate(digits)
    except ValidationError:  # InvalidChecksum, or InvalidFormat for 000000000
        raise InvalidBSN(MSG_ELFPROEF) from None


def is_valid_bsn(value: str) -> bool:
    """Tell whether `value` is a valid BSN."""
    try:
        validate_bsn(value)
    except InvalidBSN:
        return False
    return True
