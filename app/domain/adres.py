"""An address as a consulent types it: postcode (1234 AB), huisnummer with huisletter and toevoeging,
checked as the BRP and the iWmo/iJw messages (LDT_Postcode, LDT_Huisnummer, LDT_Huisletter,
LDT_HuisnummerToevoeging) accept them; an address abroad has its land (LandCode) and a postcode as written
there (CS089 asks the Dutch format only when the land is NL). Pure functions, Dutch messages per field."""
import re

from .input import text_problem

#: A Dutch postcode (CS089): four digits, the first not 0, and two letters.
POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_TOEVOEGING = re.compile(r"[A-Za-z0-9]{1,4}")
NEDERLAND = "NL"
#: A postcode abroad as the messages take it (LDT_Postcode): 1 to 8 characters.
POSTCODE_BUITENLAND = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,7}")
LABELS = {"land": "Land", "straat": "Straat", "huisnummer": "Huisnummer", "huisletter": "Huisletter",
          "toevoeging": "Toevoeging", "postcode": "Postcode", "woonplaats": "Woonplaats", "telefoon": "Telefoonnummer"}
#: A Dutch telefoonnummer as dialled in the Netherlands: 0 and nine digits, the second not 0.
TELEFOON = re.compile(r"0[1-9][0-9]{8}")
#: The Landnummer that goes with it in a message (CDT_Telefoon).
LANDNUMMER = "0031"


def normal_postcode(value: str | None) -> str:
    """'1234ab', '1234 AB ' → '1234AB' (what POSTCODE checks); '' when empty."""
    return "".join((value or "").split()).upper()


def normal_telefoon(value: str | None) -> str:
    """'06-12 34 56 78', '+31 (0)6 12345678', '0031612345678' → '0612345678' (what TELEFOON checks)."""
    digits = re.sub(r"[\s\-.()/]", "", (value or "").replace("(0)", ""))
    for prefix in ("+31", "0031"):
        if digits.startswith(prefix):
            return "0" + digits[len(prefix):]
    return digits


def huisnummer_text(nummer: str, letter: str | None, toevoeging: str | None) -> str:
    """The one huisnummer text the register keeps: '12', '12a', '12-2', '12a-bis' (the dash before a
    toevoeging, so that it is never read as a huisletter)."""
    return f"{nummer}{letter or ''}" + (f"-{toevoeging}" if toevoeging else "")


def check_address(values: dict, landen=(NEDERLAND,)) -> tuple[dict, dict]:
    """(clean values, field → Dutch message). Every field is required but huisletter, toevoeging and telefoon;
    `land` is one of the LandCodes `landen` (Nederland when not given)."""
    clean = {name: " ".join((values.get(name) or "").split()) for name in LABELS}
    clean["land"] = clean["land"].upper() or NEDERLAND
    errors = {name: problem for name, value in clean.items()
              if (problem := text_problem(value, LABELS[name], one_line=True))}
    if clean["land"] not in landen:
        errors.setdefault("land", "Kies het land uit de lijst.")
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
    if clean["land"] != NEDERLAND:
        if not POSTCODE_BUITENLAND.fullmatch(clean["postcode"]):
            errors.setdefault("postcode", "Vul de postcode in zoals die in dat land geschreven wordt: hoogstens 8 "
                                          "letters, cijfers, spaties of streepjes.")
    elif not POSTCODE.fullmatch(postcode):
        errors.setdefault("postcode", "Vul een Nederlandse postcode in: vier cijfers en twee letters, "
                                      "bijvoorbeeld 3441 AB.")
    else:
        clean["postcode"] = f"{postcode[:4]} {postcode[4:]}"
    if not clean["woonplaats"]:
        errors.setdefault("woonplaats", "Vul de woonplaats in.")
    elif len(clean["woonplaats"]) > 100:
        errors.setdefault("woonplaats", "De woonplaats is te lang (hoogstens 100 tekens).")
    if clean["telefoon"]:
        telefoon = normal_telefoon(clean["telefoon"])
        if not TELEFOON.fullmatch(telefoon):
            errors.setdefault("telefoon", "Vul een Nederlands telefoonnummer in van tien cijfers, bijvoorbeeld "
                                          "0348 123456 of 06 12345678.")
        else:
            clean["telefoon"] = telefoon
    return clean, errors
