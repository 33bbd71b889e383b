"""The messages an aanbieder writes in answer to a toewijzing (301): the retour 302, start zorg 305, stop zorg 307
and the monthly declaratie 323 — built from the 301 it received, XSD-valid (to_xml raises MessageError if not).
Used by an aanbieder's own pages (forms that build the message) and by the simulated aanbieder of the demo."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .build import to_xml
from .models import MESSAGE_CLASSES
from .models.common import (BedragMetDC, BerichtIdentificatie, GeslotenPeriode, Header, Referentie, TotaalBedragMetDC,
                            VerkorteNaam)
from .models.declaratie import Client as DeclaratieClient, Declaratie, Prestatie
from .models.start import Client as StartClient, StartProduct
from .models.stop import Client as StopClient, StopProduct
from .retour import XSD_VERSIE, RetourOptions, build_retour
from .rules.base import RuleResult
from .spec import BERICHTCODE
from .validate import parse

#: The retourcode a simulated aanbieder puts on a toewijzing it refuses (ToewijzingNummer not unique).
REFUSAL = "9332"
#: RedenBeeindiging 31: verhuizing naar een andere gemeente (in iWmo and iJw alike).
VERHUIZING = "31"


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


def answer_301(xml_301: bytes, identificatie: str, today: date, refuse: bool = False,
               refused: dict[int, str] | None = None) -> bytes:
    """The 302: no remarks; or each ToewijzingNummer in `refused` refused with its retourcode (`refuse`: the first
    toegewezen product with REFUSAL)."""
    msg = parse(xml_301)
    refused = dict(refused or {})
    if refuse:
        refused.setdefault(msg.client.toegewezen_producten[0].toewijzing_nummer, REFUSAL)
    results = [RuleResult("aanbieder", refused[tp.toewijzing_nummer], 3, f"Client/ToegewezenProduct[{n}]",
                          "afgewezen door de aanbieder", None, tp)
               for n, tp in enumerate(msg.client.toegewezen_producten, 1) if tp.toewijzing_nummer in refused]
    return build_retour(msg, results, RetourOptions(identificatie, today))


def start_zorg(xml_301: bytes, identificatie: str, begindatum: date, nummers: set[int] | None = None,
               dagtekening: date | None = None) -> bytes:
    """The 305 for every toegewezen product of the 301 (only `nummers` when given), starting on `begindatum`; dated
    `dagtekening` (the begindatum unless given)."""
    msg = parse(xml_301)
    c = msg.client
    producten = [StartProduct(toewijzing_nummer=tp.toewijzing_nummer, product=tp.product,
                              toewijzing_ingangsdatum=tp.ingangsdatum, begindatum=max(begindatum, tp.ingangsdatum),
                              status_aanlevering="1") for tp in c.toegewezen_producten
                 if nummers is None or tp.toewijzing_nummer in nummers]
    client = StartClient(bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=c.geslacht, naam=verkorte_naam(c),
                         start_producten=producten)
    header = header_for(msg.standaard, "305", msg.header.ontvanger, msg.header.afzender, identificatie,
                        dagtekening or begindatum)
    return to_xml(MESSAGE_CLASSES["305"](standaard=msg.standaard, header=header, client=client))


def stop_zorg(xml_301: bytes, identificatie: str, begindatum: date, einddatum: date, reden: str = VERHUIZING,
              nummers: set[int] | None = None, dagtekening: date | None = None) -> bytes:
    """The 307 for every toegewezen product of the 301 (only `nummers` when given): the care that started on
    `begindatum` ended on `einddatum` for `reden` (RedenBeeindiging); dated `dagtekening` (the einddatum unless
    given)."""
    msg = parse(xml_301)
    c = msg.client
    producten = [StopProduct(toewijzing_nummer=tp.toewijzing_nummer, product=tp.product,
                             toewijzing_ingangsdatum=tp.ingangsdatum, begindatum=max(begindatum, tp.ingangsdatum),
                             reden_beeindiging=reden, einddatum=einddatum, status_aanlevering="1")
                 for tp in c.toegewezen_producten if nummers is None or tp.toewijzing_nummer in nummers]
    client = StopClient(bsn=c.bsn, geboortedatum=c.geboortedatum, geslacht=c.geslacht, naam=verkorte_naam(c),
                        stop_producten=producten)
    header = header_for(msg.standaard, "307", msg.header.ontvanger, msg.header.afzender, identificatie,
                        dagtekening or einddatum)
    return to_xml(MESSAGE_CLASSES["307"](standaard=msg.standaard, header=header, client=client))


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
    header = header_for(standaard, "323", agb, gemeente, identificatie, dagtekening)
    return to_xml(MESSAGE_CLASSES["323"](standaard=standaard, header=header, declaratie=decl))


def verkorte_naam(client) -> VerkorteNaam:
    """The short name (305, 307, 315) from the full name a 301 gave."""
    n = client.naam
    return VerkorteNaam(geslachtsnaam=n.geslachtsnaam, voornamen=n.voornamen, voorletters=n.voorletters)


def header_for(standaard: str, nummer: str, afzender: str, ontvanger: str, identificatie: str, dag: date) -> Header:
    """The Header of message `nummer` (version 3.2) from `afzender` to `ontvanger`."""
    return Header(bericht_code=str(BERICHTCODE[standaard][nummer]), bericht_versie=3, bericht_subversie=2,
                  afzender=afzender, ontvanger=ontvanger,
                  bericht_identificatie=BerichtIdentificatie(identificatie=identificatie, dagtekening=dag),
                  xsd_versie=XSD_VERSIE)
