"""The inwoner's preference for an aanbieder in the melding (#12 point 6): a choice among the aanbieders of the
sociale kaart of their gemeente — the published maatwerk entries, whose aanbieder has a contract there — for the
chosen law (Wmo or Jeugd). Optional; an aanbieder not on the kaart for that law is named beside the field."""
from sqlalchemy import select

from .. import db
from ..domain.input import is_digits
from ..models import Aanbieder, KaartDienst, KaartOrganisatie

DOMEIN_WOORDEN = {"wmo": "Wmo", "jeugd": "Jeugd"}


def _offered(gemeente_id: int) -> dict[int, tuple[str, set[str]]]:
    """aanbieder id → (name, the laws it offers maatwerk for on the kaart)."""
    found: dict[int, tuple[str, set[str]]] = {}
    for aanbieder_id, naam, domein in db.session.execute(
            select(Aanbieder.id, Aanbieder.naam, KaartDienst.domein)
            .join(KaartOrganisatie, KaartOrganisatie.aanbieder_id == Aanbieder.id)
            .join(KaartDienst, KaartDienst.organisatie_id == KaartOrganisatie.id)
            .where(KaartDienst.gemeente_id == gemeente_id, KaartDienst.soort == "maatwerk",
                   KaartDienst.gepubliceerd.is_(True))):
        laws = found.setdefault(aanbieder_id, (naam, set()))[1]
        laws.update(("wmo", "jeugd") if domein == "beide" else (domein,))
    return found


def choices(gemeente_id: int) -> list[tuple[str, str]]:
    """(aanbieder id, 'Naam (Wmo en Jeugd)') for the melding form, by name."""
    return [(str(i), f"{naam} ({' en '.join(DOMEIN_WOORDEN[d] for d in ('wmo', 'jeugd') if d in laws)})")
            for i, (naam, laws) in sorted(_offered(gemeente_id).items(), key=lambda item: item[1][0])]


def check(gemeente_id: int, domein: str, voorkeur: str) -> tuple[int | None, str | None]:
    """The chosen aanbieder's id (None: no preference), or a Dutch message for the field."""
    text = (voorkeur or "").strip()
    if not text:
        return None, None
    offered = _offered(gemeente_id)
    aanbieder_id = int(text) if is_digits(text) and len(text) < 10 else None
    if aanbieder_id not in offered:
        return None, "Deze zorgaanbieder staat niet op de sociale kaart van uw gemeente. Kies er een uit de lijst, of geen."
    if domein in DOMEIN_WOORDEN and domein not in offered[aanbieder_id][1]:
        return None, (f"{offered[aanbieder_id][0]} biedt geen hulp voor {DOMEIN_WOORDEN[domein]} op de sociale kaart. "
                      "Kies een andere zorgaanbieder, of geen.")
    return aanbieder_id, None
