"""A Dutch address as a consulent types it: postcode (1234 AB), huisnummer with huisletter and toevoeging,
checked as the BRP and the iWmo/iJw messages (LDT_Postcode, LDT_Huisnummer, LDT_Huisletter,
LDT_HuisnummerToevoeging) accept them. Pure functions, Dutch messages per field."""
import re

from .input import text_problem

#: A Dutch postcode (CS089): four digits, the first not 0, and two letters.
POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_TOEVOEGING = re.compile(r"[A-Za-z0-9]{1,4}")
LABELS = {"straat": "Straat", "huisnummer": "Huisnummer", "huisletter": "Huisletter",
          "toevoeging": "Toevoeging", "postcode": "Postcode", "woonplaats": "Woonplaats"}


def normal_postcode(value: str | None) -> str:
    """'1234ab', '1234 AB ' → '1234AB' (what POSTCODE checks); '' when empty."""
    return "".join((value or "").split()).upper()


def huisnummer_text(nummer: str, letter: str | None, toevoeging: str | None) -> str:
    """The one huisnummer text the register keeps: '12', '12a', '12-2', '12a-bis' (the dash before a
    toevoeging, so that it is never read as a huisletter)."""
    return f"{nummer}{letter or ''}" + (f"-{toevoeging}" if toevoeging else "")


def check_address(values: dict) -> tuple[dict, dict]:
    """(clean values, field → Dutch message). Every field is required but huisletter and toevoeging."""
    clean = {name: " ".join((values.get(name) or "").split()) for name in LABELS}
    errors = {name: problem for name, value in clean.items()
              if (problem := text_problem(value, LABELS[name], one_line=True))}
    if not clean["straat"]:
        errors.setdefault("straat", "Vul de straat in.")
    elif len(clean["straat"]) > 200:
        errors.setdefault("straat", "De straat is te lang (hoogstens 200 tekens).")
    if not re.fullmatch(r"[1-9][0-9]{0,4}", clean["huisnummer"]):
        errors.setdefault("huisnummer", "Vul het huisnummer in als een getal van 1 tot 99999, zonder letter of "
                                        "toevoeging (die hebben een eigen vak).")
    if clean["huisletter"] and not re.fullmatch(r"[A-Za-z]", clean["huisletter"]):
        errors.setdefault("huisletter", "Een huisletter is één letter, bijvoorbeeld a.")
    if clean["toevoeging"] and not _TOEVOEGING.fullmatch(clean["toevoeging"]):
        errors.setdefault("toevoeging", "Een toevoeging is hoogstens 4 letters of cijfers, bijvoorbeeld 2 of bis.")
    postcode = normal_postcode(clean["postcode"])
    if not POSTCODE.fullmatch(postcode):
        errors.setdefault("postcode", "Vul een Nederlandse postcode in: vier cijfers en twee letters, "
                                      "bijvoorbeeld 3441 AB.")
    else:
        clean["postcode"] = f"{postcode[:4]} {postcode[4:]}"
    if not clean["woonplaats"]:
        errors.setdefault("woonplaats", "Vul de woonplaats in.")
    elif len(clean["woonplaats"]) > 100:
        errors.setdefault("woonplaats", "De woonplaats is te lang (hoogstens 100 tekens).")
    return clean, errors
