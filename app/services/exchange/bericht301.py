"""Build the toewijzingbericht (WMO301/JW301) for one client and aanbieder from our rows."""
import re
import uuid
from datetime import date
from zoneinfo import ZoneInfo

from iwmo_messages.models import MESSAGE_CLASSES
from iwmo_messages.models.common import (Achternaam, Adres, BerichtIdentificatie, Geboortedatum, Header, Huis,
                                         Omvang, Product, Telefoon, Telefoonnummers, VolledigeNaam)
from iwmo_messages.models.toewijzing import Client, Contact, ToegewezenProduct
from iwmo_messages.retour import XSD_VERSIE
from iwmo_messages.spec import BERICHTCODE

from ...domain.adres import LANDNUMMER, POSTCODE
from ...engine import ScriptError

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


class IncompleteData(ScriptError):
    """The register lacks (or has an unusable) value a 301 needs; `field` names it. A ScriptError, so the
    service task that would send the 301 stops with this Dutch text and nothing is saved."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def build_301(gemeente: str, aanbieder, person, domein: str, toewijzingen: list, today: date):
    """The 301 message object: the client with every toewijzing given (all current ones, OP087).
    Raises IncompleteData when the person's data cannot make a valid one."""
    _require_person_data(person)
    standaard = standaard_of(domein)
    client = Client(bsn=person.bsn, geboortedatum=Geboortedatum(datum=person.geboortedatum),
                    geslacht=person.geslacht_code, naam=_naam(person), contactgegevens=[_contact(person)],
                    toegewezen_producten=[_product(t) for t in toewijzingen])
    return MESSAGE_CLASSES["301"](standaard=standaard, header=header(standaard, "301", gemeente, aanbieder.agb_code,
                                                                     today), client=client)


def _require_person_data(person) -> None:
    if person.geboortedatum is None:
        raise IncompleteData("geboortedatum", f"De geboortedatum van {person.naam} ontbreekt in de persoonsgegevens; "
                             "een toewijzing (301) heeft hem nodig. Vul hem aan en probeer het opnieuw.")
    postcode = _postcode(person)
    if postcode and _land(person) == BRP_LAND and not POSTCODE.fullmatch(postcode):  # CS089: NL only
        raise IncompleteData("postcode", f"De postcode '{person.postcode}' van {person.naam} is geen Nederlandse "
                             "postcode (1234 AB); een toewijzing (301) heeft een juiste nodig. Verbeter hem met 'Adres "
                             "aanvullen' bij de persoonsgegevens op de zaakpagina en probeer het opnieuw.")
    if (not postcode or huis_of(person.huisnummer) is None) and not person.telefoon:
        raise IncompleteData("adres", f"Het adres van {person.naam} (huisnummer en postcode) ontbreekt in de "
                             "persoonsgegevens; een toewijzing (301) heeft het adres of het telefoonnummer van de "
                             "cliënt nodig (TR006). Vul het aan met 'Adres aanvullen' bij de persoonsgegevens op de "
                             "zaakpagina en probeer het opnieuw.")


def _naam(person) -> VolledigeNaam:
    voornamen = _text(person.voornamen, 200)
    return VolledigeNaam(geslachtsnaam=Achternaam(achternaam=_text(person.achternaam, 200),
                                                  voorvoegsel=_text(person.voorvoegsel, 10)),
                         voornamen=voornamen, voorletters=voorletters(voornamen), naam_gebruik="1")


def voorletters(voornamen: str | None) -> str | None:
    """The initials (LDT_Voorletters: at most 6, letters only): the first letter of each voornaam
    ('Jan-Willem Piet' gives JP), none when no voornaam has a letter."""
    found = []
    for part in (voornamen or "").split():
        letter = next((c for c in part if _LETTER.fullmatch(c)), None)
        if letter:
            found.append(letter.upper())
    return "".join(found)[:6] or None


def _contact(person) -> Contact:
    """The BRP-adres (Soort 01), in Nederland or abroad with its LandCode (CD005; CD025 and CS089 hold for NL
    only). Huisnummer and Postcode make the address (TR006, CD034); Straatnaam and
    Plaatsnaam go when the register has them, cut to the standard's length (the BRP's own short forms
    are no longer). Without huisnummer or postcode no Adres goes (there is none to give). The telefoonnummer
    goes as Telefoon01 with Landnummer 0031 when the platform has one (TR006: it will do without an address)."""
    huis = huis_of(person.huisnummer)
    postcode = _postcode(person)
    telefoon = Telefoonnummers(telefoon01=Telefoon(telefoonnummer=person.telefoon, landnummer=LANDNUMMER)) \
        if person.telefoon else None
    if huis is None or not postcode:
        return Contact(soort="01", telefoon=telefoon)
    return Contact(soort="01", adres=Adres(huis=huis, postcode=postcode, straatnaam=_text(person.straat, 24),
                                           plaatsnaam=_text(person.woonplaats, 80),
                                           land_code=_land(person)),  # CD005: a Postcode goes with its LandCode
                   telefoon=telefoon)


def _land(person) -> str:
    """The LandCode of the person's address: Nederland unless the register says otherwise."""
    return person.land or BRP_LAND


def _postcode(person) -> str:
    """A Dutch postcode as the messages write it ('3441AB'); one from abroad as written there (LDT_Postcode)."""
    if _land(person) == BRP_LAND:
        return (person.postcode or "").replace(" ", "").upper()
    return " ".join((person.postcode or "").split())[:8]


#: "12", "12a", "12 A", "12-2", "12 bis", "12-II": huisnummer, an optional huisletter, an optional toevoeging.
_HUIS = re.compile(r"\s*(\d{1,5})(?:\s*([A-Za-z])(?![A-Za-z]))?[\s\-/]*(\S.*)?")
_LETTER = re.compile(r"[a-zA-ZÀ-ỳ]")


def huis_of(huisnummer: str | None) -> Huis | None:
    """The Huis of a register's huisnummer: the number, the huisletter and the toevoeging (≤ 4 characters)
    as the BRP splits them; None when it starts with no number."""
    m = _HUIS.fullmatch(huisnummer or "")
    if m is None:
        return None
    toevoeging = (m.group(3) or "").replace(" ", "")[:4] or None
    return Huis(huisnummer=int(m.group(1)), huisletter=m.group(2), huisnummer_toevoeging=toevoeging)


def _text(value: str | None, length: int) -> str | None:
    """A text element: without surrounding spaces, at most `length` characters; None when empty."""
    value = " ".join((value or "").split())[:length].strip()
    return value or None


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
