"""Condities (CD) on the address and contact of a 301 and on the period and Omvang of a toegewezen,
aangevraagd, nieuw or te wijzigen product (301, 315, 317); TR006 on a Contact.

Each rule is named by its official code; the docstring quotes the rule text of the iWmo/iJw 3.2
"Condities constraints per data-element" table. A gemeente's own 301s are checked by these rules
before they leave (outbound self-check), as an aanbieder's system checks them on receipt.
"""
from __future__ import annotations

from datetime import date

from .base import IN_MESSAGE, rule
from .generic import WITH_OMVANG, _products_with_omvang


def _contacts(msg):
    """(path, Contact) for the client's contactgegevens and those of each relatie."""
    client = msg.client
    for i, contact in enumerate(client.contactgegevens, 1):
        yield f"Client/Contactgegevens/Contact[{i}]", contact
    for i, relatie in enumerate(client.relaties, 1):
        yield f"Client/Relaties/Relatie[{i}]/Contact", relatie.contact


def _products_and_einddatum(msg):
    """(path of the Einddatum, product, its einddatum) of every product with an Omvang or Budget part."""
    for path, product in _products_with_omvang(msg):
        if msg.NUMMER == "315":
            yield f"{path}/ToewijzingEinddatum", product, product.toewijzing_einddatum
        else:
            yield f"{path}/Einddatum", product, product.einddatum


@rule("CD005", "0001", IN_MESSAGE, ("301",))
def cd005_landcode_with_postcode(msg, ctx, today):
    """Adres/LandCode: Als Postcode gevuld is, dan verplicht vullen, anders leeg laten."""
    for path, contact in _contacts(msg):
        adres = contact.adres
        if adres is None:
            continue
        if adres.postcode and not adres.land_code:
            yield contact, f"{path}/Adres/LandCode", "Postcode is gevuld maar LandCode ontbreekt"
        elif adres.land_code and not adres.postcode:
            yield contact, f"{path}/Adres/LandCode", "LandCode is gevuld maar Postcode ontbreekt"


@rule("CD075", "0001", IN_MESSAGE, WITH_OMVANG)
def cd075_einddatum_with_budget(msg, ctx, today):
    """Einddatum (ToewijzingEinddatum in a 315): Verplicht vullen indien Budget gevuld is."""
    for path, product, einddatum in _products_and_einddatum(msg):
        if product.budget is not None and einddatum is None:
            yield product, path, "Budget is gevuld, dus de einddatum is verplicht"


@rule("CD076", "0001", IN_MESSAGE, WITH_OMVANG)
def cd076_einddatum_per_week(msg, ctx, today):
    """Einddatum (ToewijzingEinddatum in a 315): Verplicht vullen indien Frequentie waarde 2 (per week)."""
    for path, product, einddatum in _products_and_einddatum(msg):
        omvang = product.omvang
        if omvang is not None and omvang.frequentie == "2" and einddatum is None:
            yield product, path, "Een toewijzing per week (Frequentie 2) heeft een einddatum nodig"


#: CD080/CD095/CD096, TR375/TR412: the Omvang rules of release 3.x hold for products ending after 2020.
RELEASE_3_END = date(2020, 12, 31)


def geen_omvang_zonder_code(product, einddatum) -> bool:
    """Whether an Omvang on `product` breaks "Indien Code in Product leeg is en Einddatum groter dan
    31-12-2020 of leeg is, dan leeg laten" (no Product counts as no Code)."""
    code = product.product.code if product.product is not None else None
    return product.omvang is not None and not code and (einddatum is None or einddatum > RELEASE_3_END)


def _omvang_zonder_code(msg):
    for path, product, einddatum in _products_and_einddatum(msg):
        if not hasattr(product, "product"):
            continue  # a TeWijzigenProduct has no Product of its own: TR411, TR412, TR375 judge it
        if geen_omvang_zonder_code(product, einddatum):
            yield product, path.rsplit("/", 1)[0] + "/Omvang", "Zonder productcode blijft de Omvang leeg"


@rule("CD080", "0001", IN_MESSAGE, ("301",))
def cd080_geen_omvang_zonder_code(msg, ctx, today):
    """Omvang: Indien Code in Product leeg is en Einddatum van het ToegewezenProduct groter dan 31-12-2020 of
    leeg is, dan leeg laten."""
    return _omvang_zonder_code(msg)


@rule("CD095", "0001", IN_MESSAGE, ("315",))
def cd095_geen_omvang_zonder_code(msg, ctx, today):
    """Omvang: Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het AangevraagdProduct
    groter dan 31-12-2020 of leeg is, dan leeg laten."""
    return _omvang_zonder_code(msg)


@rule("CD096", "0001", IN_MESSAGE, ("317",))
def cd096_geen_omvang_zonder_code(msg, ctx, today):
    """Omvang (NieuwProduct): Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg
    is, dan leeg laten."""
    return _omvang_zonder_code(msg)


@rule("TR006", "0001", IN_MESSAGE, ("301",))
def tr006_contact_bereikbaar(msg, ctx, today):
    """De berichtklasse Contact moet een berichtelement Telefoon, en/of de combinatie Huis en Postcode
    bevatten."""
    for path, contact in _contacts(msg):
        adres = contact.adres
        if contact.telefoon is None and (adres is None or adres.huis is None or not adres.postcode):
            yield contact, path, "Een contact heeft een telefoonnummer of een huisnummer met postcode nodig"
