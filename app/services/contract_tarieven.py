"""What the chain asks of the contracts (read only, inside the caller's transaction): the tarieven by date
of a product at an aanbieder in a gemeente (the declaratie check, TR418), which aanbieders have a contract a
beschikking in natura may choose, and whether the chosen one has a contract for the product on its start date.

The toewijzing (301) of iWmo and iJw 3.2 carries no price: its ToegewezenProduct has the product, the dates,
the Omvang or a Budget and a Commentaar (WMO301.xsd/JW301.xsd), so the contract tarief does not travel with
it. The aanbieder knows it from the contract; the declaratie (323) names it (ProductTarief) and TR418 checks it."""
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.declaratie_check import Tariefperiode
from ..domain.deadlines import format_date_nl
from ..models import Aanbieder, AanbiederGemeente, Contract, ContractProduct, Product


def tariefperioden(session, gemeente_id: int, aanbieder_id: int, product_id: int) -> tuple[Tariefperiode, ...]:
    """Every contract tarief of the product with its period: from its ingangsdatum until the day before the
    next one took effect, always within its contract's period."""
    rows = session.scalars(select(ContractProduct).join(Contract, Contract.id == ContractProduct.contract_id)
                           .where(Contract.gemeente_id == gemeente_id, Contract.aanbieder_id == aanbieder_id,
                                  ContractProduct.product_id == product_id)
                           .options(selectinload(ContractProduct.tarieven), selectinload(ContractProduct.contract)))
    out = []
    for regel in rows:
        contract, tarieven = regel.contract, list(regel.tarieven)
        for i, tarief in enumerate(tarieven):
            begin = max(tarief.ingangsdatum, contract.ingangsdatum)
            following = tarieven[i + 1].ingangsdatum if i + 1 < len(tarieven) else None
            einde = contract.einddatum
            if following is not None:
                day_before = date.fromordinal(following.toordinal() - 1)
                einde = day_before if einde is None else min(einde, day_before)
            if einde is None or begin <= einde:
                out.append(Tariefperiode(begin, einde, tarief.tarief_cent))
    return tuple(sorted(out, key=lambda t: t.begin))


def tarief_cent_on(session, gemeente_id: int, aanbieder_id: int, product_id: int, day: date) -> int | None:
    """The contract tarief per eenheid (euro cents) of the product at the aanbieder in the gemeente in force on
    `day`; None when no contract tarief is in force then."""
    return next((periode.tarief_cent for periode in tariefperioden(session, gemeente_id, aanbieder_id, product_id)
                 if periode.begin <= day and (periode.einde is None or day <= periode.einde)), None)


def tarief_cent_op(session, toewijzing, day: date) -> int | None:
    """The contract tarief (cents) of the toewijzing's product at its aanbieder in its gemeente on `day`."""
    return tarief_cent_on(session, toewijzing.gemeente_id, toewijzing.aanbieder_id, toewijzing.product_id, day)


def contract_op(session, gemeente_id: int, aanbieder_id: int, product_id: int, day: date) -> ContractProduct | None:
    """The contract product of an active aanbieder in force on `day` with a tarief on that day, if any."""
    registratie = session.scalar(select(AanbiederGemeente).where(
        AanbiederGemeente.gemeente_id == gemeente_id, AanbiederGemeente.aanbieder_id == aanbieder_id))
    if registratie is None or registratie.status != "actief":
        return None
    for regel in session.scalars(select(ContractProduct).join(Contract, Contract.id == ContractProduct.contract_id)
                                 .where(Contract.gemeente_id == gemeente_id, Contract.aanbieder_id == aanbieder_id,
                                        ContractProduct.product_id == product_id)):
        if regel.contract.in_force_on(day) and regel.tarief_op(day) is not None:
            return regel
    return None


def laagste_tarief_cent(session, gemeente_id: int, product_id: int, day: date) -> int | None:
    """The lowest contract tarief (cents per eenheid) of the product in force on `day` at an active aanbieder of
    the gemeente: the cost of the cheapest adequate zorg in natura, which a pgb is reckoned from (services/pgb.py).
    One query for the contract lines with their contracts and tarieven (asked at every pgb aanvraag and besluit)."""
    regels = session.scalars(
        select(ContractProduct).join(Contract, Contract.id == ContractProduct.contract_id)
        .join(AanbiederGemeente, (AanbiederGemeente.aanbieder_id == Contract.aanbieder_id)
              & (AanbiederGemeente.gemeente_id == gemeente_id))
        .where(Contract.gemeente_id == gemeente_id, ContractProduct.product_id == product_id,
               AanbiederGemeente.status == "actief", Contract.ingangsdatum <= day)
        .options(selectinload(ContractProduct.tarieven), selectinload(ContractProduct.contract)))
    tarieven = [tarief.tarief_cent for regel in regels if regel.contract.in_force_on(day)
                and (tarief := regel.tarief_op(day)) is not None]
    return min(tarieven, default=None)


def contracted_aanbieders(session, gemeente_id: int, domein: str, today: date | None = None) -> list[tuple[str, str]]:
    """(AGB code, label) of the aanbieders active in the gemeente with a contract for a product of `domein`
    that has not ended before today; the label names the contracted products."""
    today = today or date.today()
    rows = session.execute(
        select(Aanbieder, Product.productcode).join(Contract, Contract.aanbieder_id == Aanbieder.id)
        .join(ContractProduct, ContractProduct.contract_id == Contract.id)
        .join(Product, Product.id == ContractProduct.product_id)
        .join(AanbiederGemeente, (AanbiederGemeente.aanbieder_id == Aanbieder.id)
              & (AanbiederGemeente.gemeente_id == gemeente_id))
        .where(Contract.gemeente_id == gemeente_id, Product.domein == domein, AanbiederGemeente.status == "actief",
               (Contract.einddatum.is_(None)) | (Contract.einddatum >= today))
        .order_by(Aanbieder.naam, Product.productcode))
    codes: dict[int, list[str]] = {}
    aanbieders: dict[int, Aanbieder] = {}
    for aanbieder, code in rows:
        aanbieders[aanbieder.id] = aanbieder
        if code not in codes.setdefault(aanbieder.id, []):
            codes[aanbieder.id].append(code)
    return [(a.agb_code, f"{a.naam} (AGB {a.agb_code}; contract voor {', '.join(codes[a.id])})")
            for a in aanbieders.values()]


def beschikking_contract_errors(session, zaak, data: dict) -> dict[str, str]:
    """For zorg in natura: the chosen aanbieder must have a contract for the product on the ingangsdatum, in
    the zaak's gemeente. Field → Dutch message (empty when it has, or when the form asks nothing of it)."""
    agb, code = data.get("aanbieder"), data.get("productcode")
    if data.get("leveringsvorm") != "zin" or not isinstance(agb, str) or not isinstance(code, str):
        return {}
    try:
        day = date.fromisoformat(data.get("ingangsdatum") or "")
    except (TypeError, ValueError):
        return {}  # the form names the missing or wrong date itself
    aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb))
    product = session.scalar(select(Product).where(Product.domein == zaak.domein, Product.productcode == code))
    if aanbieder is None or product is None:
        return {}  # not in the lists: the form says so
    if contract_op(session, zaak.gemeente_id, aanbieder.id, product.id, day) is None:
        return {"aanbieder": (f"{aanbieder.naam} heeft op {format_date_nl(day)} geen contract met de gemeente voor "
                              f"{product.productcode} ({product.omschrijving}). Kies een aanbieder met een contract "
                              "voor dit product op de ingangsdatum.")}
    return {}
