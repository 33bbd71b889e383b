"""Plafonds (budget ceilings) of contract products: how much of one is used — the approved declaratie lines
(goedgekeurd, in an answered declaratie) of the aanbieder for the product in the gemeente, with a prestatie
date inside the contract period — and the signal to the gemeente's contractmanagers when the use reaches 80%
and 100%: once per product and threshold (plafond_signaal), by e-mail and on their start page.

Called inside the transaction that approves lines (finishing a declaratie); the unique signal row is the
claim, taken in a savepoint so that a signal sent a moment ago by another worker never undoes the declaratie."""
import logging

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..domain.declaratie_check import GOEDGEKEURD
from ..domain.sepa import format_cents
from ..models import (Aanbieder, Contract, ContractProduct, Declaratie, PlafondSignaal, Prestatie, Product,
                      Toewijzing, User)
from .gemeenten import works_for
from .mail import send_mail
from .settings import setting

logger = logging.getLogger(__name__)
DREMPELS = (80, 100)


def used_cent(session, regel: ContractProduct) -> int:
    """Σ approved (debet − credit) of the contract product so far, in cents."""
    contract = regel.contract
    query = (select(Prestatie.debet_credit, func.sum(Prestatie.bedrag_cent))
             .join(Declaratie, Declaratie.id == Prestatie.declaratie_id)
             .join(Toewijzing, Toewijzing.id == Prestatie.toewijzing_id)
             .where(Declaratie.gemeente_id == contract.gemeente_id, Declaratie.aanbieder_id == contract.aanbieder_id,
                    Declaratie.status == "beantwoord", Prestatie.status == GOEDGEKEURD,
                    Toewijzing.product_id == regel.product_id, Prestatie.periode_begin >= contract.ingangsdatum)
             .group_by(Prestatie.debet_credit))
    if contract.einddatum is not None:
        query = query.where(Prestatie.periode_begin <= contract.einddatum)
    totals = dict(session.execute(query).all())
    return int(totals.get("D") or 0) - int(totals.get("C") or 0)


def check_plafonds(session, declaratie: Declaratie) -> list[tuple[ContractProduct, int]]:
    """After `declaratie` was answered: signal every plafond its approved lines brought to 80% or 100%."""
    product_ids = {t for t in session.scalars(
        select(Toewijzing.product_id).join(Prestatie, Prestatie.toewijzing_id == Toewijzing.id)
        .where(Prestatie.declaratie_id == declaratie.id, Prestatie.status == GOEDGEKEURD))}
    if not product_ids:
        return []
    regels = session.scalars(select(ContractProduct).join(Contract, Contract.id == ContractProduct.contract_id)
                             .where(Contract.gemeente_id == declaratie.gemeente_id,
                                    Contract.aanbieder_id == declaratie.aanbieder_id,
                                    ContractProduct.product_id.in_(product_ids),
                                    ContractProduct.plafond_cent.is_not(None)))
    signals = []
    for regel in regels:
        used = used_cent(session, regel)
        reached = [d for d in DREMPELS if used * 100 >= regel.plafond_cent * d]
        new = [d for d in reached if _claim(session, regel, d, used)]
        if new:
            signals.append((regel, max(new)))
            _mail(session, regel, max(new), used)
    return signals


def _claim(session, regel: ContractProduct, drempel: int, used: int) -> bool:
    if session.scalar(select(PlafondSignaal.id).where(PlafondSignaal.contract_product_id == regel.id,
                                                      PlafondSignaal.drempel == drempel)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(PlafondSignaal(gemeente_id=regel.contract.gemeente_id, contract_product_id=regel.id,
                                       drempel=drempel, bedrag_cent=used))
    except IntegrityError:  # another worker signalled it a moment ago
        return False
    return True


def _mail(session, regel: ContractProduct, drempel: int, used: int) -> None:
    contract = regel.contract
    aanbieder, product = session.get(Aanbieder, contract.aanbieder_id), session.get(Product, regel.product_id)
    staff = [u for u in session.scalars(select(User).where(
        User.active.is_(True), User.email.is_not(None), User.roles.contains("contractmanager"),
        works_for(contract.gemeente_id)).order_by(User.id)) if u.has_role("contractmanager")]
    state = "is bereikt" if drempel == 100 else f"is voor {drempel}% gebruikt"
    subject = f"Plafond {state}: {aanbieder.naam}, {product.productcode}"
    body = (f"Goedendag,\n\nHet plafond van contract {contract.kenmerk} met {aanbieder.naam} voor "
            f"{product.productcode} ({product.omschrijving}) {state}.\n\n"
            f"Plafond: € {format_cents(regel.plafond_cent)}\nGoedgekeurd: € {format_cents(used)}\n\n"
            f"Bekijk het contract in Cumulus: {setting('PUBLIC_URL')}/contracten/contracten/{contract.id}\n\n"
            "U krijgt dit bericht omdat u contractmanager bent van deze gemeente.\n")
    for user in staff:
        send_mail(session, user.email, subject, body)
    logger.info("Plafond signal %s%% of contract product %s mailed to %d people", drempel, regel.id, len(staff))
