"""The persoonsgebonden budget (pgb): the conditions the college checks before it grants one (Wmo 2015 art. 2.3.6
lid 2; Jeugdwet art. 8.1.1 lid 2) and the amount, reckoned from the tarief of the cheapest adequate zorg in natura
(a pgb dearer than that may be refused, Wmo art. 2.3.6 lid 5 onder a), never from a cost estimate. Pure.

>>> pgb_bedrag(3150, 3, "per_week")
(Decimal('4914.00'), 'jaar')
>>> pgb_bedrag(3150, 10, "totaal_binnen_geldigheidsduur")
(Decimal('315.00'), 'totaal')
>>> unmet({"pgb_beheer": True, "pgb_motivering": "Eigen hulp die ik ken.", "pgb_kwaliteit": False})[0][:30]
'de hulp die de inwoner inkoopt'
"""
from decimal import Decimal

#: Periods of an omvang in a year; 'totaal_binnen_geldigheidsduur' is one amount for the whole beschikking.
PER_JAAR = {"per_week": 52, "per_maand": 12}
ARTIKEL = {"wmo": "artikel 2.3.6 lid 2 van de Wmo 2015", "jeugd": "artikel 8.1.1 lid 2 van de Jeugdwet"}


def pgb_bedrag(tarief_cent: int, omvang, frequentie: str) -> tuple[Decimal, str]:
    """(euro, 'jaar' | 'totaal'): the omvang times the tarief per eenheid, per year or for the whole period."""
    per = PER_JAAR.get(frequentie)
    units = Decimal(str(omvang)) * (per or 1)
    return (units * tarief_cent / 100).quantize(Decimal("0.01")), "jaar" if per else "totaal"


def unmet(aanvraag: dict) -> list[str]:
    """The conditions of the law for a pgb that the aanvraag does not meet, in Dutch (empty: all met)."""
    missing = []
    if aanvraag.get("pgb_beheer") is not True:
        missing.append("de inwoner kan het pgb beheren, zelf of met hulp")
    if not (aanvraag.get("pgb_motivering") or "").strip():
        missing.append("de inwoner heeft gemotiveerd waarom hij een pgb wil")
    if aanvraag.get("pgb_kwaliteit") is not True:
        missing.append("de hulp die de inwoner inkoopt is veilig, doeltreffend en cliëntgericht")
    return missing
