"""What input the database and our documents can hold: ids within PostgreSQL's `integer` and text
without control characters, lone surrogates or Unicode non-characters. The edges (URL converter, API
fields, services that take form text) ask these; the messages are Dutch and name the field.

>>> valid_id(2147483647), valid_id(2147483648), valid_id(-1)
(True, False, False)
>>> text_problem("Hulp bij het huishouden\\n- boodschappen\\tdoen") is None
True
>>> text_problem("a\\x00b", "omschrijving")
"'omschrijving' bevat een teken dat niet is toegestaan (een stuurteken of een ongeldig teken)."
>>> text_problem("\\ud800", "tekst") is None
False
>>> text_problem("/zaken\\r\\nSet-Cookie: x", one_line=True) is None
False
>>> text_errors({"tekst": "goed", "telefoon": "06\\x0712345678"}, {"telefoon": "Telefoonnummer"})
{'telefoon': "'Telefoonnummer' bevat een teken dat niet is toegestaan (een stuurteken of een ongeldig teken)."}
"""
import re

#: The largest id a primary key holds: PostgreSQL `integer` (SERIAL), the type of every id column.
MAX_ID = 2**31 - 1

#: C0 controls except tab, line feed and carriage return; DEL and the C1 controls; UTF-16 surrogates
#: (a lone one cannot be stored as UTF-8); U+FFFE/U+FFFF (not allowed in XML, nor in our documents).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: One line (a name, an address to go back to): no tab or line break either.
_FORBIDDEN_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


#: A Dutch postcode as typed (the space optional) and an e-mail address in its simplest plausible shape.
POSTCODE = re.compile(r"[1-9][0-9]{3} ?[A-Za-z]{2}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only: str.isdigit() also says yes to '²' or '١', which int() then refuses
    or reads as a number nobody typed.

    >>> is_digits("0632"), is_digits("²"), is_digits(""), is_digits("12a")
    (True, False, False, False)
    """
    return text.isascii() and text.isdigit()


def valid_id(value: int) -> bool:
    """Whether `value` can be an id of a stored row (ids start at 1)."""
    return 1 <= value <= MAX_ID


def text_problem(value: str, field: str | None = None, one_line: bool = False) -> str | None:
    """A Dutch message when `value` holds a character we do not store (in one line: nor a tab or break)."""
    if not isinstance(value, str) or not (_FORBIDDEN_IN_LINE if one_line else _FORBIDDEN).search(value):
        return None
    subject = f"'{field}'" if field else "De tekst"
    return f"{subject} bevat een teken dat niet is toegestaan (een stuurteken of een ongeldig teken)."


def text_errors(values: dict, labels: dict | None = None) -> dict[str, str]:
    """Field name → Dutch message (naming the field by its label) for each value with a forbidden character."""
    labels = labels or {}
    return {name: problem for name, value in values.items()
            if (problem := text_problem(value, labels.get(name, name)))}


def first_text_problem(value, field: str) -> str | None:
    """The message for the first forbidden character anywhere in `value` (nested lists and dicts, keys too)."""
    if isinstance(value, str):
        return text_problem(value, field)
    if isinstance(value, dict):
        items = [v for pair in value.items() for v in pair]
    elif isinstance(value, list):
        items = value
    else:
        return None
    return next((p for item in items if (p := first_text_problem(item, field))), None)
