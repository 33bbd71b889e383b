"""Helpers for the contract tests: the demo contract product of an aanbieder in a gemeente, a fresh aanbieder
registered in a gemeente through the service, and two months to declare (the care starts two months ago)."""
from datetime import date, timedelta

from sqlalchemy import select

from app import db
from app.models import Aanbieder, Contract, ContractProduct, Gemeente, Product, User
from app.services import aanbieders
from app.services.demo_data import WOERDEN


def month_start(months_ago: int) -> date:
    day = date.today().replace(day=1)
    for _ in range(months_ago):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def contract_product(agb: str = "42420001", productcode: str = "01A03", code: str = WOERDEN) -> ContractProduct:
    return db.session.scalar(select(ContractProduct).join(Contract).join(Product)
                             .join(Aanbieder, Aanbieder.id == Contract.aanbieder_id)
                             .join(Gemeente, Gemeente.id == Contract.gemeente_id)
                             .where(Aanbieder.agb_code == agb, Product.productcode == productcode,
                                    Gemeente.code == code))


def gemeente_id(code: str = WOERDEN) -> int:
    return db.session.scalar(select(Gemeente.id).where(Gemeente.code == code))


def product_ids(*codes: str) -> list[int]:
    return list(db.session.scalars(select(Product.id).where(Product.productcode.in_(codes))))


def new_aanbieder(manager: User, agb: str, naam: str, codes=("01A03", "01A04"), code: str = WOERDEN,
                  kvk: str | None = None) -> Aanbieder:
    form = aanbieders.AanbiederForm(naam=naam, agb_code=agb, kvk_nummer=kvk or f"5{agb[1:]}",
                                    iban="NL91ABNA0417164300", plaats="Woerden")
    return aanbieders.create_aanbieder(manager, gemeente_id(code), form,
                                       aanbieders.RegistratieForm("actief", [], product_ids(*codes)))


def contract_ids() -> dict:
    """The ids of the contract routes, of the demo contract of Het Groene Hart in Woerden, and of the sociale
    kaart the contractmanager keeps (for route walks)."""
    from kaart_data import kaart_ids
    regel = contract_product()
    contract = regel.contract
    registratie = next(r for r in contract.aanbieder.registraties if r.gemeente_id == contract.gemeente_id)
    return {"aanbieder_id": contract.aanbieder_id, "contract_id": contract.id, "regel_id": regel.id,
            "registratie_id": registratie.id, **kaart_ids()}
