"""Klachten and signalen about an aanbieder: their kinds, their states and how they move (open → in behandeling →
afgesloten), and what a text may hold — plain text (no HTML, as on the sociale kaart) of a bounded length.

>>> tekst_problem("De hulp kwam drie keer niet opdagen.", "Wat is er gebeurd?") is None
True
>>> tekst_problem("<b>boos</b>", "Wat is er gebeurd?")
"'Wat is er gebeurd?' bevat HTML (zoals <b> of &amp;). Schrijf gewone tekst, zonder opmaakcodes."
>>> next_states("open"), next_states("afgesloten")
(('in_behandeling', 'afgesloten'), ())
"""
from .input import text_problem
from .sociale_kaart import html_problem

SOORTEN = {"klacht": "Klacht", "signaal": "Signaal"}
#: What each kind means, in the words the form shows.
SOORT_UITLEG = {"klacht": "U bent niet tevreden over de zorg of over hoe de zorgaanbieder met u omgaat.",
                "signaal": "U wilt dat de gemeente iets weet over de zorgaanbieder, zonder dat u een klacht indient."}
STATUSSEN = {"open": "Open", "in_behandeling": "In behandeling", "afgesloten": "Afgesloten"}
#: The state as the inwoner reads it in the portal (B1).
STATUS_INWONER = {"open": "Ontvangen. De gemeente gaat ernaar kijken.",
                  "in_behandeling": "De gemeente is ermee bezig.",
                  "afgesloten": "Afgehandeld."}
BRONNEN = {"consulent": "Consulent", "inwoner": "Inwoner (Mijn zaken)"}
_NEXT = {"open": ("in_behandeling", "afgesloten"), "in_behandeling": ("in_behandeling", "afgesloten"),
         "afgesloten": ()}
MAX_TEKST = 4000


def next_states(status: str) -> tuple[str, ...]:
    """The states a klacht in `status` can move to with a note (a closed one stays closed)."""
    return _NEXT.get(status, ())


def tekst_problem(value: str, label: str, required: bool = True) -> str | None:
    """A Dutch message about a text field of a klacht or note, or None when it can be stored."""
    value = (value or "").strip()
    if not value:
        return f"Vul '{label}' in." if required else None
    if len(value) > MAX_TEKST:
        return f"'{label}' mag niet langer zijn dan {MAX_TEKST} tekens; u schreef er {len(value)}."
    return text_problem(value, label) or html_problem(value, label)
