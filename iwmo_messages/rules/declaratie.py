"""Rules for the declaratie (323): in-message arithmetic and periods, and the checks against
the toewijzing and earlier declaraties (via the RuleContext)."""
from __future__ import annotations

import calendar
from datetime import date

from .base import CROSS_MESSAGE, EXTERNAL, IN_MESSAGE, rule

D323 = ("323",)


def _prestaties(msg):
    """Yield (path, client, prestatie) for every Prestatie in document order."""
    for i, client in enumerate(msg.declaratie.clienten, 1):
        for j, p in enumerate(client.prestaties, 1):
            yield f"Client[{i}]/Prestatie[{j}]", client, p


def _signed(amount: int, debet_credit: str) -> int:
    return -amount if debet_credit == "C" else amount


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


@rule("CS340", "0001", IN_MESSAGE, D323)
def cs340_declaratieperiode_one_month(msg, ctx, today):
    """The DeclaratiePeriode is exactly one calendar month."""
    per = msg.declaratie.declaratie_periode
    if per.begindatum.day != 1 or per.einddatum != _month_end(per.begindatum):
        yield msg.declaratie, "Declaratie/DeclaratiePeriode", (
            f"{per.begindatum}–{per.einddatum} is not exactly one calendar month")


@rule("CS337", "0001", IN_MESSAGE, D323)
def cs337_productperiode_within_one_month(msg, ctx, today):
    """A ProductPeriode lies within one calendar month."""
    for path, _, p in _prestaties(msg):
        b, e = p.product_periode.begindatum, p.product_periode.einddatum
        if (b.year, b.month) != (e.year, e.month):
            yield p, f"{path}/ProductPeriode", f"{b}–{e} spans more than one calendar month"


@rule("TR358", "0001", IN_MESSAGE, D323)
def tr358_totaal_is_sum_of_prestaties(msg, ctx, today):
    """TotaalIngediendBedrag equals Σ debet − Σ credit of the IngediendBedragen."""
    total = sum(_signed(p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit)
                for _, _, p in _prestaties(msg))
    t = msg.declaratie.totaal_ingediend_bedrag
    if _signed(t.totaal_bedrag, t.debet_credit) != total:
        yield msg.declaratie, "Declaratie/TotaalIngediendBedrag", (
            f"{t.totaal_bedrag} {t.debet_credit} is not the sum of the prestaties ({total})")


@rule("CD087", "0001", IN_MESSAGE, D323)
def cd087_tarief_unless_euros(msg, ctx, today):
    """ProductTarief is filled unless Eenheid is 83 (euro's)."""
    for path, _, p in _prestaties(msg):
        if p.eenheid != "83" and p.product_tarief is None:
            yield p, f"{path}/ProductTarief", f"ProductTarief is required for Eenheid {p.eenheid}"


@rule("CS339", "0001", IN_MESSAGE, D323)
def cs339_euros_bedrag_is_volume(msg, ctx, today):
    """With Eenheid 83 (euro's) the IngediendBedrag equals the GeleverdVolume."""
    for path, _, p in _prestaties(msg):
        if p.eenheid == "83" and p.ingediend_bedrag.bedrag != p.geleverd_volume:
            yield p, f"{path}/IngediendBedrag", "Bedrag must equal GeleverdVolume for Eenheid 83"


@rule("TR101", "0001", IN_MESSAGE, D323)
def tr101_referentienummer_unique_in_message(msg, ctx, today):
    """A ProductReferentie ReferentieNummer occurs once in the message."""
    seen = set()
    for path, _, p in _prestaties(msg):
        ref = p.product_referentie.referentie_nummer
        if ref in seen:
            yield p, f"{path}/ProductReferentie", f"ReferentieNummer {ref!r} occurs more than once"
        seen.add(ref)


@rule("TR319", "9319", CROSS_MESSAGE, D323)
def tr319_productperiode_within_declaratieperiode(msg, ctx, today):
    """The ProductPeriode lies within the DeclaratiePeriode."""
    per = msg.declaratie.declaratie_periode
    for path, _, p in _prestaties(msg):
        if p.product_periode.begindatum < per.begindatum or p.product_periode.einddatum > per.einddatum:
            yield p, f"{path}/ProductPeriode", "ProductPeriode is outside the DeclaratiePeriode"


@rule("TR346", "9346", EXTERNAL, D323)
def tr346_bedrag_is_volume_times_tarief(msg, ctx, today):
    """IngediendBedrag = GeleverdVolume × ProductTarief (unless Eenheid 83)."""
    for path, _, p in _prestaties(msg):
        if p.eenheid != "83" and p.product_tarief is not None:
            if p.ingediend_bedrag.bedrag != p.geleverd_volume * p.product_tarief:
                yield p, f"{path}/IngediendBedrag", (
                    f"{p.ingediend_bedrag.bedrag} ≠ {p.geleverd_volume} × {p.product_tarief}")


@rule("TR333", "9333", CROSS_MESSAGE, D323, needs_context=True)
def tr333_declaratienummer_unique(msg, ctx, today):
    """The DeclaratieNummer is unique per aanbieder."""
    nr = msg.declaratie.declaratie_nummer
    if ctx.declaratie_nummer_seen(msg.header.afzender, nr):
        yield msg.declaratie, "Declaratie/DeclaratieNummer", f"DeclaratieNummer {nr!r} was used before"


@rule("TR314", "8021", CROSS_MESSAGE, D323, needs_context=True)
def tr314_referentienummer_unique(msg, ctx, today):
    """A debet ReferentieNummer was not used in an earlier declaratie."""
    afzender = msg.header.afzender
    for path, _, p in _prestaties(msg):
        ref = p.product_referentie.referentie_nummer
        if p.ingediend_bedrag.debet_credit == "D" and ctx.referentie_nummer_seen(afzender, ref):
            yield p, f"{path}/ProductReferentie", f"ReferentieNummer {ref!r} was used before"


def _with_toewijzing(msg, ctx):
    for path, client, p in _prestaties(msg):
        t = ctx.toewijzing(p.toewijzing_nummer)
        if t is not None:
            yield path, client, p, t


@rule("TR338", "9338", CROSS_MESSAGE, D323, needs_context=True)
def tr338_prestatie_has_toewijzing(msg, ctx, today):
    """Every Prestatie refers to an existing toewijzing."""
    for path, _, p in _prestaties(msg):
        if ctx.toewijzing(p.toewijzing_nummer) is None:
            yield p, f"{path}/ToewijzingNummer", f"toewijzing {p.toewijzing_nummer} does not exist"


@rule("TR304", "8187", CROSS_MESSAGE, D323, needs_context=True)
def tr304_prestatie_belongs_to_client(msg, ctx, today):
    """The Bsn of the Client equals the Bsn of the toewijzing."""
    for path, client, p, t in _with_toewijzing(msg, ctx):
        if t.bsn != client.bsn:
            yield p, f"{path}/ToewijzingNummer", f"toewijzing {t.toewijzing_nummer} is not for this client"


@rule("TR307", "9307", CROSS_MESSAGE, D323, needs_context=True)
def tr307_begin_within_toewijzing(msg, ctx, today):
    """The ProductPeriode Begindatum lies within the toewijzing's period."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        b = p.product_periode.begindatum
        if b < t.ingangsdatum or (t.einddatum is not None and b > t.einddatum):
            yield p, f"{path}/ProductPeriode/Begindatum", f"{b} is outside toewijzing {t.toewijzing_nummer}"


@rule("TR308", "9308", CROSS_MESSAGE, D323, needs_context=True)
def tr308_end_within_toewijzing(msg, ctx, today):
    """The ProductPeriode Einddatum lies within the toewijzing's period."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        e = p.product_periode.einddatum
        if e < t.ingangsdatum or (t.einddatum is not None and e > t.einddatum):
            yield p, f"{path}/ProductPeriode/Einddatum", f"{e} is outside toewijzing {t.toewijzing_nummer}"


@rule("TR339", "9339", CROSS_MESSAGE, D323, needs_context=True)
def tr339_categorie_matches(msg, ctx, today):
    """The ProductCategorie equals the toewijzing's."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        if p.product_categorie != t.categorie:
            yield p, f"{path}/ProductCategorie", f"{p.product_categorie} ≠ toegewezen {t.categorie}"


@rule("TR340", "9340", CROSS_MESSAGE, D323, needs_context=True)
def tr340_code_matches(msg, ctx, today):
    """The ProductCode equals the toewijzing's (when the toewijzing names one)."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        if t.code and p.product_code != t.code:
            yield p, f"{path}/ProductCode", f"{p.product_code} ≠ toegewezen {t.code}"


@rule("TR341", "9341", CROSS_MESSAGE, D323, needs_context=True)
def tr341_eenheid_matches(msg, ctx, today):
    """The Eenheid fits the toewijzing's Omvang."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        if t.eenheid and p.eenheid != t.eenheid:
            yield p, f"{path}/Eenheid", f"{p.eenheid} ≠ toegewezen {t.eenheid}"


@rule("TR321", "9321", CROSS_MESSAGE, D323, needs_context=True)
def tr321_volume_within_toewijzing(msg, ctx, today):
    """A GeleverdVolume is not more than the toegewezen Volume with Frequentie 'totaal' (6)
    or 'per maand' (4), the frequencies a single monthly Prestatie can be compared with."""
    for path, _, p, t in _with_toewijzing(msg, ctx):
        if t.volume is not None and t.frequentie in ("4", "6") and p.geleverd_volume > t.volume:
            yield p, f"{path}/GeleverdVolume", f"{p.geleverd_volume} > toegewezen {t.volume}"
