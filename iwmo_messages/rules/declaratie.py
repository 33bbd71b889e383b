"""Rules for the declaratie (323): in-message arithmetic and periods, and the checks against
the toewijzing and earlier declaraties (via the RuleContext).

Most rules look at each Prestatie on its own; they are registered with `each=prestaties`, so
the runner collects the (possibly 10,000s of) prestaties once for all of them, looking each
toewijzing up once, and each rule loops over them.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from fractions import Fraction
from itertools import count, repeat
from operator import attrgetter

from .base import CROSS_MESSAGE, EXTERNAL, IN_MESSAGE, rule
from .context import ToewijzingInfo

D323 = ("323",)
ONE_DAY = timedelta(days=1)


class Item:
    """One Prestatie of the declaratie, with its Client, its position and (with a context)
    its toewijzing."""

    __slots__ = ("client_nr", "client", "nr", "p", "toewijzing")

    def __init__(self, client_nr: int, client, nr: int, p, toewijzing: ToewijzingInfo | None):
        self.client_nr, self.client, self.nr, self.p, self.toewijzing = client_nr, client, nr, p, toewijzing

    @property
    def path(self) -> str:
        """The element path of the Prestatie, e.g. Client[2]/Prestatie[7]."""
        return f"Client[{self.client_nr}]/Prestatie[{self.nr}]"


def prestaties(msg, ctx) -> list[Item]:
    """An `Item` for every Prestatie of a 323 (or of a 325) in document order, as a list (the runner
    collects it once for all rules): the toewijzingen looked up by `map`, the items made without
    calling `__init__`, which is most of the cost for 10,000s of them."""
    if msg.NUMMER not in ("323", "325"):
        return []  # a rule on other messages too (TR304 on a 317) has no prestaties there
    lookup = ctx.toewijzing if ctx is not None else None
    decl = msg.declaratie if msg.NUMMER == "323" else msg.declaratie_antwoord
    out: list[Item] = []
    add, new = out.append, Item.__new__
    for i, client in enumerate(decl.clienten if decl is not None else (), 1):
        ps = client.prestaties
        toewijzingen = map(lookup, map(_toewijzing_nummer, ps)) if lookup else repeat(None)
        for nr, p, t in zip(count(1), ps, toewijzingen):  # Item(i, client, nr, p, t) without the call of __init__
            it = new(Item)
            it.client_nr, it.client, it.nr, it.p, it.toewijzing = i, client, nr, p, t
            add(it)
    return out


_toewijzing_nummer = attrgetter("toewijzing_nummer")


def _signed(amount: int, debet_credit: str) -> int:
    return -amount if debet_credit == "C" else amount


def _outside(d: date, t: ToewijzingInfo) -> bool:
    """Whether `d` lies outside the toewijzing's period."""
    return d < t.ingangsdatum or (t.einddatum is not None and d > t.einddatum)


#: Frequentie codes (WMO757/WJ757): per dag, per week, per maand, totaal binnen geldigheidsduur.
PER_DAG, PER_WEEK, PER_MAAND, TOTAAL = "1", "2", "4", "6"
_ONCE = frozenset((PER_MAAND, TOTAAL))  # the Volume holds once per period, whatever its length


def toegewezen_volume(t: ToewijzingInfo, begin: date, end: date) -> Fraction | None:
    """The Volume the toewijzing allows for the days `begin`..`end` (a ProductPeriode, within one
    month by CS337): per dag × days, per week × days/7, per maand and totaal once. None when
    it cannot be compared: no Omvang, or a period not inside the toewijzing (TR307/TR308 say so)."""
    if t.volume is None or t.frequentie is None or _outside(begin, t) or _outside(end, t) or end < begin:
        return None
    if t.frequentie in (PER_MAAND, TOTAAL):
        return Fraction(t.volume)
    days = (end - begin).days + 1
    if t.frequentie == PER_DAG:
        return Fraction(t.volume * days)
    return Fraction(t.volume * days, 7) if t.frequentie == PER_WEEK else None


def over_own_volume(p, t: ToewijzingInfo) -> Fraction | None:
    """TR321: the limit a Prestatie's GeleverdVolume is above, or None when it fits (or the
    Eenheid differs, which TR341 reports)."""
    if t.eenheid and p.eenheid != t.eenheid:
        return None
    per = p.product_periode
    if (t.frequentie in (PER_MAAND, TOTAAL) and t.volume is not None and per.begindatum <= per.einddatum
            and not _outside(per.begindatum, t) and not _outside(per.einddatum, t)):  # once per period: whole numbers
        return Fraction(t.volume) if p.geleverd_volume > t.volume else None
    limit = toegewezen_volume(t, per.begindatum, per.einddatum)
    return limit if limit is not None and p.geleverd_volume > limit else None


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


@rule("CS340", "0001", IN_MESSAGE, D323)
def cs340_declaratieperiode_one_month(msg, ctx, today):
    """The DeclaratiePeriode is exactly one calendar month."""
    per = msg.declaratie.declaratie_periode
    if per.begindatum.day != 1 or per.einddatum != _month_end(per.begindatum):
        yield msg.declaratie, "Declaratie/DeclaratiePeriode", (
            f"{per.begindatum}–{per.einddatum} is niet precies één kalendermaand")


@rule("CS337", "0001", IN_MESSAGE, D323, each=prestaties)
def cs337_productperiode_within_one_month(items, msg, ctx, today):
    """A ProductPeriode lies within one calendar month."""
    for it in [it for it in items if (per := it.p.product_periode).begindatum.month != per.einddatum.month
               or per.begindatum.year != per.einddatum.year]:
        b, e = it.p.product_periode.begindatum, it.p.product_periode.einddatum
        yield it.p, f"{it.path}/ProductPeriode", f"{b}–{e} valt niet binnen één kalendermaand"


@rule("TR358", "0001", IN_MESSAGE, D323)
def tr358_totaal_is_sum_of_prestaties(msg, ctx, today):
    """TotaalIngediendBedrag equals Σ debet − Σ credit of the IngediendBedragen."""
    bedragen = [p.ingediend_bedrag for client in msg.declaratie.clienten for p in client.prestaties]
    total = sum([-b.bedrag if b.debet_credit == "C" else b.bedrag for b in bedragen])  # _signed, inline
    t = msg.declaratie.totaal_ingediend_bedrag
    if _signed(t.totaal_bedrag, t.debet_credit) != total:
        yield msg.declaratie, "Declaratie/TotaalIngediendBedrag", (
            f"{t.totaal_bedrag} {t.debet_credit} is niet de som van de prestaties ({total})")


@rule("CD087", "0001", IN_MESSAGE, D323, each=prestaties)
def cd087_tarief_unless_euros(items, msg, ctx, today):
    """ProductTarief is filled unless Eenheid is 83 (euro's)."""
    for it in items:
        if it.p.eenheid != "83" and it.p.product_tarief is None:
            yield it.p, f"{it.path}/ProductTarief", f"ProductTarief is verplicht bij Eenheid {it.p.eenheid}"


@rule("CS339", "0001", IN_MESSAGE, D323, each=prestaties)
def cs339_euros_bedrag_is_volume(items, msg, ctx, today):
    """With Eenheid 83 (euro's) the IngediendBedrag equals the GeleverdVolume."""
    for it in items:
        if it.p.eenheid == "83" and it.p.ingediend_bedrag.bedrag != it.p.geleverd_volume:
            yield it.p, f"{it.path}/IngediendBedrag", (
                "Bij Eenheid 83 (euro's) moet het Bedrag gelijk zijn aan GeleverdVolume")


@rule("TR319", "9319", CROSS_MESSAGE, D323, each=prestaties)
def tr319_productperiode_within_declaratieperiode(items, msg, ctx, today):
    """Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt binnen de huidige, of een
    voorgaande declaratieperiode.

    So no ProductPeriode ends after the DeclaratiePeriode (a month before it is a voorgaande one)."""
    end = msg.declaratie.declaratie_periode.einddatum
    for it in [it for it in items if it.p.product_periode.einddatum > end]:
        yield it.p, f"{it.path}/ProductPeriode", (
            "ProductPeriode valt niet binnen de huidige of een voorgaande DeclaratiePeriode")


@rule("TR346", "9346", EXTERNAL, D323, each=prestaties)
def tr346_bedrag_is_volume_times_tarief(items, msg, ctx, today):
    """IngediendBedrag = GeleverdVolume × ProductTarief (unless Eenheid 83)."""
    for it in items:
        p = it.p
        if p.eenheid != "83" and p.product_tarief is not None:
            if p.ingediend_bedrag.bedrag != p.geleverd_volume * p.product_tarief:
                yield p, f"{it.path}/IngediendBedrag", (
                    f"IngediendBedrag {p.ingediend_bedrag.bedrag} is niet GeleverdVolume × ProductTarief "
                    f"({p.geleverd_volume} × {p.product_tarief})")


@rule("TR333", "9333", CROSS_MESSAGE, D323, needs_context=True)
def tr333_declaratienummer_unique(msg, ctx, today):
    """The DeclaratieNummer is unique per aanbieder."""
    nr = msg.declaratie.declaratie_nummer
    if ctx.declaratie_nummer_seen(msg.header.afzender, nr):
        yield msg.declaratie, "Declaratie/DeclaratieNummer", f"DeclaratieNummer {nr!r} is al eerder gebruikt"


@rule("TR314", "8021", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr314_referentienummer_unique(items, msg, ctx, today):
    """A debet ReferentieNummer was not used in an earlier declaratie."""
    afzender = msg.header.afzender
    for it in items:
        ref = it.p.product_referentie.referentie_nummer
        if it.p.ingediend_bedrag.debet_credit == "D" and ctx.referentie_nummer_seen(afzender, ref):
            yield it.p, f"{it.path}/ProductReferentie", f"ReferentieNummer {ref!r} is al eerder gebruikt"


@rule("TR338", "9338", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr338_prestatie_has_toewijzing(items, msg, ctx, today):
    """Every Prestatie refers to an existing toewijzing."""
    for it in items:
        if it.toewijzing is None:
            yield it.p, f"{it.path}/ToewijzingNummer", f"Toewijzing {it.p.toewijzing_nummer} bestaat niet"


# The rules below compare a Prestatie with its toewijzing; TR338 reports a missing one.

@rule("TR304", "8187", CROSS_MESSAGE, ("317", "323"), needs_context=True, each=prestaties)
def tr304_prestatie_belongs_to_client(items, msg, ctx, today):
    """Bsn moet overeenkomen met Bsn van een Client: the Bsn of the Client equals the Bsn of the toewijzing a
    Prestatie (323) or an OngewijzigdProduct or TeWijzigenProduct (317) names. (On a 325 it is the
    aanbieder's check.)"""
    if msg.NUMMER == "317":
        v = msg.client.verzoek
        named = [("OngewijzigdProduct", i, p) for i, p in enumerate(v.ongewijzigde_producten, 1)]
        named += [("TeWijzigenProduct", i, p) for i, p in enumerate(v.te_wijzigen_producten, 1)]
        for klasse, i, p in named:
            t = ctx.toewijzing(p.toewijzing_nummer)
            if t is not None and t.bsn != msg.client.bsn:
                yield p, f"Client/Verzoek/{klasse}[{i}]/ToewijzingNummer", (
                    f"Toewijzing {t.toewijzing_nummer} is niet voor deze cliënt")
        return
    for it in items:
        t = it.toewijzing
        if t is not None and t.bsn != it.client.bsn:
            yield it.p, f"{it.path}/ToewijzingNummer", (
                f"Toewijzing {t.toewijzing_nummer} is niet voor deze cliënt")


@rule("TR307", "9307", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr307_begin_within_toewijzing(items, msg, ctx, today):
    """Begindatum in ProductPeriode in Prestatie moet groter dan of gelijk zijn aan Ingangsdatum in
    ToegewezenProduct."""
    for it in items:
        t, b = it.toewijzing, it.p.product_periode.begindatum
        if t is not None and b < t.ingangsdatum:
            yield it.p, f"{it.path}/ProductPeriode/Begindatum", (
                f"{b} ligt vóór de ingangsdatum {t.ingangsdatum} van toewijzing {t.toewijzing_nummer}")


@rule("TR308", "9308", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr308_end_within_toewijzing(items, msg, ctx, today):
    """Einddatum in ProductPeriode in Prestatie moet kleiner dan of gelijk zijn aan Einddatum in
    ToegewezenProduct, indien die gevuld is."""
    for it in items:
        t, e = it.toewijzing, it.p.product_periode.einddatum
        if t is not None and t.einddatum is not None and e > t.einddatum:
            yield it.p, f"{it.path}/ProductPeriode/Einddatum", (
                f"{e} ligt na de einddatum {t.einddatum} van toewijzing {t.toewijzing_nummer}")


@rule("TR339", "9339", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr339_categorie_matches(items, msg, ctx, today):
    """The ProductCategorie equals the toewijzing's."""
    for it in items:
        t = it.toewijzing
        if t is not None and it.p.product_categorie != t.categorie:
            yield it.p, f"{it.path}/ProductCategorie", (
                f"ProductCategorie {it.p.product_categorie} wijkt af van de toegewezen {t.categorie}")


@rule("TR340", "9340", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr340_code_matches(items, msg, ctx, today):
    """The ProductCode equals the toewijzing's (when the toewijzing names one)."""
    for it in items:
        t = it.toewijzing
        if t is not None and t.code and it.p.product_code != t.code:
            yield it.p, f"{it.path}/ProductCode", (
                f"ProductCode {it.p.product_code} wijkt af van de toegewezen {t.code}")


@rule("TR341", "9341", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr341_eenheid_matches(items, msg, ctx, today):
    """The Eenheid fits the toewijzing's Omvang."""
    for it in items:
        t = it.toewijzing
        if t is not None and t.eenheid and it.p.eenheid != t.eenheid:
            yield it.p, f"{it.path}/Eenheid", f"Eenheid {it.p.eenheid} wijkt af van de toegewezen {t.eenheid}"


@rule("TR321", "9321", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr321_volume_within_toewijzing(items, msg, ctx, today):
    """Indien in het ToegewezenProduct een Omvang is meegegeven, moet GeleverdVolume in de Prestatie
    passen binnen Volume in het ToegewezenProduct (rekening houdend met Eenheid en Frequentie van
    het ToegewezenProduct en de duur van de ProductPeriode)."""
    for it in items:
        t, p = it.toewijzing, it.p
        if t is None:
            continue
        if (t.frequentie in _ONCE and t.volume is not None and p.geleverd_volume <= t.volume
                and (not t.eenheid or p.eenheid == t.eenheid)):
            continue  # within the whole Volume: within it for any period too (over_own_volume gives None)
        limit = over_own_volume(p, t)
        if limit is not None:
            yield p, f"{it.path}/GeleverdVolume", (
                f"GeleverdVolume {p.geleverd_volume} is meer dan de {float(limit):g} die voor deze "
                f"ProductPeriode is toegewezen")


@rule("TR416", "0001", IN_MESSAGE, D323, each=prestaties)
def tr416_een_debetregel_per_periode_en_product(items, msg, ctx, today):
    """Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde
    ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al een Prestatie
    met waarde Debet is."""
    nummers = [(it.client_nr, it.p.toewijzing_nummer) for it in items if it.p.ingediend_bedrag.debet_credit == "D"]
    if len(set(nummers)) == len(nummers):
        return  # each toewijzing once per client: no two debet lines can share the key
    debets = [it for it in items if it.p.ingediend_bedrag.debet_credit == "D"]
    seen = set()
    for it in debets:  # within one Client, as the official XSLT compares (it passes JW323's RN002/RN004)
        p = it.p
        key = (it.client_nr, p.toewijzing_nummer, p.product_periode.begindatum, p.product_periode.einddatum,
               p.product_categorie, p.product_code)
        if key in seen:
            yield p, f"{it.path}/IngediendBedrag/DebetCredit", (
                f"Er is in dit bericht al een debetregel voor toewijzing {p.toewijzing_nummer}, deze "
                "ProductPeriode en dit product")
        seen.add(key)


@rule("TR387", "9387", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr387_begindatum_eerste_van_de_maand(items, msg, ctx, today):
    """De Begindatum van een ProductPeriode is altijd de eerste dag van de kalendermaand waarop de
    ProductPeriode betrekking heeft tenzij de Ingangsdatum van de toewijzing later in de betreffende maand
    ligt.

    Toelichting: In dat geval is de Begindatum van de ProductPeriode gelijk aan de Begindatum van de
    toewijzing. (A Begindatum before the Ingangsdatum is TR307's.)"""
    for it in [it for it in items if it.p.product_periode.begindatum.day != 1 and it.toewijzing is not None]:
        b, t = it.p.product_periode.begindatum, it.toewijzing
        if b > t.ingangsdatum:
            expected = t.ingangsdatum if (t.ingangsdatum.year, t.ingangsdatum.month) == (b.year, b.month) \
                else b.replace(day=1)
            yield it.p, f"{it.path}/ProductPeriode/Begindatum", (
                f"Begindatum {b} is niet de eerste dag van de maand of de ingangsdatum van de toewijzing "
                f"(verwacht {expected})")


@rule("TR388", "9388", CROSS_MESSAGE, D323, needs_context=True, each=prestaties)
def tr388_einddatum_laatste_van_de_maand(items, msg, ctx, today):
    """De Einddatum van een ProductPeriode is altijd de laatste dag van de kalendermaand waarop de
    ProductPeriode betrekking heeft tenzij de Einddatum van de toewijzing eerder in de betreffende maand
    ligt.

    Toelichting: In dat geval is de Einddatum van de ProductPeriode gelijk aan de Einddatum van de
    toewijzing. (An Einddatum after that of the toewijzing is TR308's.)"""
    einden = {it.p.product_periode.einddatum for it in items if it.toewijzing is not None}
    not_last = {e for e in einden if e.day < 28 or (e + ONE_DAY).day != 1}  # once per distinct Einddatum
    for it in [it for it in items if it.p.product_periode.einddatum in not_last and it.toewijzing is not None]:
        e, t = it.p.product_periode.einddatum, it.toewijzing
        if t.einddatum is None or e < t.einddatum:
            expected = t.einddatum if t.einddatum is not None and t.einddatum < _month_end(e) else _month_end(e)
            yield it.p, f"{it.path}/ProductPeriode/Einddatum", (
                f"Einddatum {e} is niet de laatste dag van de maand of de einddatum van de toewijzing "
                f"(verwacht {expected})")


@rule("TR318", "8214", CROSS_MESSAGE, D323, needs=("laatste_declaratieperiode",))
def tr318_declaratieperiode_na_de_vorige(msg, ctx, today):
    """Indien iedere DeclaratiePeriode zorg is geleverd, moet DeclaratiePeriode de kalendermaand volgend op
    voorgaande DeclaratiePeriode zijn.

    Toelichting: Als gedurende één of meer DeclaratiePerioden door de aanbieder geen zorg is geleverd, zal de
    DeclaratiePeriode Begindatum van de volgende declaratie dag 1 zijn van de kalendermaand waarin de zorg
    weer is geleverd. OP284 adds: "Overlap van declaratieperioden is toegestaan voor correcties op de laatst
    ingediende periode." So a DeclaratiePeriode is the last one again or a later one (a gap is a month without
    zorg, which the receiver cannot see); an earlier one breaks the rule."""
    vorige = ctx.laatste_declaratieperiode(msg.header.afzender)
    begin = msg.declaratie.declaratie_periode.begindatum
    if vorige is not None and begin < vorige:
        yield msg.declaratie, "Declaratie/DeclaratiePeriode", (
            f"De declaratieperiode {begin:%m-%Y} ligt vóór de laatst gedeclareerde periode {vorige:%m-%Y}")
