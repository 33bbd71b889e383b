"""The messages an aanbieder's system writes: 302 on a 301, 320 on a 319, 305 start zorg, the monthly 323
declaratie, a verzoek om toewijzing (315) or om wijziging (317), and deliberately faulty
variants. Pure: built with iwmo_messages, XSD-valid."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from iwmo_messages import RetourOptions, RuleResult, build_retour, parse, to_xml
from iwmo_messages.models import MESSAGE_CLASSES
from iwmo_messages.models.common import (Achternaam, BedragMetDC, BerichtIdentificatie, Geboortedatum, GeslotenPeriode,
                                         Header, Omvang, Product, Referentie, TotaalBedragMetDC, VerkorteNaam, Verwijzer)
from iwmo_messages.models.declaratie import Client as DeclaratieClient, Declaratie, Prestatie
from iwmo_messages.models.start import Client as StartClient, StartProduct
from iwmo_messages.models.stop import Client as StopClient, StopProduct
from iwmo_messages.models.vot import AangevraagdProduct, Client as VotClient
from iwmo_messages.models.vow import Client as VowClient, OngewijzigdProduct, TeWijzigenProduct, Verzoek
from iwmo_messages.retour import XSD_VERSIE
from iwmo_messages.spec import BERICHTCODE

#: The retourcode a simulated aanbieder puts on a toewijzing it refuses (ToewijzingNummer not unique).
REFUSAL = "9332"


@dataclass(frozen=True)
class Levering:
    """A toewijzing the aanbieder delivers on, as its own administration knows it (from the 301)."""

    standaard: str
    gemeente: str
    bsn: str
    toewijzing_nummer: int
    categorie: str
    code: str | None
    ingangsdatum: date
    einddatum: date | None
    eenheid: str | None
    volume: int | None
    frequentie: str | None
    budget: int | None


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


def leveringen(xml_301: bytes, nummers: set[int] | None = None) -> list[Levering]:
    """The toewijzingen of a 301 (only `nummers` when given), as delivered care."""
    msg = parse(xml_301)
    out = []
    for tp in msg.client.toegewezen_producten:
        if nummers is not None and tp.toewijzing_nummer not in nummers:
            continue
        omvang = tp.omvang
        out.append(Levering(msg.standaard, msg.header.afzender, msg.client.bsn, tp.toewijzing_nummer,
                            tp.product.categorie if tp.product else "", tp.product.code if tp.product else None,
                            tp.ingangsdatum, tp.einddatum, omvang.eenheid if omvang else None,
                            omvang.volume if omvang else None, omvang.frequentie if omvang else None, tp.budget))
    return out


def answer_301(xml_301: bytes, identificatie: str, today: date, refuse: bool = False) -> bytes:
    """The 302: no remarks, or (refuse) the first toegewezen product refused with REFUSAL."""
    msg = parse(xml_301)
    results = []
    if refuse:
        target = msg.client.toegewezen_producten[0]
        results = [RuleResult("TR332", REFUSAL, 3, "Client/ToegewezenProduct[1]", "niet uniek", None, target)]
    return build_retour(msg, results, RetourOptions(identificatie, today))


def answer_319(xml_319: bytes, identificatie: str, today: date) -> bytes:
    """The 320 on an antwoord op een verzoek: received without remarks (IV028)."""
    return build_retour(parse(xml_319), [], RetourOptions(identificatie, today))


def start_zorg(xml_301: bytes, identificatie: str, begindatum: date, nummers: set[int] | None = None) -> bytes:
    """The 305 for every toegewezen product of the 301 (only `nummers` when given), starting on `begindatum`."""
    msg = parse(xml_301)
    c = msg.client
    producten = [StartProduct(toewijzing_nummer=tp.toewijzing_nummer, product=tp.product,
                              toewijzing_ingangsdatum=tp.ingangsdatum, begindatum=max(begindatum, tp.ingangsdatum),
                              status_aanlevering="1") for tp in c.toegewezen_producten
                 if nummers is None or tp.toewijzing_nummer in nummers]
    client = StartClient(bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=c.geslacht, naam=_verkorte_naam(c),
                         start_producten=producten)
    header = _header(msg.standaard, "305", msg.header.ontvanger, msg.header.afzender, identificatie, begindatum)
    return to_xml(MESSAGE_CLASSES["305"](standaard=msg.standaard, header=header, client=client))


def declaratie(agb: str, items: list[tuple[Levering, int, int]], month: date, nummer: str, identificatie: str,
               dagtekening: date) -> bytes:
    """The 323 for `month`: one debet prestatie per (levering, volume, tarief in cents); a budget
    toewijzing is declared in euro's (Eenheid 83, volume = amount)."""
    first, last = month.replace(day=1), month.replace(day=calendar.monthrange(month.year, month.month)[1])
    clienten: dict[str, DeclaratieClient] = {}
    total = 0
    for n, (lev, volume, tarief) in enumerate(items, 1):
        euros = lev.budget is not None
        bedrag = volume if euros else volume * tarief
        begin = max(first, lev.ingangsdatum)
        end = min(last, lev.einddatum or last)
        p = Prestatie(product_referentie=Referentie(referentie_nummer=f"{nummer}-{n}"[:20]),
                      toewijzing_nummer=lev.toewijzing_nummer, product_categorie=lev.categorie,
                      product_code=lev.code or "", product_periode=GeslotenPeriode(begindatum=begin, einddatum=end),
                      geleverd_volume=volume, eenheid="83" if euros else lev.eenheid,
                      product_tarief=None if euros else tarief,
                      ingediend_bedrag=BedragMetDC(bedrag=bedrag, debet_credit="D"))
        clienten.setdefault(lev.bsn, DeclaratieClient(bsn=lev.bsn)).prestaties.append(p)
        total += bedrag
    standaard, gemeente = items[0][0].standaard, items[0][0].gemeente
    decl = Declaratie(declaratie_nummer=nummer, declaratie_periode=GeslotenPeriode(begindatum=first, einddatum=last),
                      declaratie_dagtekening=dagtekening,
                      totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=total, debet_credit="D"),
                      clienten=list(clienten.values()))
    header = _header(standaard, "323", agb, gemeente, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["323"](standaard=standaard, header=header, declaratie=decl))


#: RedenBeeindiging 31: verhuizing naar een andere gemeente (in iWmo and iJw alike).
VERHUIZING = "31"


def stop_zorg(xml_301: bytes, identificatie: str, begindatum: date, einddatum: date, reden: str = VERHUIZING) -> bytes:
    """The 307 for every toegewezen product of the 301: the care that started on `begindatum` ended."""
    msg = parse(xml_301)
    c = msg.client
    producten = [StopProduct(toewijzing_nummer=tp.toewijzing_nummer, product=tp.product,
                             toewijzing_ingangsdatum=tp.ingangsdatum, begindatum=max(begindatum, tp.ingangsdatum),
                             reden_beeindiging=reden, einddatum=einddatum, status_aanlevering="1")
                 for tp in c.toegewezen_producten]
    client = StopClient(bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=c.geslacht, naam=_verkorte_naam(c),
                        stop_producten=producten)
    header = _header(msg.standaard, "307", msg.header.ontvanger, msg.header.afzender, identificatie, einddatum)
    return to_xml(MESSAGE_CLASSES["307"](standaard=msg.standaard, header=header, client=client))


#: Verwijzer types (WJ232): 01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist.
HUISARTS = "02"
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
        verwijzer=Verwijzer(type=verwijzer, zorgverlener_code=zorgverlener if verwijzer == HUISARTS else None,
                            naam=None if verwijzer == HUISARTS else "Gemeente"))
    votclient = VotClient(bsn=client.bsn, geboortedatum=Geboortedatum(datum=client.geboortedatum), geslacht="0",
                          naam=VerkorteNaam(geslachtsnaam=Achternaam(achternaam=client.achternaam),
                                            voornamen=client.voornamen),
                          aangevraagde_producten=[product])
    header = _header(standaard, "315", agb, gemeente, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["315"](standaard=standaard, header=header, client=votclient))


def verzoek_om_wijziging(xml_301: bytes, referentie: str, identificatie: str, dagtekening: date,
                         einddatum: date, volume: int | None = None, only: set[int] | None = None) -> bytes:
    """The 317 asking to change every toewijzing of a 301 (end date, and volume when given), or only the
    ToewijzingNummers in `only` (the others go as OngewijzigdProduct); TR349: a VOW names all current
    toewijzingen."""
    msg = parse(xml_301)
    te_wijzigen, ongewijzigd = [], []
    for tp in msg.client.toegewezen_producten:
        if only is not None and tp.toewijzing_nummer not in only:
            ongewijzigd.append(OngewijzigdProduct(toewijzing_nummer=tp.toewijzing_nummer))
            continue
        omvang = tp.omvang
        if omvang is not None and volume is not None:
            omvang = Omvang(volume=volume, eenheid=omvang.eenheid, frequentie=omvang.frequentie)
        te_wijzigen.append(TeWijzigenProduct(toewijzing_nummer=tp.toewijzing_nummer, gewenste_ingangsdatum=tp.ingangsdatum,
                                             einddatum=einddatum, omvang=omvang, budget=tp.budget))
    verzoek = Verzoek(referentie_aanbieder=referentie, reden_verzoek="1", ongewijzigde_producten=ongewijzigd,
                      te_wijzigen_producten=te_wijzigen)
    header = _header(msg.standaard, "317", msg.header.ontvanger, msg.header.afzender, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["317"](standaard=msg.standaard, header=header,
                                         client=VowClient(bsn=msg.client.bsn, verzoek=verzoek)))


def not_xsd_valid(xml: bytes) -> bytes:
    """A deliberately broken copy of a message (as a faulty aanbieder system sends): fails the XSD."""
    return xml.replace(b"BerichtVersie>3<", b"BerichtVersie>X<", 1)


def _verkorte_naam(client) -> VerkorteNaam:
    """The short name (305, 307, 315) from the full name a 301 gave."""
    n = client.naam
    return VerkorteNaam(geslachtsnaam=n.geslachtsnaam, voornamen=n.voornamen, voorletters=n.voorletters)


def _header(standaard: str, nummer: str, afzender: str, ontvanger: str, identificatie: str, dag: date) -> Header:
    return Header(bericht_code=str(BERICHTCODE[standaard][nummer]), bericht_versie=3, bericht_subversie=2,
                  afzender=afzender, ontvanger=ontvanger,
                  bericht_identificatie=BerichtIdentificatie(identificatie=identificatie, dagtekening=dag),
                  xsd_versie=XSD_VERSIE)
