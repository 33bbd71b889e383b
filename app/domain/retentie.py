"""Retention rules (Archiefwet 1995 art. 3 and 5; Archiefbesluit 1995 art. 6–8): the bewaartermijnen of the
Selectielijst gemeenten en intergemeentelijke organen 2020 for the zaken of this platform, what a zaak's result
is, from which day its term runs, and when it is due for destruction. Pure, no Flask, no database.

Source of the terms: the Selectielijst 2020 as the VNG publishes it in its Selectielijst API (referentielijsten,
fixture `selectielijst_2020_resultaten.json` of VNG-Realisatie/VNG-referentielijsten), procestype 8
"Voorzieningen verstrekken" (procesobject: de voorziening):

- 8.1.1 Verstrekt, WMO voorziening: vernietigen, 15 jaar (Wmo 2015 art. 5.3.4 en 5.3.5);
- 8.1.2 Verstrekt, Individuele jeugdhulp voorziening: vernietigen, 20 jaar (Jeugdwet art. 7.3.8 lid 3 en 7.3.9);
- 8.2 Geweigerd: vernietigen, 5 jaar (risicoanalyse; no Wmo- or Jeugd-specific line);
- 8.4 Afgebroken: vernietigen, 1 jaar (a melding or aanvraag that ended without a besluit, e.g. withdrawn).

The list's own start (brondatum) for 8.1.1/8.1.2 is "nihil": the end of the process. We start later, when the
zaak is closed AND its care has ended (the last toewijzing's end or stop, the last declared period), because
the Wmo and the Jeugdwet count their 15 and 20 years from the moment the data are no longer needed for the
voorziening. A later start keeps a zaak longer, never shorter.

>>> due_on(date(2020, 2, 29), 5)
datetime.date(2025, 2, 28)
"""
from dataclasses import dataclass
from datetime import date
from .input import is_digits

SELECTIELIJST = "Selectielijst gemeenten en intergemeentelijke organen 2020"
DOMEINEN = {"wmo": "Wmo 2015", "jeugd": "Jeugdwet"}
RESULTATEN = {"toegekend": "Toegekend (voorziening verstrekt)", "afgewezen": "Afgewezen (geweigerd)",
              "zonder_besluit": "Zonder besluit (ingetrokken of afgebroken)"}
#: Bounds a term must keep: a negative or zero term would destroy at once, over 120 years is no term.
MIN_JAREN, MAX_JAREN = 1, 120


@dataclass(frozen=True)
class Termijn:
    domein: str
    resultaat: str
    jaren: int
    categorie: str
    grondslag: str


DEFAULTS = (
    Termijn("wmo", "toegekend", 15, "8.1.1", f"{SELECTIELIJST}, 8.1.1 Verstrekt: WMO voorziening; "
            "Wmo 2015 art. 5.3.4 en 5.3.5"),
    Termijn("jeugd", "toegekend", 20, "8.1.2", f"{SELECTIELIJST}, 8.1.2 Verstrekt: individuele jeugdhulp "
            "voorziening; Jeugdwet art. 7.3.8 lid 3 en 7.3.9"),
    Termijn("wmo", "afgewezen", 5, "8.2", f"{SELECTIELIJST}, 8.2 Geweigerd (risicoanalyse)"),
    Termijn("jeugd", "afgewezen", 5, "8.2", f"{SELECTIELIJST}, 8.2 Geweigerd (risicoanalyse)"),
    Termijn("wmo", "zonder_besluit", 1, "8.4", f"{SELECTIELIJST}, 8.4 Afgebroken (risicoanalyse)"),
    Termijn("jeugd", "zonder_besluit", 1, "8.4", f"{SELECTIELIJST}, 8.4 Afgebroken (risicoanalyse)"),
)
SOORTEN = tuple((t.domein, t.resultaat) for t in DEFAULTS)


def default(domein: str, resultaat: str) -> Termijn:
    return next(t for t in DEFAULTS if (t.domein, t.resultaat) == (domein, resultaat))


def parse_jaren(raw) -> int:
    """A term in whole years from a form field; ValueError with a Dutch message otherwise."""
    text = str(raw if raw is not None else "").strip()
    if not is_digits(text.lstrip("-")):
        raise ValueError("Vul de bewaartermijn in als een heel aantal jaren, bijvoorbeeld 15.")
    jaren = int(text)
    if jaren < MIN_JAREN:
        raise ValueError(f"Een bewaartermijn is minstens {MIN_JAREN} jaar; {jaren} zou de zaken meteen vernietigen.")
    if jaren > MAX_JAREN:
        raise ValueError(f"Een bewaartermijn van {jaren} jaar is niet aannemelijk; het maximum is {MAX_JAREN} jaar.")
    return jaren


def resultaat_of(besluiten: list[str]) -> str:
    """The result of a closed zaak from its beschikkingen' besluit ('toekennen'/'afwijzen')."""
    if "toekennen" in besluiten:
        return "toegekend"
    if "afwijzen" in besluiten:
        return "afgewezen"
    return "zonder_besluit"


def einde(closed_on: date | None, zorg_einden: list[date | None]) -> date | None:
    """The day the term starts: the latest of the zaak's closing and the end of each piece of care; None while
    the zaak is open or some care has no end yet (a toewijzing without einddatum or stop)."""
    if closed_on is None or any(e is None for e in zorg_einden):
        return None
    return max([closed_on, *zorg_einden])


def due_on(start: date, jaren: int) -> date:
    """The first day the zaak may be destroyed: `jaren` years after `start` (29 February → 28 February)."""
    try:
        return start.replace(year=start.year + jaren)
    except ValueError:
        return start.replace(year=start.year + jaren, day=28)
