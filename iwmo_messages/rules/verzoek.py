"""Rules for the verzoek om toewijzing (315) and verzoek om wijziging (317): the references and current
toewijzingen (TR347, TR349–TR351, TR374) and each TeWijzigenProduct against its toewijzing (TR357, TR373,
TR375, TR411, TR412; the toewijzing from `RuleContext.toewijzing`)."""
from __future__ import annotations

from .base import CROSS_MESSAGE, IN_MESSAGE, rule
from .toewijzing import RELEASE_3_END


def _referenties(msg):
    """(path, part) of each ReferentieAanbieder: one per AangevraagdProduct of a 315, one for a 317."""
    if msg.NUMMER == "317":
        return [("Client/Verzoek", msg.client.verzoek)]
    return [(f"Client/AangevraagdProduct[{i}]", p) for i, p in enumerate(msg.client.aangevraagde_producten, 1)]


@rule("TR347", "9347", CROSS_MESSAGE, ("315", "317"), needs_context=True)
def tr347_referentie_aanbieder_unique(msg, ctx, today):
    """ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk domein.

    Each product of a 315 has a referentie of its own: every one is checked against earlier
    verzoeken, and two products of one message may not share one either."""
    afzender, seen_here = msg.header.afzender, set()
    for path, part in _referenties(msg):
        referentie = part.referentie_aanbieder
        if referentie in seen_here:
            yield part, f"{path}/ReferentieAanbieder", f"ReferentieAanbieder {referentie!r} komt twee keer voor in dit bericht"
        elif ctx.referentie_aanbieder_seen(afzender, referentie):
            yield part, f"{path}/ReferentieAanbieder", f"ReferentieAanbieder {referentie!r} is al eerder gebruikt"
        seen_here.add(referentie)


def _of_another_client(msg, ctx, nummer: int) -> bool:
    """The toewijzing exists but for another Bsn: TR304 (8187) reports that, not TR350/TR351."""
    t = ctx.toewijzing(nummer)
    return t is not None and t.bsn != msg.client.bsn


def _actuele_nummers(msg, ctx, today) -> set[int]:
    return {t.toewijzing_nummer for t in ctx.client_toewijzingen(msg.header.afzender, msg.client.bsn)
            if t.actueel(today)}


@rule("TR349", "9349", CROSS_MESSAGE, ("317",), needs_context=True)
def tr349_vow_names_every_current_toewijzing(msg, ctx, today):
    """Het verzoek om wijziging bericht bevat alle actuele ToegewezenProducten van de client.

    Toelichting: hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct. Actuele toewijzingen zijn
    toewijzingen die op of na de huidige datum geldig zijn, of waarvan de ingangsdatum in de toekomst
    ligt. Toewijzingen waarvan de einddatum en ingangsdatum aan elkaar gelijk zijn met reden wijziging
    13 (Verwijderd) of reden wijziging 01 (Administratieve correctie (vervallen)), worden niet gezien
    als actuele toewijzing."""
    v = msg.client.verzoek
    listed = {p.toewijzing_nummer for p in [*v.ongewijzigde_producten, *v.te_wijzigen_producten]}
    missing = sorted(_actuele_nummers(msg, ctx, today) - listed)
    if missing:
        yield v, "Client/Verzoek", (f"de actuele toewijzingen {', '.join(map(str, missing))} staan niet als "
                                    "OngewijzigdProduct of TeWijzigenProduct in het verzoek")


@rule("TR350", "9350", CROSS_MESSAGE, ("317",), needs_context=True)
def tr350_ongewijzigd_product_is_current(msg, ctx, today):
    """Ieder OngewijzigdProduct in een verzoek om wijziging bericht is gerelateerd aan een actueel
    toegewezen product op basis van het ToewijzingNummer."""
    actueel = _actuele_nummers(msg, ctx, today)
    for i, p in enumerate(msg.client.verzoek.ongewijzigde_producten, 1):
        if p.toewijzing_nummer not in actueel and not _of_another_client(msg, ctx, p.toewijzing_nummer):
            yield p, f"Client/Verzoek/OngewijzigdProduct[{i}]/ToewijzingNummer", (
                f"geen actuele toewijzing {p.toewijzing_nummer} voor deze cliënt")


@rule("TR351", "9351", CROSS_MESSAGE, ("317",), needs_context=True)
def tr351_te_wijzigen_product_is_current(msg, ctx, today):
    """Ieder TeWijzigenProduct in een verzoek om wijziging is gerelateerd aan een actueel
    ToegewezenProduct op basis van ToewijzingNummer."""
    actueel = _actuele_nummers(msg, ctx, today)
    for i, p in enumerate(msg.client.verzoek.te_wijzigen_producten, 1):
        if p.toewijzing_nummer not in actueel and not _of_another_client(msg, ctx, p.toewijzing_nummer):
            yield p, f"Client/Verzoek/TeWijzigenProduct[{i}]/ToewijzingNummer", (
                f"geen actuele toewijzing {p.toewijzing_nummer} voor deze cliënt")


@rule("TR374", "9374", CROSS_MESSAGE, ("315", "317"), needs_context=True)
def tr374_no_open_verzoek(msg, ctx, today):
    """Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek is voor de betreffende
    client van dezelfde aanbieder.

    Toelichting: een verzoek is in behandeling totdat er ofwel een antwoordbericht met VerzoekAntwoord
    "Verzoek afgewezen" ofwel een toewijzingsbericht met dezelfde ReferentieAanbieder gestuurd is."""
    if ctx.verzoek_onderhanden(msg.header.afzender, msg.client.bsn):
        yield msg.client, "Client/Bsn", "een eerder verzoek voor deze cliënt is nog in behandeling"


@rule("TR380", "0001", IN_MESSAGE, ("317",))
def tr380_nieuw_product_starts_after_dagtekening(msg, ctx, today):
    """A NieuwProduct's GewensteIngangsdatum lies after the Dagtekening."""
    d = msg.header.bericht_identificatie.dagtekening
    for i, p in enumerate(msg.client.verzoek.nieuwe_producten, 1):
        if p.gewenste_ingangsdatum <= d:
            yield p, f"Client/Verzoek/NieuwProduct[{i}]/GewensteIngangsdatum", (
                f"GewensteIngangsdatum {p.gewenste_ingangsdatum} ligt niet na de dagtekening {d}")


def _te_wijzigen(msg, ctx):
    """(path, TeWijzigenProduct, its toewijzing) for each one whose toewijzing exists (TR351 reports others)."""
    for i, p in enumerate(msg.client.verzoek.te_wijzigen_producten, 1):
        t = ctx.toewijzing(p.toewijzing_nummer)
        if t is not None:
            yield f"Client/Verzoek/TeWijzigenProduct[{i}]", p, t


@rule("TR357", "9357", CROSS_MESSAGE, ("317",), needs_context=True)
def tr357_wijziging_nu_geldt_hele_looptijd(msg, ctx, today):
    """Als GewensteIngangsdatum kleiner dan of gelijk is aan de dagtekening, dan is GewensteIngangsdatum gelijk
    aan ingangsdatum van het originele ToegewezenProduct.

    Toelichting: Als een wijziging niet in de toekomst moet ingaan, dan is het altijd een wijziging die voor
    de gehele looptijd geldt."""
    d = msg.header.bericht_identificatie.dagtekening
    for path, p, t in _te_wijzigen(msg, ctx):
        if p.gewenste_ingangsdatum <= d and p.gewenste_ingangsdatum != t.ingangsdatum:
            yield p, f"{path}/GewensteIngangsdatum", (
                f"Een wijziging die niet in de toekomst ingaat, geldt vanaf de ingangsdatum {t.ingangsdatum} "
                f"van toewijzing {t.toewijzing_nummer}")


def _totaal_of_budget_gewijzigd(p, t) -> bool:
    if p.budget is not None and p.budget != t.budget:
        return True
    o = p.omvang
    return o is not None and o.frequentie == "6" and (o.volume, o.eenheid, o.frequentie) != (
        t.volume, t.eenheid, t.frequentie)


@rule("TR373", "9373", CROSS_MESSAGE, ("317",), needs_context=True)
def tr373_budget_wijziging_hele_looptijd(msg, ctx, today):
    """Indien in een TeWijzigenProduct het Budget of het totaal over toewijzingsperiode wordt gewijzigd,
    dient GewensteIngangsdatum gelijk te zijn aan de actuele toewijzing.

    Toelichting: Als in een verzoek om wijziging een budgetaanpassing wordt gevraagd, is dit altijd voor de
    gehele looptijd van de betreffende toewijzing."""
    for path, p, t in _te_wijzigen(msg, ctx):
        if _totaal_of_budget_gewijzigd(p, t) and p.gewenste_ingangsdatum != t.ingangsdatum:
            yield p, f"{path}/GewensteIngangsdatum", (
                f"Een ander budget of totaal geldt voor de hele looptijd: vanaf {t.ingangsdatum}")


@rule("TR411", "9411", CROSS_MESSAGE, ("317",), needs_context=True)
def tr411_omvang_bij_productcode(msg, ctx, today):
    """Indien Code in Product bij de toewijzing met ToewijzingNummer gevuld is, dan Omvang verplicht vullen."""
    for path, p, t in _te_wijzigen(msg, ctx):
        if t.code and p.omvang is None:
            yield p, f"{path}/Omvang", f"Toewijzing {t.toewijzing_nummer} heeft productcode {t.code}: vul de Omvang"


def _omvang_na_2020(p) -> bool:
    return p.omvang is not None and (p.einddatum is None or p.einddatum > RELEASE_3_END)


@rule("TR412", "9412", CROSS_MESSAGE, ("317",), needs_context=True)
def tr412_geen_omvang_zonder_productcode(msg, ctx, today):
    """Indien Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan
    31-12-2020 of leeg is, dan leeg laten. (A toewijzing without any Product is TR375.)"""
    for path, p, t in _te_wijzigen(msg, ctx):
        if t.categorie and not t.code and _omvang_na_2020(p):
            yield p, f"{path}/Omvang", f"Toewijzing {t.toewijzing_nummer} heeft geen productcode: laat de Omvang leeg"


@rule("TR375", "9375", CROSS_MESSAGE, ("317",), needs_context=True)
def tr375_geen_omvang_zonder_product(msg, ctx, today):
    """Indien Product in de toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of
    leeg is, dan leeg laten."""
    for path, p, t in _te_wijzigen(msg, ctx):
        if not t.categorie and _omvang_na_2020(p):
            yield p, f"{path}/Omvang", f"Toewijzing {t.toewijzing_nummer} heeft geen product: laat de Omvang leeg"
