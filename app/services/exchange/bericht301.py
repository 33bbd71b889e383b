"""Build the toewijzingbericht (WMO301/JW301) for one client and aanbieder from our rows."""
import re
import uuid
from datetime import date
from zoneinfo import ZoneInfo

from iwmo_messages.models import MESSAGE_CLASSES
from iwmo_messages.models.common import (Achternaam, Adres, BerichtIdentificatie, Geboortedatum, Header, Huis,
                                         Omvang, Product, VolledigeNaam)
from iwmo_messages.models.toewijzing import Client, Contact, ToegewezenProduct
from iwmo_messages.retour import XSD_VERSIE
from iwmo_messages.spec import BERICHTCODE

NL = ZoneInfo("Europe/Amsterdam")
#: The BRP-adres (Soort 01) of an inwoner in the register is in the Netherlands (COD032).
BRP_LAND = "NL"


def standaard_of(domein: str) -> str:
    return "ijw" if domein == "jeugd" else "iwmo"


def new_identificatie() -> str:
    """A BerichtIdentificatie (≤12 characters) that is unique for the gemeente."""
    return uuid.uuid4().hex[:12]


def header(standaard: str, nummer: str, afzender: str, ontvanger: str, dag: date) -> Header:
    return Header(bericht_code=str(BERICHTCODE[standaard][nummer]), bericht_versie=3, bericht_subversie=2,
                  afzender=afzender, ontvanger=ontvanger,
                  bericht_identificatie=BerichtIdentificatie(identificatie=new_identificatie(), dagtekening=dag),
                  xsd_versie=XSD_VERSIE)


def build_301(gemeente: str, aanbieder, person, domein: str, toewijzingen: list, today: date):
    """The 301 message object: the client with every toewijzing given (all current ones, OP087)."""
    standaard = standaard_of(domein)
    client = Client(bsn=person.bsn, geboortedatum=Geboortedatum(datum=person.geboortedatum),
                    geslacht="0", naam=_naam(person), contactgegevens=[_contact(person)],
                    toegewezen_producten=[_product(t) for t in toewijzingen])
    return MESSAGE_CLASSES["301"](standaard=standaard, header=header(standaard, "301", gemeente, aanbieder.agb_code,
                                                                     today), client=client)


def _naam(person) -> VolledigeNaam:
    initials = "".join(part[0] for part in person.voornamen.split() if part)[:6] or None
    return VolledigeNaam(geslachtsnaam=Achternaam(achternaam=person.achternaam, voorvoegsel=person.voorvoegsel),
                         voornamen=person.voornamen or None, voorletters=initials, naam_gebruik="1")


def _contact(person) -> Contact:
    number = re.match(r"\d+", person.huisnummer or "")
    if not (number and person.postcode and person.straat and person.woonplaats):
        return Contact(soort="01")
    return Contact(soort="01", adres=Adres(huis=Huis(huisnummer=int(number.group())),
                                           postcode=person.postcode.replace(" ", "").upper(),
                                           straatnaam=person.straat, plaatsnaam=person.woonplaats,
                                           land_code=BRP_LAND))  # CD005: a Postcode goes with its LandCode


def _product(t) -> ToegewezenProduct:
    moment = t.toegewezen_op.astimezone(NL)
    omvang = None
    if t.budget is None and t.volume is not None:
        omvang = Omvang(volume=t.volume, eenheid=t.eenheid, frequentie=t.frequentie)
    return ToegewezenProduct(
        toewijzing_nummer=t.toewijzingnummer, referentie_aanbieder=t.referentie_aanbieder,
        product=Product(categorie=t.product.productcategorie, code=t.product.productcode),
        toewijzingsdatum=moment.date(), toewijzingstijd=moment.time().replace(microsecond=0, tzinfo=None),
        ingangsdatum=t.ingangsdatum, einddatum=t.einddatum, reden_wijziging=t.reden_wijziging,
        omvang=omvang, budget=t.budget)
