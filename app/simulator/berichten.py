"""The messages an aanbieder's system writes: 302 on a 301, 320 on a 319, 305 start zorg, the monthly 323
declaratie, a verzoek om toewijzing (315) or om wijziging (317), and deliberately faulty
variants. Pure: built with iwmo_messages, XSD-valid (the answers to a 301 and the 323 are
iwmo_messages.aanbieder's, which the aanbieder's own pages use too)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from iwmo_messages import RetourOptions, build_retour, parse, to_xml
from iwmo_messages.aanbieder import (REFUSAL, VERHUIZING, Levering, answer_301, declaratie, header_for,  # noqa: F401
                                     leveringen, start_zorg, stop_zorg, verkorte_naam)
from iwmo_messages.models import MESSAGE_CLASSES
from iwmo_messages.models.common import Achternaam, Geboortedatum, Omvang, Product, VerkorteNaam, Verwijzer
from iwmo_messages.models.vot import AangevraagdProduct, Client as VotClient
from iwmo_messages.models.vow import Client as VowClient, OngewijzigdProduct, TeWijzigenProduct, Verzoek


def new_in_each(xmls_301: list[bytes]) -> list[set[int]]:
    """Per 301, in the order received, the ToewijzingNummers no earlier one carried. A 301 repeats every
    current toewijzing of the client (OP087); an aanbieder starts and declares each one once."""
    seen: set[int] = set()
    out = []
    for xml in xmls_301:
        nummers = {tp.toewijzing_nummer for tp in parse(xml).client.toegewezen_producten}
        out.append(nummers - seen)
        seen |= nummers
    return out


def answer_319(xml_319: bytes, identificatie: str, today: date) -> bytes:
    """The 320 on an antwoord op een verzoek: received without remarks (IV028)."""
    return build_retour(parse(xml_319), [], RetourOptions(identificatie, today))


#: Verwijzer types (WJ232): 01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist.
HUISARTS, JEUGDARTS, MEDISCH_SPECIALIST = "02", "03", "05"
#: Verwijzers identified by their AGB code (CD066/CD067: then no name).
ZORGVERLENERS = ("02", "03", "04", "05")
PER_WEEK = "2"  # Frequentie (WMO757)


@dataclass(frozen=True)
class Jeugdige:
    """The client as the verwijzing names it (the aanbieder knows no more before a toewijzing)."""

    bsn: str
    geboortedatum: date
    achternaam: str
    voornamen: str | None = None


def verzoek_om_toewijzing(standaard: str, agb: str, gemeente: str, client: Jeugdige, categorie: str, code: str,
                          ingangsdatum: date, volume: int, eenheid: str, frequentie: str, referentie: str,
                          identificatie: str, dagtekening: date, verwijzer: str = HUISARTS,
                          zorgverlener: str | None = "01123456", einddatum: date | None = None) -> bytes:
    """The 315 for one product, e.g. after a verwijzing by a huisarts (AGB `zorgverlener`). A product per
    week asks for a year unless `einddatum` says otherwise (CD076: per week needs an einddatum)."""
    if einddatum is None and frequentie == PER_WEEK:
        einddatum = ingangsdatum + timedelta(days=364)
    product = AangevraagdProduct(
        referentie_aanbieder=referentie, product=Product(categorie=categorie, code=code),
        toewijzing_ingangsdatum=ingangsdatum, toewijzing_einddatum=einddatum,
        omvang=Omvang(volume=volume, eenheid=eenheid, frequentie=frequentie),
        verwijzer=Verwijzer(type=verwijzer, zorgverlener_code=zorgverlener if verwijzer in ZORGVERLENERS else None,
                            naam=None if verwijzer in ZORGVERLENERS else "Gemeente"))
    votclient = VotClient(bsn=client.bsn, geboortedatum=Geboortedatum(datum=client.geboortedatum), geslacht="0",
                          naam=VerkorteNaam(geslachtsnaam=Achternaam(achternaam=client.achternaam),
                                            voornamen=client.voornamen),
                          aangevraagde_producten=[product])
    header = header_for(standaard, "315", agb, gemeente, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["315"](standaard=standaard, header=header, client=votclient))


def verzoek_om_wijziging(xml_301: bytes, referentie: str, identificatie: str, dagtekening: date,
                         einddatum: date, volume: int | None = None, only: set[int] | None = None,
                         gewenste_ingangsdatum: date | None = None) -> bytes:
    """The 317 asking to change every toewijzing of a 301 (end date, and volume when given), or only the
    ToewijzingNummers in `only` (the others go as OngewijzigdProduct); TR349: a VOW names all current
    toewijzingen. The change goes in on `gewenste_ingangsdatum`, else over the whole period (the
    toewijzing's own Ingangsdatum, TR357)."""
    msg = parse(xml_301)
    te_wijzigen, ongewijzigd = [], []
    for tp in msg.client.toegewezen_producten:
        if only is not None and tp.toewijzing_nummer not in only:
            ongewijzigd.append(OngewijzigdProduct(toewijzing_nummer=tp.toewijzing_nummer))
            continue
        omvang = tp.omvang
        if omvang is not None and volume is not None:
            omvang = Omvang(volume=volume, eenheid=omvang.eenheid, frequentie=omvang.frequentie)
        te_wijzigen.append(TeWijzigenProduct(toewijzing_nummer=tp.toewijzing_nummer,
                                             gewenste_ingangsdatum=gewenste_ingangsdatum or tp.ingangsdatum,
                                             einddatum=einddatum, omvang=omvang, budget=tp.budget))
    verzoek = Verzoek(referentie_aanbieder=referentie, reden_verzoek="1", ongewijzigde_producten=ongewijzigd,
                      te_wijzigen_producten=te_wijzigen)
    header = header_for(msg.standaard, "317", msg.header.ontvanger, msg.header.afzender, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["317"](standaard=msg.standaard, header=header,
                                         client=VowClient(bsn=msg.client.bsn, verzoek=verzoek)))


def not_xsd_valid(xml: bytes) -> bytes:
    """A deliberately broken copy of a message (as a faulty aanbieder system sends): fails the XSD."""
    return xml.replace(b"BerichtVersie>3<", b"BerichtVersie>X<", 1)
