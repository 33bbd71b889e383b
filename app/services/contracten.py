"""Use cases of the contractmanager on contracts: a contract of a gemeente with an aanbieder for a period
(never overlapping another of the same aanbieder and gemeente), its products with the tarief per eenheid and
an optional plafond, and a tarief change from a date on — a new row, so the history stays and a declaratie
is checked against the tarief in force on the prestatie's date. Each in one transaction, audited, with a
Dutch message per field and nothing half-written."""
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import db
from ..domain import contracten as rules
from ..domain.deadlines import format_date_nl
from ..domain.forms import FIRST_DATE, LAST_DATE
from ..domain.input import text_problem
from ..domain.sepa import format_cents
from ..models import AanbiederGemeente, Contract, ContractProduct, ContractTarief, PlafondSignaal, Product
from . import audit
from .aanbieders import load, require
from .errors import InvalidInput
from .plafonds import used_cent
from .uow import unit_of_work

logger = logging.getLogger(__name__)
GONE = "Dit contract bestaat niet."


@dataclass
class ContractForm:
    kenmerk: str = ""
    ingangsdatum: str = ""
    einddatum: str = ""


@dataclass
class ProductRegel:
    """A contract product as the pages show it: the tarief in force today, the history, plafond and use."""
    regel: ContractProduct
    tarief_nu: ContractTarief | None
    gebruikt_cent: int

    @property
    def procent(self) -> int | None:
        plafond = self.regel.plafond_cent
        return None if not plafond else self.gebruikt_cent * 100 // plafond


def contracts_of(actor, aanbieder) -> list[Contract]:
    """The aanbieder's contracts with the actor's gemeenten, newest first."""
    return list(db.session.scalars(select(Contract).where(
        Contract.aanbieder_id == aanbieder.id, Contract.gemeente_id.in_(sorted(actor.gemeente_ids)))
        .order_by(Contract.ingangsdatum.desc())))


def get_contract(actor, contract_id: int) -> Contract:
    return load(db.session, Contract, contract_id, actor, GONE,
                options=[selectinload(Contract.producten).selectinload(ContractProduct.tarieven)])


def get_contract_product(actor, regel_id: int) -> ContractProduct:
    return load(db.session, ContractProduct, regel_id, actor, GONE)


def product_regels(contract: Contract, today: date | None = None) -> list[ProductRegel]:
    today = today or date.today()
    return [ProductRegel(r, r.tarief_op(today), used_cent(db.session, r)) for r in contract.producten]


def form_of(contract: Contract) -> ContractForm:
    return ContractForm(contract.kenmerk, contract.ingangsdatum.isoformat(),
                        contract.einddatum.isoformat() if contract.einddatum else "")


def create_contract(actor, aanbieder_id: int, gemeente_id: int | None, form: ContractForm) -> Contract:
    """A new contract of one of the actor's gemeenten in which the aanbieder is registered."""
    require(actor)
    with unit_of_work() as session:
        reg = session.scalar(select(AanbiederGemeente).where(AanbiederGemeente.aanbieder_id == aanbieder_id,
                                                              AanbiederGemeente.gemeente_id == gemeente_id))
        if reg is None or gemeente_id not in actor.gemeente_ids:
            raise InvalidInput("Het contract is niet aangemaakt.",
                               errors={"gemeente": "Kies een gemeente waarin de aanbieder geregistreerd is."})
        values, errors = _period(session, form, aanbieder_id, gemeente_id, None)
        if errors:
            raise InvalidInput("Het contract is niet aangemaakt.", errors=errors)
        contract = Contract(aanbieder_id=aanbieder_id, gemeente_id=gemeente_id, **values)
        session.add(contract)
        session.flush()
        audit.record(session, actor, "contract.aanmaken", contract,
                     audit.differences({}, _audit_values(values)))
    logger.info("Contract %s of aanbieder %s created by %s", contract.id, aanbieder_id, actor.username)
    return contract


def update_contract(actor, contract_id: int, form: ContractForm) -> dict:
    """Change the kenmerk or period (e.g. end the contract); tarieven outside the new period stop counting."""
    with unit_of_work() as session:
        contract = load(session, Contract, contract_id, actor, GONE)
        values, errors = _period(session, form, contract.aanbieder_id, contract.gemeente_id, contract.id)
        if errors:
            raise InvalidInput("De wijzigingen zijn niet opgeslagen.", errors=errors)
        before = _audit_values({name: getattr(contract, name) for name in values})
        for name, value in values.items():
            setattr(contract, name, value)
        changes = audit.differences(before, _audit_values(values))
        if changes:
            audit.record(session, actor, "contract.wijzigen", contract, changes)
    return changes


def add_product(actor, contract_id: int, product_id: int | None, tarief: str, plafond: str) -> ContractProduct:
    """Add a product the aanbieder may deliver, with its tarief from the contract's ingangsdatum on."""
    with unit_of_work() as session:
        contract = load(session, Contract, contract_id, actor, GONE)
        errors = {}
        reg = session.scalar(select(AanbiederGemeente).where(AanbiederGemeente.aanbieder_id == contract.aanbieder_id,
                                                              AanbiederGemeente.gemeente_id == contract.gemeente_id))
        product = session.get(Product, product_id) if product_id else None
        if product is None:
            errors["product"] = "Kies een product."
        elif product not in reg.producten:
            errors["product"] = (f"{product.productcode} staat niet bij de producten die de aanbieder in deze gemeente "
                                 "mag leveren; voeg het daar eerst toe.")
        elif any(r.product_id == product.id for r in contract.producten):
            errors["product"] = f"{product.productcode} staat al in dit contract; wijzig daar het tarief."
        cents = rules.tarief_cent_from(tarief)
        if cents is None:
            errors["tarief"] = _tarief_message()
        plafond_cent, plafond_error = _plafond(plafond)
        if plafond_error:
            errors["plafond"] = plafond_error
        if errors:
            raise InvalidInput("Het product is niet toegevoegd.", errors=errors)
        regel = ContractProduct(contract_id=contract.id, product_id=product.id, plafond_cent=plafond_cent)
        session.add(regel)
        session.flush()
        session.add(ContractTarief(contract_product_id=regel.id, ingangsdatum=contract.ingangsdatum,
                                   tarief_cent=cents, vastgelegd_door_id=actor.id))
        audit.record(session, actor, "contract.product_toevoegen", contract, {
            "product": [None, product.productcode], "tarief": [None, format_cents(cents)],
            "plafond": [None, format_cents(plafond_cent) if plafond_cent else None]})
    return regel


def change_tarief(actor, contract_product_id: int, ingangsdatum: str, tarief: str) -> ContractTarief:
    """A new tarief from `ingangsdatum` on (within the contract's period); the earlier ones stay as they were."""
    with unit_of_work() as session:
        regel = load(session, ContractProduct, contract_product_id, actor, GONE)
        contract = regel.contract
        errors = {}
        day = _date(ingangsdatum)
        if day is None:
            errors["ingangsdatum"] = _date_message("Geldt vanaf", ingangsdatum)
        elif not contract.in_force_on(day):
            errors["ingangsdatum"] = (f"'Geldt vanaf' moet binnen de looptijd van het contract liggen "
                                      f"({_looptijd(contract)}).")
        elif any(t.ingangsdatum == day for t in regel.tarieven):
            errors["ingangsdatum"] = (f"Er is al een tarief vanaf {format_date_nl(day)}; een tarief wordt niet "
                                      "overschreven. Kies een andere datum.")
        cents = rules.tarief_cent_from(tarief)
        if cents is None:
            errors["tarief"] = _tarief_message()
        if errors:
            raise InvalidInput("Het tarief is niet gewijzigd.", errors=errors)
        before = regel.tarief_op(day)
        row = ContractTarief(contract_product_id=regel.id, ingangsdatum=day, tarief_cent=cents,
                             vastgelegd_door_id=actor.id)
        session.add(row)
        audit.record(session, actor, "contract.tarief_wijzigen", contract, {
            f"tarief {regel.product.productcode} vanaf {day.isoformat()}":
                [format_cents(before.tarief_cent) if before else None, format_cents(cents)]})
    logger.info("Tarief of contract product %s from %s set by %s", regel.id, day, actor.username)
    return row


def set_plafond(actor, contract_product_id: int, plafond: str) -> dict:
    """Set, change or (empty) remove the plafond of a contract product."""
    with unit_of_work() as session:
        regel = load(session, ContractProduct, contract_product_id, actor, GONE)
        contract = regel.contract
        cents, error = _plafond(plafond)
        if error:
            raise InvalidInput("Het plafond is niet gewijzigd.", errors={"plafond": error})
        changes = {}
        if cents != regel.plafond_cent:
            changes = {f"plafond {regel.product.productcode}": [
                format_cents(regel.plafond_cent) if regel.plafond_cent else None,
                format_cents(cents) if cents else None]}
            regel.plafond_cent = cents
            audit.record(session, actor, "contract.plafond_wijzigen", contract, changes)
    return changes


def recent_signals(actor, limit: int = 20) -> list[PlafondSignaal]:
    """The latest plafond signals of the actor's gemeenten (the contractmanager's start page)."""
    require(actor)
    return list(db.session.scalars(select(PlafondSignaal).where(
        PlafondSignaal.gemeente_id.in_(sorted(actor.gemeente_ids)))
        .options(selectinload(PlafondSignaal.contract_product).selectinload(ContractProduct.contract))
        .order_by(PlafondSignaal.op.desc(), PlafondSignaal.id.desc()).limit(limit)))


def ending_soon(actor, days: int = 90, today: date | None = None) -> list[Contract]:
    """The contracts of the actor's gemeenten that end within `days` (and have not ended yet), soonest first:
    after the einddatum no beschikking in natura can choose the aanbieder for them."""
    require(actor)
    today = today or date.today()
    return list(db.session.scalars(select(Contract).where(
        Contract.gemeente_id.in_(sorted(actor.gemeente_ids)), Contract.einddatum.is_not(None),
        Contract.einddatum >= today, Contract.einddatum <= date.fromordinal(today.toordinal() + days))
        .order_by(Contract.einddatum, Contract.id)))


def _period(session, form: ContractForm, aanbieder_id: int, gemeente_id: int, own_id: int | None):
    errors, values = {}, {}
    kenmerk = (form.kenmerk or "").strip()
    if not kenmerk:
        errors["kenmerk"] = "Vul het kenmerk van het contract in, bijvoorbeeld WMO-2026-001."
    elif len(kenmerk) > 40 or text_problem(kenmerk, "Kenmerk", one_line=True):
        errors["kenmerk"] = "Het kenmerk heeft hoogstens 40 tekens, zonder stuurtekens."
    begin = _date(form.ingangsdatum)
    if begin is None:
        errors["ingangsdatum"] = _date_message("Ingangsdatum", form.ingangsdatum)
    end = None
    if (form.einddatum or "").strip():
        end = _date(form.einddatum)
        if end is None:
            errors["einddatum"] = _date_message("Einddatum", form.einddatum) + " Of laat hem leeg."
        elif begin is not None and end < begin:
            errors["einddatum"] = "De einddatum ligt vóór de ingangsdatum."
    if not errors:
        others = session.scalars(select(Contract).where(Contract.aanbieder_id == aanbieder_id,
                                                        Contract.gemeente_id == gemeente_id))
        clash = next((c for c in others if c.id != own_id
                      and rules.overlaps(begin, end, c.ingangsdatum, c.einddatum)), None)
        if clash is not None:
            errors["ingangsdatum"] = (f"De looptijd overlapt met contract {clash.kenmerk} ({_looptijd(clash)}). "
                                      "Een aanbieder heeft per gemeente één contract tegelijk.")
        values = {"kenmerk": kenmerk, "ingangsdatum": begin, "einddatum": end}
    return values, errors


def _audit_values(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _date(text: str | None) -> date | None:
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if FIRST_DATE <= day <= LAST_DATE else None


def _date_message(label: str, text: str | None) -> str:
    """Why `text` is no date a contract can have: not a date at all, or outside the Wmo 2015 / Jeugdwet years."""
    try:
        date.fromisoformat((text or "").strip())
    except ValueError:
        return f"Vul bij '{label}' een geldige datum in."
    return (f"Vul bij '{label}' een datum in vanaf {format_date_nl(FIRST_DATE)} (de Wmo 2015 en de Jeugdwet) "
            f"en vóór het jaar {LAST_DATE.year + 1}.")


def _plafond(text: str | None) -> tuple[int | None, str | None]:
    if not (text or "").strip():
        return None, None
    cents = rules.plafond_cent_from(text)
    if cents is None:
        return None, "Vul het plafond in als bedrag in euro groter dan nul, bijvoorbeeld 250.000,00, of laat het leeg."
    return cents, None


def _tarief_message() -> str:
    return "Vul het tarief per eenheid in als bedrag in euro groter dan nul, bijvoorbeeld 32,50."


def _looptijd(contract: Contract) -> str:
    if contract.einddatum is None:
        return f"vanaf {format_date_nl(contract.ingangsdatum)}, voor onbepaalde tijd"
    return f"{format_date_nl(contract.ingangsdatum)} tot en met {format_date_nl(contract.einddatum)}"
