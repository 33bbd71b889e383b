"""In-message condities (CD), constraints (CS) and technische regels (TR) of iWmo/iJw 3.2 on
the contacts and names of a 301, the verwijzer of a 315, the answer of a 319, the periods of a
307 and the amounts and references of a 323 (all controleniveau 2, retourcode 0001).

Each docstring quotes the official rule text (official_rules.csv names the source).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .base import IN_MESSAGE, rule
from .declaratie import prestaties
from .toewijzing import _contacts

_NL_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_VERWIJZER_MET_CODE = {"02", "03", "04", "05"}
_RELEASE_START = date(2021, 1, 1)


def _namen(msg):
    """(path, VolledigeNaam) of the client and of each relatie."""
    yield "Client/Naam", msg.client.naam
    for i, relatie in enumerate(msg.client.relaties, 1):
        yield f"Client/Relaties/Relatie[{i}]/Naam", relatie.naam


@rule("CD007", "0001", IN_MESSAGE, ("301",))
def cd007_taal_with_tolk(msg, ctx, today):
    """Taal: Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen, anders leeglaten."""
    c = msg.client.communicatie
    if c is not None and (c.vorm == "1") != bool(c.taal):
        yield msg.client, "Client/Communicatie/Taal", (
            "Bij communicatievorm 1 (tolk taal) is Taal verplicht" if c.vorm == "1"
            else f"Taal mag alleen bij communicatievorm 1 (tolk taal), niet bij {c.vorm}")


@rule("CD009", "0001", IN_MESSAGE, ("301",))
def cd009_periode_only_tijdelijk_adres(msg, ctx, today):
    """Periode: Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen toegestaan."""
    for path, contact in _contacts(msg):
        if contact.periode is not None and contact.soort != "04":
            yield contact, f"{path}/Periode", (
                f"Een periode mag alleen bij een tijdelijk adres (04), niet bij {contact.soort}")


@rule("CD025", "0001", IN_MESSAGE, ("301",))
def cd025_huis_in_nederland(msg, ctx, today):
    """Huis: Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen."""
    for path, contact in _contacts(msg):
        if contact.adres is not None and contact.adres.land_code == "NL" and contact.adres.huis is None:
            yield contact, f"{path}/Adres/Huis", "Een Nederlands adres heeft een huisnummer nodig"


@rule("CD034", "0001", IN_MESSAGE, ("301",))
def cd034_postcode_brp_en_verblijf(msg, ctx, today):
    """Postcode: Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan verplicht vullen."""
    for path, contact in _contacts(msg):
        if contact.soort in ("01", "03") and contact.adres is not None and not contact.adres.postcode:
            yield contact, f"{path}/Adres/Postcode", (
                f"Een adres van soort {contact.soort} heeft een postcode nodig")


@rule("CS089", "0001", IN_MESSAGE, ("301",))
def cs089_nederlandse_postcode(msg, ctx, today):
    """Postcode: Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen met dat van
    een Nederlandse postcode."""
    for path, contact in _contacts(msg):
        adres = contact.adres
        if (adres is not None and adres.land_code == "NL" and adres.postcode
                and not _NL_POSTCODE.fullmatch(adres.postcode)):
            yield contact, f"{path}/Adres/Postcode", f"{adres.postcode!r} is geen Nederlandse postcode (1234AB)"


@rule("TR061", "0001", IN_MESSAGE, ("301",))
def tr061_een_woonadres(msg, ctx, today):
    """Bij een Client moet minimaal één Adres voorkomen waarvan Soort de waarde '01' (BRP-adres), '02'
    (Correspondentie-adres) of '03' (Verblijfadres) heeft."""
    if not any(c.soort in ("01", "02", "03") for c in msg.client.contactgegevens):
        yield msg.client, "Client/Contactgegevens", "De cliënt heeft geen BRP-, correspondentie- of verblijfadres"


@rule("CS050", "0001", IN_MESSAGE, ("301",))
def cs050_naamgebruik_met_partnernaam(msg, ctx, today):
    """NaamGebruik: Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders
    waarde 1 of 6 vullen."""
    for path, naam in _namen(msg):
        allowed = ("1", "2", "3", "4") if naam.partnernaam is not None else ("1", "6")
        if naam.naam_gebruik not in allowed:
            yield msg.client, f"{path}/NaamGebruik", (
                f"NaamGebruik {naam.naam_gebruik} past niet bij een naam "
                f"{'met' if naam.partnernaam else 'zonder'} "
                f"partnernaam (toegestaan: {', '.join(allowed)})")


@rule("CS318", "0001", IN_MESSAGE, ("301",))
def cs318_client_is_natuurlijk_persoon(msg, ctx, today):
    """Naam: NaamGebruik 6 (Niet-natuurlijk persoon) niet vullen."""
    if msg.client.naam.naam_gebruik == "6":
        yield msg.client, "Client/Naam/NaamGebruik", (
            "Een cliënt is een natuurlijk persoon: NaamGebruik 6 mag niet")


def _toegewezen(msg):
    return [(f"Client/ToegewezenProduct[{i}]", p) for i, p in enumerate(msg.client.toegewezen_producten, 1)]


@rule("CS335", "0001", IN_MESSAGE, ("301",))
def cs335_verwijderd_zonder_looptijd(msg, ctx, today):
    """RedenWijziging: RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de ingangsdatum
    gelijk is aan de einddatum."""
    for path, p in _toegewezen(msg):
        if p.reden_wijziging == "13" and p.einddatum != p.ingangsdatum:
            yield p, f"{path}/RedenWijziging", (
                "Reden wijziging 13 (verwijderd) vraagt einddatum gelijk aan ingangsdatum")


@rule("CS336", "0001", IN_MESSAGE, ("301",))
def cs336_reden_01_vervallen(msg, ctx, today):
    """RedenWijziging: 01 (Administratieve correctie (vervallen)) niet gebruiken."""
    for path, p in _toegewezen(msg):
        if p.reden_wijziging == "01":
            yield p, f"{path}/RedenWijziging", "Reden wijziging 01 is vervallen en mag niet meer worden gebruikt"


def _aangevraagd(msg):
    return [(f"Client/AangevraagdProduct[{i}]", p) for i, p in enumerate(msg.client.aangevraagde_producten, 1)]


@rule("CD043", "0001", IN_MESSAGE, ("315",))
def cd043_beschikking_ingangsdatum(msg, ctx, today):
    """BeschikkingIngangsdatum: Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten."""
    for path, p in _aangevraagd(msg):
        if (p.beschikking_nummer is None) != (p.beschikking_ingangsdatum is None):
            yield p, f"{path}/BeschikkingIngangsdatum", (
                "Bij een beschikkingnummer hoort een ingangsdatum van de beschikking" if p.beschikking_nummer
                is not None else "Een ingangsdatum van de beschikking mag alleen met een beschikkingnummer")


@rule("CD066", "0001", IN_MESSAGE, ("315",))
def cd066_geen_naam_bij_zorgverlenercode(msg, ctx, today):
    """Verwijzer/Naam: Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld,
    dan is Naamverwijzer leeg."""
    for path, p in _aangevraagd(msg):
        v = p.verwijzer
        if v.type in _VERWIJZER_MET_CODE and v.zorgverlener_code and v.naam:
            yield p, f"{path}/Verwijzer/Naam", "Met een zorgverlenercode blijft de naam van de verwijzer leeg"


@rule("CD067", "0001", IN_MESSAGE, ("315",))
def cd067_naam_zonder_zorgverlenercode(msg, ctx, today):
    """Verwijzer/Naam: Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan
    is Naamverwijzer gevuld."""
    for path, p in _aangevraagd(msg):
        v = p.verwijzer
        if v.type in _VERWIJZER_MET_CODE and not v.zorgverlener_code and not v.naam:
            yield p, f"{path}/Verwijzer", "Zonder zorgverlenercode is de naam van de verwijzer verplicht"


@rule("CD068", "0001", IN_MESSAGE, ("315",))
def cd068_zorgverlenercode_alleen_bij_arts(msg, ctx, today):
    """Verwijzer/ZorgverlenerCode: Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is
    ZorgverlenerCode leeg."""
    for path, p in _aangevraagd(msg):
        v = p.verwijzer
        if v.type not in _VERWIJZER_MET_CODE and v.zorgverlener_code:
            yield p, f"{path}/Verwijzer/ZorgverlenerCode", (
                f"Bij verwijzer type {v.type} blijft de zorgverlenercode leeg")


@rule("TR383", "0001", IN_MESSAGE, ("315",))
def tr383_referentie_uniek_in_bericht(msg, ctx, today):
    """ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht."""
    seen = Counter()
    for path, p in _aangevraagd(msg):
        seen[p.referentie_aanbieder] += 1
        if seen[p.referentie_aanbieder] == 2:
            yield p, f"{path}/ReferentieAanbieder", (
                f"ReferentieAanbieder {p.referentie_aanbieder!r} komt meer dan eens voor in het bericht")


@rule("CD085", "0001", IN_MESSAGE, ("319",))
def cd085_reden_bij_afwijzing(msg, ctx, today):
    """RedenAfwijzingVerzoek: Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen."""
    a = msg.antwoord
    if a.verzoek_antwoord == "1" and not a.reden_afwijzing_verzoek:
        yield a, "Antwoord/VerzoekAntwoord", "Een afgewezen verzoek heeft een reden van afwijzing nodig"


@rule("CD086", "0001", IN_MESSAGE, ("319",))
def cd086_geen_reden_in_onderzoek(msg, ctx, today):
    """RedenAfwijzingVerzoek: Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten."""
    a = msg.antwoord
    if a.verzoek_antwoord == "2" and a.reden_afwijzing_verzoek:
        yield a, "Antwoord/RedenAfwijzingVerzoek", "Een aanvraag in onderzoek heeft geen reden van afwijzing"


@rule("TR018", "0001", IN_MESSAGE, ("307",))
def tr018_stop_na_start(msg, ctx, today):
    """Einddatum moet groter dan of gelijk zijn aan Begindatum."""
    for i, p in enumerate(msg.client.stop_producten, 1):
        if p.einddatum < p.begindatum:
            yield p, f"Client/StopProduct[{i}]/Einddatum", (
                f"Einddatum {p.einddatum} ligt vóór Begindatum {p.begindatum}")


@rule("TR352", "0001", IN_MESSAGE, ("317",))
def tr352_vow_noemt_lopende_toewijzing(msg, ctx, today):
    """Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor."""
    v = msg.client.verzoek
    if not v.ongewijzigde_producten and not v.te_wijzigen_producten:
        yield v, "Client/Verzoek", "Een verzoek om wijziging noemt minstens één lopende toewijzing"


@rule("TR353", "0001", IN_MESSAGE, ("317",))
def tr353_vow_vraagt_iets(msg, ctx, today):
    """Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor."""
    v = msg.client.verzoek
    if not v.te_wijzigen_producten and not v.nieuwe_producten:
        yield v, "Client/Verzoek", "Een verzoek om wijziging vraagt minstens één te wijzigen of nieuw product"


def _vorig(it) -> str | None:
    return it.p.product_referentie.vorig_referentie_nummer


@rule("CD060", "0001", IN_MESSAGE, ("323", "325"), each=prestaties)
def cd060_vorig_referentienummer_bij_credit(items, msg, ctx, today):
    """VorigReferentieNummer: Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C
    (credit) heeft, anders leeg laten."""
    # comprehensions over the (10,000s of) items, the path only for a fault: this runs on every 323
    for it in [it for it in items if (it.p.ingediend_bedrag.debet_credit == "C") != bool(_vorig(it))]:
        yield it.p, f"{it.path}/ProductReferentie", (
            "Een creditregel noemt het referentienummer van de debetregel (VorigReferentieNummer)"
            if it.p.ingediend_bedrag.debet_credit == "C" else "Een debetregel heeft geen VorigReferentieNummer")


def _totalen(msg):
    """(part, path, TotaalBedragMetDC) of the totals of a 323 or 325."""
    if msg.NUMMER == "323":
        return [(msg.declaratie, "Declaratie/TotaalIngediendBedrag", msg.declaratie.totaal_ingediend_bedrag)]
    a = msg.declaratie_antwoord
    return [] if a is None else [(a, "DeclaratieAntwoord/TotaalIngediendBedrag", a.totaal_ingediend_bedrag),
                                 (a, "DeclaratieAntwoord/TotaalToegekendBedrag", a.totaal_toegekend_bedrag)]


@rule("CS325", "0001", IN_MESSAGE, ("323", "325"), each=prestaties)
def cs325_nul_is_debet(items, msg, ctx, today):
    """DebetCredit: Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet)."""
    for part, path, t in _totalen(msg):
        if t.totaal_bedrag == 0 and t.debet_credit != "D":
            yield part, f"{path}/DebetCredit", "Een totaal van 0 is debet (D)"
    for it in [it for it in items if it.p.ingediend_bedrag.bedrag == 0 and it.p.ingediend_bedrag.debet_credit != "D"]:
        yield it.p, f"{it.path}/IngediendBedrag/DebetCredit", "Een bedrag van 0 is debet (D)"


@rule("CS100", "0001", IN_MESSAGE, ("323",), each=prestaties)
def cs100_vanaf_2021(items, msg, ctx, today):
    """DeclaratiePeriode, ProductPeriode: Vullen met een datum die groter dan of gelijk is aan 01-01-2021."""
    if msg.declaratie.declaratie_periode.begindatum < _RELEASE_START:
        yield msg.declaratie, "Declaratie/DeclaratiePeriode/Begindatum", (
            "Een declaratieperiode begint op of na 1-1-2021")
    for it in [it for it in items if it.p.product_periode.begindatum < _RELEASE_START]:
        yield it.p, f"{it.path}/ProductPeriode/Begindatum", "Een productperiode begint op of na 1-1-2021"


@rule("TR315", "0001", IN_MESSAGE, ("323",), each=prestaties)
def tr315_vorig_referentienummer_uniek(items, msg, ctx, today):
    """VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht."""
    seen = set()
    for it in [it for it in items if _vorig(it)]:
        if _vorig(it) in seen:
            yield it.p, f"{it.path}/ProductReferentie", (
                f"VorigReferentieNummer {_vorig(it)!r} wordt meer dan eens gecrediteerd")
        seen.add(_vorig(it))


@rule("TR316", "0001", IN_MESSAGE, ("323",), each=prestaties)
def tr316_niet_crediteren_in_hetzelfde_bericht(items, msg, ctx, today):
    """Debetregels mogen niet in hetzelfde bericht gecrediteerd worden."""
    credits = [it for it in items if _vorig(it)]
    refs = {it.p.product_referentie.referentie_nummer for it in items} if credits else set()
    for it in credits:
        if _vorig(it) in refs:
            yield it.p, f"{it.path}/ProductReferentie", (
                f"Regel {_vorig(it)!r} wordt in hetzelfde bericht gecrediteerd")


@rule("CD079", "0001", IN_MESSAGE, ("301", "315", "317"))
def cd079_product_zonder_budget(msg, ctx, today):
    """Product: Indien Budget leeg is, dan verplicht vullen."""
    if msg.NUMMER == "301":
        items = _toegewezen(msg)
    elif msg.NUMMER == "315":
        items = _aangevraagd(msg)
    else:
        nieuw = msg.client.verzoek.nieuwe_producten
        items = [(f"Client/Verzoek/NieuwProduct[{i}]", p) for i, p in enumerate(nieuw, 1)]
    for path, p in items:
        if p.product is None and p.budget is None:
            yield p, path, "Zonder budget is het product (categorie) verplicht"
