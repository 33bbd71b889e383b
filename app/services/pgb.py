"""What the chain asks before and when it grants a pgb (Wmo 2015 art. 2.3.6; Jeugdwet art. 8.1.1): the aanvraag
records the conditions of lid 2 (can the inwoner manage it, why a pgb, the quality of the care bought), a besluit
cannot grant a pgb whose conditions are not met, and the beschikking states the amount reckoned from the lowest
contract tarief of the product (contract_tarieven.py), not the consulent's cost estimate. Read only, inside the
caller's transaction."""
from datetime import date

from sqlalchemy import select

from ..domain.deadlines import format_date_nl
from ..domain.pgb import ARTIKEL, pgb_bedrag, unmet
from ..models import HumanTask, Product, Zaak
from .contract_tarieven import laagste_tarief_cent


def pgb_errors(session, zaak: Zaak, spec_name: str, data: dict) -> dict[str, str]:
    """Field → Dutch message for the aanvraag and the besluit of a pgb (empty when all is well or no pgb)."""
    if spec_name == "aanvraag_registreren" and data.get("leveringsvorm") == "pgb":
        return _aanvraag_errors(session, zaak, data)
    if spec_name == "besluit_voorbereiden" and data.get("besluit") == "toekennen":
        aanvraag = _aanvraag(session, zaak.id)
        if aanvraag.get("leveringsvorm") == "pgb" and (missing := unmet(aanvraag)):
            return {"besluit": (f"Een pgb kan alleen worden toegekend als voldaan is aan {ARTIKEL[zaak.domein]}. "
                                f"Bij de aanvraag is niet vastgelegd dat {'; en dat '.join(missing)}. "
                                "Wijs de aanvraag af, of bespreek zorg in natura met de inwoner.")}
    return {}


def pgb_fields(session, zaak: Zaak, data: dict) -> dict:
    """The beschikking's pgb amount, tarief and period ('jaar' or 'totaal'); empty for zorg in natura."""
    if data.get("leveringsvorm") != "pgb":
        return {}
    tarief = _tarief(session, zaak, data)
    if tarief is None:
        return {}
    bedrag, per = pgb_bedrag(tarief, data.get("omvang") or 0, data.get("frequentie") or "")
    return {"pgb_tarief_cent": tarief, "pgb_bedrag": bedrag, "pgb_per": per}


def _aanvraag_errors(session, zaak: Zaak, data: dict) -> dict[str, str]:
    product = _product(session, zaak, data)
    day = _day(data)
    if product is None or day is None:
        return {}  # the form names the missing product or date itself
    if data.get("eenheid") not in (None, product.eenheid):
        return {"eenheid": (f"Een pgb rekent de gemeente uit met het tarief per eenheid van {product.productcode}: "
                            f"kies de eenheid van het product (code {product.eenheid}).")}
    if laagste_tarief_cent(session, zaak.gemeente_id, product.id, day) is None:
        return {"productcode": (f"Voor {product.productcode} ({product.omschrijving}) is op {format_date_nl(day)} "
                                "geen contracttarief, dus de hoogte van een pgb is niet te bepalen. Kies een ander "
                                "product of een andere ingangsdatum.")}
    return {}


def _tarief(session, zaak: Zaak, data: dict) -> int | None:
    product, day = _product(session, zaak, data), _day(data)
    return laagste_tarief_cent(session, zaak.gemeente_id, product.id, day) if product and day else None


def _product(session, zaak: Zaak, data: dict) -> Product | None:
    code = data.get("productcode")
    return session.scalar(select(Product).where(Product.domein == zaak.domein, Product.productcode == code)) \
        if isinstance(code, str) else None


def _day(data: dict) -> date | None:
    try:
        return date.fromisoformat(data.get("ingangsdatum") or "")
    except (TypeError, ValueError):
        return None


def _aanvraag(session, zaak_id: int) -> dict:
    """What the aanvraag of the zaak was registered with (its latest completed task)."""
    return session.scalar(select(HumanTask.data).where(
        HumanTask.zaak_id == zaak_id, HumanTask.spec_name == "aanvraag_registreren", HumanTask.status == "completed")
        .order_by(HumanTask.completed_at.desc()).limit(1)) or {}
