"""Plain Dutch for the 'wie heeft mijn gegevens bekeken' page: who (role and organisation, not staff
names), what and why, from one processing-log record.

Staff are named by role and organisation only (DOMAIN-NOTES §3): an inwoner who wants the names can
ask the gemeente with an inzageverzoek (art. 15 AVG). A gemachtigde is named: the inwoner chose them."""
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
    "systeem": "Het systeem van de gemeente (automatisch)",
    "inwoner": "U zelf",
}

WHAT_BY_ACTION = {"lezen": "bekeken", "aanmaken": "vastgelegd", "wijzigen": "gewijzigd",
                  "exporteren": "afschrift gemaakt"}


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
