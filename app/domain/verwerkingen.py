"""Plain Dutch for the 'wie heeft mijn gegevens bekeken' page: who (role and organisation, not staff
names), what and why, from one processing-log record.

Staff are named by role and organisation only (DOMAIN-NOTES §3): an inwoner who wants the names can
ask the gemeente with an inzageverzoek (art. 15 AVG). A gemachtigde is named: the inwoner chose them."""
import re
from dataclasses import dataclass
from datetime import datetime

WHO_BY_ROLE = {
    "consulent": "Een consulent van de gemeente",
    "beoordelaar": "Een beoordelaar van de gemeente (tweede controle)",
    "backoffice": "Een medewerker van de administratie van de gemeente",
    "contractmanager": "Een contractmanager van de gemeente",
    "procesontwerper": "Een procesontwerper van de gemeente",
    "beheerder": "Een beheerder van de gemeente",
    "privacy": "De privacyfunctionaris van de gemeente",
    "jurist": "Een jurist van de gemeente (bezwaar)",
    "systeem": "Het systeem van de gemeente (automatisch)",
    "inwoner": "U zelf",
}

WHAT_BY_ACTION = {"lezen": "bekeken", "aanmaken": "vastgelegd", "wijzigen": "gewijzigd",
                  "exporteren": "afschrift gemaakt", "verstrekken": "doorgegeven", "ontvangen": "ontvangen",
                  "vastgelegd": "vastgelegd", "raadplegen": "bekeken"}


@dataclass(frozen=True)
class Verwerking:
    at: datetime
    wie: str
    wat: str
    handeling: str
    waarom: str
    grondslag: str


def who(role: str, actor_name: str | None, aanbieder_naam: str | None) -> str:
    """'Een consulent van de gemeente', 'Zorgaanbieder Thuiszorg Het Groene Hart', 'Gemachtigde Kees Bakker'."""
    if role == "gemachtigde":
        return f"Gemachtigde {actor_name}" if actor_name else "Een gemachtigde"
    if role == "aanbieder":
        return f"Zorgaanbieder {aanbieder_naam}" if aanbieder_naam else "Een zorgaanbieder"
    return WHO_BY_ROLE.get(role, "Een medewerker van de gemeente")


def describe(*, at, role, actor_name, aanbieder_naam, action, description, activity_naam, grondslag) -> Verwerking:
    return Verwerking(at=at, wie=who(role, actor_name, aanbieder_naam), wat=description,
                      handeling=WHAT_BY_ACTION.get(action, action), waarom=activity_naam, grondslag=grondslag)


#: The iWmo/iJw messages by their number, as an inwoner would say it (B1: no message codes).
BERICHT_IN_WOORDEN = {
    "301": "Opdracht voor uw zorg", "302": "Antwoord op de opdracht voor uw zorg",
    "305": "Bericht dat uw zorg is begonnen", "306": "Antwoord op het bericht dat uw zorg is begonnen",
    "307": "Bericht dat uw zorg is gestopt", "308": "Antwoord op het bericht dat uw zorg is gestopt",
    "315": "Verzoek om uw zorg te mogen leveren", "316": "Antwoord op het verzoek om uw zorg te leveren",
    "317": "Verzoek om uw zorg te veranderen", "318": "Antwoord op het verzoek om uw zorg te veranderen",
    "319": "Antwoord van de gemeente op een verzoek over uw zorg", "320": "Antwoord op het antwoord van de gemeente",
    "323": "Rekening van de zorgaanbieder voor uw zorg", "325": "Antwoord op de rekening voor uw zorg",
}
_BERICHT = re.compile(r"\b(?:WMO|JW)(\d{3})\b")
_AANBIEDER = re.compile(r"\b(van|aan) aanbieder (\d{8})\b")
_VERWERKT = re.compile(r"^(.*?) van zorgaanbieder (.+?) verwerkt$")

#: The 'wie' filter: label and the actor roles it stands for.
WIE_FILTER = {
    "gemeente": ("Medewerkers van de gemeente", ("consulent", "beoordelaar", "backoffice", "contractmanager",
                                                "procesontwerper", "beheerder", "privacy", "jurist")),
    "zorgaanbieder": ("Zorgaanbieders", ("aanbieder",)),
    "gemachtigde": ("Gemachtigden", ("gemachtigde",)),
    "systeem": ("Het systeem van de gemeente (automatisch)", ("systeem",)),
}


def in_words(description: str, aanbieders: dict[str, str]) -> str:
    """A log description without message codes and AGB numbers.

    >>> in_words("WMO305 van aanbieder 42420001 verwerkt", {"42420001": "Thuiszorg Het Groene Hart"})
    'Bericht dat uw zorg is begonnen, ontvangen van zorgaanbieder Thuiszorg Het Groene Hart'
    >>> in_words("JW301 aan aanbieder 12345678 in zaak Z-2026-000001", {})
    'Opdracht voor uw zorg aan de zorgaanbieder in zaak Z-2026-000001'
    """
    text = _BERICHT.sub(lambda m: BERICHT_IN_WOORDEN.get(m.group(1), "Bericht over uw zorg"), description or "")
    text = _AANBIEDER.sub(lambda m: f"{m.group(1)} zorgaanbieder {aanbieders[m.group(2)]}" if m.group(2) in aanbieders
                          else f"{m.group(1)} de zorgaanbieder", text)
    verwerkt = _VERWERKT.match(text)
    if verwerkt:
        return f"{verwerkt.group(1)}, ontvangen van zorgaanbieder {verwerkt.group(2)}"
    return re.sub(r" van de zorgaanbieder verwerkt$", ", ontvangen van de zorgaanbieder", text)


def agb_codes_in(descriptions) -> set[str]:
    return {m.group(2) for d in descriptions for m in _AANBIEDER.finditer(d or "")}


@dataclass(frozen=True)
class Groep:
    """Records of one day with the same who, what and why: a list opened five times is one line, 'vijf keer'."""

    eerste: datetime
    laatste: datetime
    aantal: int
    wie: str
    wat: str
    handeling: str
    waarom: str
    grondslag: str


def group(rows: list[Verwerking], day_of) -> list[Groep]:
    """`rows` (newest first) grouped per day (`day_of(at)`) and who/what/why, in the order of their newest."""
    groups: dict[tuple, list[Verwerking]] = {}
    for row in rows:
        groups.setdefault((day_of(row.at), row.wie, row.wat, row.handeling, row.waarom), []).append(row)
    return [Groep(eerste=items[-1].at, laatste=items[0].at, aantal=len(items), wie=items[0].wie, wat=items[0].wat,
                  handeling=items[0].handeling, waarom=items[0].waarom, grondslag=items[0].grondslag)
            for items in groups.values()]
