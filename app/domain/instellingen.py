"""The business rules a beheerder may change on the settings page: for each its Dutch label and help,
how the typed text becomes a value (or a Dutch message naming what is wrong) and how a value is shown
again. Pure: no database, no Flask."""
import re
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr
from typing import Callable
from .input import is_digits


@dataclass(frozen=True)
class Spec:
    label: str
    hint: str
    widget: str
    parse: Callable[[str], object]
    show: Callable[[object], str]


def _euro(raw: str) -> float:
    text = (raw or "").strip().replace("€", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError("Vul een bedrag in euro in, bijvoorbeeld 10000 of 10.000,00.") from None
    if not 0 <= value <= 10_000_000:
        raise ValueError("Vul een bedrag van 0 tot 10 miljoen euro in.")
    return round(value, 2)


def _show_euro(value) -> str:
    return f"{float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _cents(raw: str) -> int:
    return round(_euro(raw) * 100)


#: How a decree equating a day with a holiday is written: only a Koninklijk besluit can (Atw art. 3 lid 3), named with
#: its place in the Staatsblad. A shape to fill in, not a citation: the demo knows of no such decree.
DECREE_EXAMPLE = "Koninklijk besluit van [datum], Stb. [jaar], [nummer]"
_ROYAL = re.compile(r"\b(koninklijk\s+besluit|k\.?\s?b\.?)\s", re.IGNORECASE)
_STAATSBLAD = re.compile(r"\b(stb\.?|staatsblad)\s", re.IGNORECASE)


def _holidays(raw: str) -> list[dict]:
    """One line per day: the date (JJJJ-MM-DD or DD-MM-JJJJ) and the Koninklijk besluit that equates it with a
    holiday, with its Staatsblad number (Atw art. 3 lid 3: a college or council cannot equate days)."""
    days = []
    for number, line in enumerate((raw or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        first, _, decree = line.partition(" ")
        try:
            day = date.fromisoformat(first) if "-" in first and len(first.split("-")[0]) == 4 else \
                date(*reversed([int(p) for p in first.split("-")]))
        except (ValueError, TypeError):
            raise ValueError(f"Regel {number}: '{first}' is geen datum; schrijf bijvoorbeeld 2027-06-14 "
                             f"{DECREE_EXAMPLE}.") from None
        decree = " ".join(decree.split())
        if not decree:
            raise ValueError(f"Regel {number}: noem na de datum het Koninklijk besluit dat de dag gelijkstelt met "
                             f"een feestdag (Atw art. 3 lid 3), bijvoorbeeld: {DECREE_EXAMPLE}.")
        if not _ROYAL.search(decree + " ") or not _STAATSBLAD.search(decree + " "):
            raise ValueError(f"Regel {number}: alleen een Koninklijk besluit stelt een dag gelijk met een feestdag "
                             "(Atw art. 3 lid 3), geen besluit van het college of de raad. Noem het besluit met zijn "
                             f"nummer in het Staatsblad, bijvoorbeeld: {DECREE_EXAMPLE}.")
        days.append({"datum": day.isoformat(), "besluit": decree[:200]})
    return sorted(days, key=lambda d: d["datum"])


def _show_holidays(value) -> str:
    return "\n".join(d if isinstance(d, str) else f"{d['datum']} {d['besluit']}" for d in value or [])


def _whole_days(raw: str, low: int, high: int) -> int:
    text = (raw or "").strip()
    if not re.fullmatch(r"\d{1,3}", text) or not low <= int(text) <= high:
        raise ValueError(f"Vul een heel aantal dagen in van {low} tot en met {high}, bijvoorbeeld 7.")
    return int(text)


def _weeks(raw: str) -> int:
    text = (raw or "").strip()
    if not is_digits(text) or not 1 <= int(text) <= 52:
        raise ValueError("Vul een aantal weken in van 1 tot en met 52, bijvoorbeeld 8.")
    return int(text)


def _sender(raw: str) -> str:
    name, address = parseaddr((raw or "").strip())
    if "@" not in address or " " in address or len(raw) > 200:
        raise ValueError("Vul een afzender in als Naam <adres@gemeente.nl> of alleen een e-mailadres.")
    return f"{name} <{address}>" if name else address


SETTINGS = {
    "EXTRA_HOLIDAYS": Spec("Dagen gelijkgesteld aan een feestdag",
                           "Eén dag per regel: de datum en het Koninklijk besluit dat hem gelijkstelt, met zijn "
                           "nummer in het Staatsblad (Atw art. 3 lid 3; alleen de Kroon kan dat, niet het college), "
                           f"bijvoorbeeld 2027-06-14 {DECREE_EXAMPLE}. Termijnen die op zo'n dag eindigen, schuiven "
                           "door naar de volgende werkdag. Cumulus levert geen gelijkgestelde dagen mee, ook de demo "
                           "niet: er is geen Koninklijk besluit bekend dat hier genoemd kan worden.",
                           "textarea", _holidays, _show_holidays),
    "VIER_OGEN_DREMPEL": Spec("Grens vier-ogentoets (euro per jaar)",
                              "Een besluit dat meer kost, beoordeelt een tweede medewerker. Geldt voor nieuwe zaken.",
                              "text", _euro, _show_euro),
    "DECLARATIE_HANDMATIG_VANAF": Spec("Declaratieregel door een medewerker vanaf (euro)",
                                       "Een goedgekeurde regel met dit bedrag of meer gaat eerst langs de backoffice.",
                                       "text", _cents, lambda cents: _show_euro(int(cents) / 100)),
    "SIGNAAL_DAGEN_VOORAF": Spec("Signaal vóór de termijn (dagen)",
                                 "Zoveel dagen voor de laatste dag van een taak krijgt wie de taak heeft (of de rol "
                                 "ervan) een e-mail dat hij binnenkort klaar moet zijn. 0 is alleen op de laatste "
                                 "dag zelf. Een taak over de termijn krijgt altijd een signaal.",
                                 "text", lambda raw: _whole_days(raw, 0, 30), str),
    "HERINDICATIE_WEKEN": Spec("Herindicatie: aantal weken vooraf",
                               "Zoveel weken voordat een beschikking of toewijzing afloopt, of voor de jaarlijkse "
                               "herbeoordeling van een voorziening zonder einddatum, krijgt de consulent de taak "
                               "Herindicatie beoordelen.", "text", _weeks, str),
    "MAIL_FROM": Spec("Afzender van de e-mail", "Bijvoorbeeld Gemeente Woerden <noreply@woerden.nl>.", "text",
                      _sender, str),
}


def holiday_dates(value) -> tuple[date, ...]:
    """The dates of a stored EXTRA_HOLIDAYS value (ISO strings from the environment, or dicts from the page)."""
    return tuple(date.fromisoformat(d if isinstance(d, str) else d["datum"]) for d in value or [])
