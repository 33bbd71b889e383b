"""Use case: the controller sets the budget of a gemeente for a year per productcategorie on the rapportage's
budget page. Every amount is checked (each problem named in Dutch, nothing stored then); the changed ones are
stored in one transaction and audited old → new."""
import logging
import re
from datetime import date

from sqlalchemy import select

from ..domain import policy
from ..models import Budget
from ..models.base import utcnow
from . import audit
from .errors import Forbidden, InvalidInput
from .rapportage.scope import FIRST_YEAR, categorieen
from .uow import unit_of_work

logger = logging.getLogger(__name__)
MAX_CENT = 10**14  # € 1 biljoen: more is a typing mistake
_AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$")


def parse_amount(raw: str) -> int | None:
    """'1.250.000' or '1250000,50' (euro, Dutch notation) → cents; '' → None (no budget). ValueError if wrong."""
    text = (raw or "").strip().removeprefix("€").strip()
    if not text:
        return None
    if not _AMOUNT.match(text):
        raise ValueError("Vul een bedrag in euro in, zoals 1.250.000 of 1250000,50.")
    euros, _, cents = text.replace(".", "").partition(",")
    value = int(euros) * 100 + int((cents + "00")[:2])
    if value >= MAX_CENT:
        raise ValueError("Dit bedrag is te groot; controleer het aantal cijfers.")
    return value


def budgets_for(gemeente_id: int, jaar: int) -> dict[str, int]:
    from .. import db
    return {k: v for k, v in db.session.execute(select(Budget.productcategorie, Budget.bedrag_cent).where(
        Budget.gemeente_id == gemeente_id, Budget.jaar == jaar))}


def set_budgets(actor, gemeente, jaar: int, raw: dict[str, str]) -> list[str]:
    """Store the budgets in `raw` (productcategorie → amount text) of `gemeente` for `jaar` that changed; an
    empty amount removes the budget. Returns the categories that changed."""
    decision = policy.decide(actor, "budget.beheren", gemeente)
    if not decision:
        raise Forbidden(decision.reason)
    known = {cat for cat, _d, _n in categorieen()}
    errors, values = {}, {}
    if not FIRST_YEAR <= jaar <= date.today().year + 5:
        errors["jaar"] = f"Kies bij 'Jaar' een jaar van {FIRST_YEAR} tot en met {date.today().year + 5}."
    for cat, text in raw.items():
        if cat not in known:
            errors[f"budget-{cat}"] = f"Productcategorie '{cat}' staat niet in de productcatalogus."
            continue
        try:
            values[cat] = parse_amount(text)
        except ValueError as exc:
            errors[f"budget-{cat}"] = str(exc)
    if errors:
        raise InvalidInput("Het budget is niet opgeslagen.", errors=errors)
    changed = []
    with unit_of_work() as session:
        rows = {b.productcategorie: b for b in session.scalars(select(Budget).where(
            Budget.gemeente_id == gemeente.id, Budget.jaar == jaar))}
        for cat, value in values.items():
            row = rows.get(cat)
            old = row.bedrag_cent if row else None
            if old == value:
                continue
            if row is None:
                row = Budget(gemeente_id=gemeente.id, jaar=jaar, productcategorie=cat, bedrag_cent=value)
                session.add(row)
            elif value is None:
                session.delete(row)
            if value is not None:
                row.bedrag_cent, row.gewijzigd_op, row.gewijzigd_door_id = value, utcnow(), actor.id
            session.flush()
            audit.record(session, actor, "budget.wijzigen", row,
                         {f"budget {jaar} categorie {cat}": [_euro(old), _euro(value)]})
            changed.append(cat)
    logger.info("Budget %s %s changed by %s: %s", gemeente.code, jaar, actor.username, ", ".join(changed) or "none")
    return changed


def _euro(cents: int | None) -> str | None:
    return None if cents is None else f"{cents / 100:.2f}"
