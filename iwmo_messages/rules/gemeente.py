"""Rules on the messages a gemeente sends itself: the toewijzing (301), the antwoord (319) and the
declaratie-antwoord (325). An aanbieder's system applies them on receipt; the gemeente runs them
before sending (outbound self-check).

The cross-message ones compare with what the gemeente sent earlier and run only when the context
gives those facts (`OptionalContext`: toegewezen_product, referentie_toegewezen, eerdere_antwoorden,
honoreert, gedeclareerd); the aanbieder is the ontvanger of the message.
"""
from __future__ import annotations

from .base import CROSS_MESSAGE, IN_MESSAGE, rule
from .declaratie import _signed

AANVRAAG_IN_ONDERZOEK = "2"
#: RedenAfwijzingVerzoek 8 (WJ759, iJw only): woonplaatsbeginsel, another gemeente is responsible.
WOONPLAATSBEGINSEL = "8"
#: Retourcodes that approve a part (0200 goedgekeurd, 8001 declaratie volledig toegekend).
GOEDGEKEURD = frozenset({"0200", "8001"})


def _toegewezen(msg):
    return [(f"Client/ToegewezenProduct[{i}]", p) for i, p in enumerate(msg.client.toegewezen_producten, 1)]


@rule("TR332", "9332", CROSS_MESSAGE, ("301",), needs=("toegewezen_product",))
def tr332_toewijzingnummer_uniek(msg, ctx, today):
    """Ieder ToegewezenProduct binnen één gemeente heeft een uniek nummer per wettelijk domein.

    A nummer the gemeente gave before belongs to that toewijzing only: the same client, aanbieder and
    product."""
    for path, p in _toegewezen(msg):
        t = ctx.toegewezen_product(p.toewijzing_nummer)
        if t is None:
            continue
        categorie, code = (p.product.categorie, p.product.code) if p.product is not None else (None, None)
        if (t.bsn, t.aanbieder, t.categorie, t.code) != (msg.client.bsn, msg.header.ontvanger, categorie, code):
            yield p, f"{path}/ToewijzingNummer", (
                f"ToewijzingNummer {p.toewijzing_nummer} hoort al bij een andere toewijzing van deze gemeente")


@rule("TR379", "9379", CROSS_MESSAGE, ("301",), needs=("honoreert",))
def tr379_referentie_van_het_verzoek(msg, ctx, today):
    """Indien ToegewezenProduct wordt verstuurd ter honorering van een VOT of VOW, dient ReferentieAanbieder te
    worden gevuld met ReferentieAanbieder uit die VOT of VOW, anders leeglaten.

    Toelichting: Dit geldt alleen de eerste keer dat ToegewezenProduct wordt verstuurd na honorering van een
    VOT of VOW."""
    for path, p in _toegewezen(msg):
        expected = ctx.honoreert(msg.header.ontvanger, p.toewijzing_nummer)
        if (p.referentie_aanbieder or None) != expected:
            yield p, f"{path}/ReferentieAanbieder", (
                f"ReferentieAanbieder hoort {expected!r} te zijn (het gehonoreerde verzoek)" if expected
                else "ReferentieAanbieder blijft leeg: deze toewijzing honoreert (nu) geen verzoek")


@rule("TR385", "9385", CROSS_MESSAGE, ("301",), needs=("gedeclareerd",))
def tr385_gedeclareerde_toewijzing_niet_verwijderen(msg, ctx, today):
    """Indien de toewijzing goedgekeurde (niet gecrediteerde) prestatiesregels met gelijk ToewijzingNummer
    heeft, is het niet toegestaan deze toewijzing te verwijderen met RedenWijziging waarde 13 (verwijderd)."""
    for path, p in _toegewezen(msg):
        if p.reden_wijziging == "13" and ctx.gedeclareerd(msg.header.ontvanger, p.toewijzing_nummer):
            yield p, f"{path}/RedenWijziging", (
                f"Op toewijzing {p.toewijzing_nummer} zijn prestaties goedgekeurd: verwijderen (13) mag niet")


@rule("TR355", "9355", CROSS_MESSAGE, ("319",), needs_context=True)
def tr355_antwoord_op_een_verzoek(msg, ctx, today):
    """ReferentieAanbieder in het antwoordbericht komt voor in een eerder verzoek om toewijzing of verzoek om
    wijziging."""
    a = msg.antwoord
    if not ctx.referentie_aanbieder_seen(msg.header.ontvanger, a.referentie_aanbieder):
        yield a, "Antwoord/ReferentieAanbieder", (
            f"Er is geen verzoek van de aanbieder met ReferentieAanbieder {a.referentie_aanbieder!r}")


@rule("TR359", "9359", CROSS_MESSAGE, ("319",), needs=("referentie_toegewezen",))
def tr359_geen_antwoord_na_toewijzing(msg, ctx, today):
    """Als een antwoordbericht wordt verstuurd, mag er niet al eerder een toewijzingsbericht gestuurd zijn met
    dezelfde ReferentieAanbieder."""
    a = msg.antwoord
    if ctx.referentie_toegewezen(msg.header.ontvanger, a.referentie_aanbieder):
        yield a, "Antwoord/ReferentieAanbieder", "Op dit verzoek is al een toewijzing gestuurd"


@rule("TR360", "9360", CROSS_MESSAGE, ("319",), needs=("eerdere_antwoorden",))
def tr360_in_onderzoek_maar_een_keer(msg, ctx, today):
    """Een antwoordbericht met in VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek), mag alleen gestuurd
    worden indien er nog geen antwoordbericht is met deze ReferentieAanbieder."""
    a = msg.antwoord
    if a.verzoek_antwoord == AANVRAAG_IN_ONDERZOEK and ctx.eerdere_antwoorden(msg.header.ontvanger,
                                                                               a.referentie_aanbieder):
        yield a, "Antwoord/VerzoekAntwoord", "Op dit verzoek is al geantwoord; 'in onderzoek' kan maar één keer"


@rule("TR365", "9365", CROSS_MESSAGE, ("319",), needs=("eerdere_antwoorden",))
def tr365_eerder_antwoord_was_in_onderzoek(msg, ctx, today):
    """Als er al een antwoordbericht is met dezelfde ReferentieAanbieder dan moet VerzoekAntwoord daar de
    waarde 2 (Aanvraag in onderzoek) hebben.

    Toelichting: Er kan slechts 1 maal een antwoordbericht verstuurd worden met in VerzoekAntwoord de waarde 2
    (Aanvraag in onderzoek). Daarna moet er ofwel een toewijzing ofwel een antwoordbericht met in
    VerzoekAntwoord de waarde 1 (Verzoek afgewezen) worden gestuurd."""
    a = msg.antwoord
    earlier = ctx.eerdere_antwoorden(msg.header.ontvanger, a.referentie_aanbieder)
    if any(v != AANVRAAG_IN_ONDERZOEK for v in earlier):
        yield a, "Antwoord", "Op dit verzoek is al definitief geantwoord (afgewezen)"


@rule("TR377", "0001", IN_MESSAGE, ("319",))
def tr377_woonplaatsbeginsel_bij_reden_8(msg, ctx, today):
    """Indien RedenAfwijzingVerzoek de waarde 8 (Woonplaatsbeginsel) heeft, dan berichtklasse
    Woonplaatsbeginsel opnemen. (iJw only.)"""
    a = msg.antwoord
    if msg.standaard == "ijw" and a.reden_afwijzing_verzoek == WOONPLAATSBEGINSEL and a.woonplaatsbeginsel is None:
        yield a, "Antwoord/Woonplaatsbeginsel", "Bij afwijzing om het woonplaatsbeginsel (8) hoort de gemeente"


@rule("TR409", "0001", IN_MESSAGE, ("319",))
def tr409_geen_woonplaatsbeginsel_zonder_reden_8(msg, ctx, today):
    """Als RedenAfwijzingVerzoek ongelijk is aan 8 (Woonplaatsbeginsel), dan berichtklasse Woonplaatsbeginsel
    weglaten. (iJw only.)"""
    a = msg.antwoord
    if msg.standaard == "ijw" and a.reden_afwijzing_verzoek != WOONPLAATSBEGINSEL and a.woonplaatsbeginsel:
        yield a, "Antwoord/Woonplaatsbeginsel", "Woonplaatsbeginsel alleen bij RedenAfwijzingVerzoek 8"


@rule("TR342", "0001", IN_MESSAGE, ("325",))
def tr342_alleen_afgewezen_prestaties(msg, ctx, today):
    """Alleen afgewezen Prestaties dienen meegestuurd te worden in het declaratie-antwoordbericht op een
    declaratie.

    Toelichting: Indien afkeur op berichtklasse DeclaratieAntwoord plaatsvindt, … dient het
    TotaalToegekendbedrag gevuld te worden met 0. … De volgende controle dwingt dit af:
    SOM (Prestatie.IngediendBedrag) = DeclaratieAntwoord.TotaalIngediendBedrag -/- TotaalToegekendBedrag."""
    a = msg.declaratie_antwoord
    if a is None:
        return
    toegekend = _signed(a.totaal_toegekend_bedrag.totaal_bedrag, a.totaal_toegekend_bedrag.debet_credit)
    if any(code not in GOEDGEKEURD for code in a.retour_codes):
        if toegekend != 0:
            yield a, "DeclaratieAntwoord/TotaalToegekendBedrag", (
                "De declaratie is afgekeurd: het toegekende totaal is 0")
        return
    for i, c in enumerate(a.clienten, 1):
        for j, p in enumerate(c.prestaties, 1):
            if not any(code not in GOEDGEKEURD for code in p.retour_codes):
                yield p, f"DeclaratieAntwoord/Clienten/Client[{i}]/Prestatie[{j}]", (
                    "Een goedgekeurde prestatie hoort niet in het declaratie-antwoord")
    afgewezen = sum(_signed(p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit)
                    for c in a.clienten for p in c.prestaties)
    ingediend = _signed(a.totaal_ingediend_bedrag.totaal_bedrag, a.totaal_ingediend_bedrag.debet_credit)
    if afgewezen != ingediend - toegekend:
        yield a, "DeclaratieAntwoord/TotaalToegekendBedrag", (
            f"Ingediend {ingediend} min toegekend {toegekend} is niet de som van de afgewezen prestaties ({afgewezen})")
