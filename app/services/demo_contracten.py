"""The demo aanbieders' details and contracts (`flask seed`): every demo aanbieder is registered in both demo
gemeenten, may deliver every product of the catalogue and has one contract per gemeente from 1 January 2015
with every product at the demo tarief (as migration 0021 gives existing data); Woerden agreed a plafond on
hulp bij het huishouden with Het Groene Hart. Idempotent: what exists is kept."""
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..models import Aanbieder, AanbiederGemeente, Contract, ContractProduct, ContractTarief, Gemeente, Person, Product

SINCE = date(2015, 1, 1)
#: AGB → (KvK-nummer, straat, huisnummer, postcode, plaats, contactpersoon, telefoon, e-mail). Fictitious.
DETAILS = {
    "42420001": ("30123456", "Rijnstraat", "101", "3441 BV", "Woerden", "M. de Graaf", "0348 123 456",
                 "contract@groenehart.example"),
    "65656055": ("30234567", "Lingedijk", "7", "4191 NA", "Geldermalsen", "P. Vermeulen", "0345 765 432",
                 "inkoop@delinge.example"),
    "41234567": ("30345678", "Oosterkade", "23", "3582 AV", "Utrecht", "S. Bos", "030 234 5678",
                 "gemeenten@jeugdhulp-ou.example"),
}
#: (gemeente code, AGB, productcode, plafond in cents): budget ceilings of the demo contracts.
PLAFONDS = [("0632", "42420001", "01A03", 25_000_000)]


def load_demo_contracten(session, gemeenten: dict[str, Gemeente], tarieven: dict[str, Decimal]) -> int:
    """Create the missing demo registrations and contracts; returns how many contracts were created."""
    created = 0
    products = list(session.scalars(select(Product).order_by(Product.id)))
    for aanbieder in session.scalars(select(Aanbieder).where(Aanbieder.agb_code.in_(list(DETAILS)))):
        kvk, straat, nr, postcode, plaats, contact, telefoon, email = DETAILS[aanbieder.agb_code]
        aanbieder.kvk_nummer = aanbieder.kvk_nummer or kvk
        if aanbieder.straat is None:
            aanbieder.straat, aanbieder.huisnummer, aanbieder.postcode, aanbieder.plaats = straat, nr, postcode, plaats
            aanbieder.contactpersoon, aanbieder.telefoon, aanbieder.email = contact, telefoon, email
        for code, gemeente in gemeenten.items():
            reg = session.scalar(select(AanbiederGemeente).where(AanbiederGemeente.aanbieder_id == aanbieder.id,
                                                                  AanbiederGemeente.gemeente_id == gemeente.id))
            if reg is None:
                wijken = sorted(set(session.scalars(select(Person.wijk).where(
                    Person.gemeente_id == gemeente.id, Person.wijk.is_not(None)))))
                session.add(AanbiederGemeente(aanbieder_id=aanbieder.id, gemeente_id=gemeente.id, status="actief",
                                              wijken=wijken, producten=products))
            if session.scalar(select(Contract.id).where(Contract.aanbieder_id == aanbieder.id,
                                                        Contract.gemeente_id == gemeente.id)) is None:
                created += 1
                _contract(session, aanbieder, gemeente, code, products, tarieven)
    return created


def _contract(session, aanbieder, gemeente, code, products, tarieven) -> None:
    """One contract with every product at its demo tarief (rows linked by relationship: one flush for all)."""
    plafonds = {p: cent for g, agb, p, cent in PLAFONDS if g == code and agb == aanbieder.agb_code}
    session.add(Contract(aanbieder_id=aanbieder.id, gemeente_id=gemeente.id, ingangsdatum=SINCE,
                         kenmerk=f"{code}-{aanbieder.agb_code}", producten=[
                             ContractProduct(product_id=product.id, plafond_cent=plafonds.get(product.productcode),
                                             tarieven=[ContractTarief(ingangsdatum=SINCE, tarief_cent=int(
                                                 tarieven[product.productcode] * 100))])
                             for product in products]))


def restore_demo_contracten(session) -> int:
    """The demo contracts again on a database whose contracts were emptied (the tests' clean slate)."""
    from .demo_data import GEMEENTEN, PRODUCTEN
    gemeenten = {g.code: g for g in session.scalars(select(Gemeente).where(
        Gemeente.code.in_([row[0] for row in GEMEENTEN])))}
    return load_demo_contracten(session, gemeenten, {code: Decimal(t) for _, _, code, _, _, t in PRODUCTEN})
