"""Rules shared by several messages: header, client (BSN, geboortedatum), periods and Omvang."""
from __future__ import annotations

from datetime import date
from functools import cache

from stdnum.nl import bsn as stdnum_bsn

from .base import CROSS_MESSAGE, EXTERNAL, IN_MESSAGE, rule

HEEN = ("301", "305", "307", "315", "317", "319", "323")
ALL = HEEN + ("302", "306", "308", "316", "318", "320", "325")
WITH_OMVANG = ("301", "315", "317")
#: Eenheden that may only be combined with Frequentie 2 (week), 4 (maand) or 6 (totaal).
EENHEID_NOT_PER_DAG = {"14", "16", "83", "84"}
#: Attribute pairs (begin, end) that CS003 compares on any part that has them.
DATE_PAIRS = (("begindatum", "einddatum"), ("ingangsdatum", "einddatum"),
              ("toewijzing_ingangsdatum", "toewijzing_einddatum"),
              ("gewenste_ingangsdatum", "einddatum"))
#: The element names of those attributes, for the Dutch fault texts.
_LABEL = {"begindatum": "Begindatum", "einddatum": "Einddatum", "ingangsdatum": "Ingangsdatum",
          "toewijzing_ingangsdatum": "ToewijzingIngangsdatum", "toewijzing_einddatum": "ToewijzingEinddatum",
          "gewenste_ingangsdatum": "GewensteIngangsdatum"}


@rule("TR056", "9056", CROSS_MESSAGE, HEEN + ("325",), needs_context=True)
def tr056_bericht_identificatie_unique(msg, ctx, today):
    """BerichtIdentificatie is unique per berichtsoort for the afzender."""
    h = msg.header
    if ctx.bericht_seen(h.afzender, h.bericht_code, h.bericht_identificatie.identificatie):
        yield h, "Header/BerichtIdentificatie", (
            f"Identificatie {h.bericht_identificatie.identificatie!r} is door afzender {h.afzender} al "
            f"eerder gebruikt voor berichtcode {h.bericht_code}")


@rule("TR135", "8848", EXTERNAL, HEEN + ("325",))
def tr135_dagtekening_not_in_future(msg, ctx, today):
    """The Dagtekening is not after the receiver's system date."""
    d = msg.header.bericht_identificatie.dagtekening
    if d > today:
        yield msg.header, "Header/BerichtIdentificatie/Dagtekening", f"Dagtekening {d} ligt in de toekomst"


def _clients(msg):
    client = getattr(msg, "client", None)
    if client is not None:
        return [("Client", client)]
    decl = getattr(msg, "declaratie", None) or getattr(msg, "declaratie_antwoord", None)
    if decl is None:
        return []
    return [(f"Declaratie/Client[{i}]", c) for i, c in enumerate(decl.clienten, 1)]


@rule("CS002", "0001", IN_MESSAGE, ALL)
def cs002_bsn_elfproef(msg, ctx, today):
    """Every Bsn passes the elfproef."""
    for path, client in _clients(msg):
        if not stdnum_bsn.is_valid(client.bsn):
            yield client, f"{path}/Bsn", f"Bsn {client.bsn} voldoet niet aan de elfproef"


#: A Geboortedatum that is wholly unknown: DatumGebruik 3 with Datum 01-01-1900 (TR002, CS139).
ONBEKEND, ONBEKENDE_DATUM = "3", date(1900, 1, 1)


@rule("TR002", "0001", IN_MESSAGE, ("301", "305", "307", "315"))
def tr002_geboortedatum_max_120_years(msg, ctx, today):
    """Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.

    Toelichting: Geboortedatum is onbekend als DatumGebruik de waarde '3 (dag, maand en jaar onbekend;
    onbekende datum)' heeft en Datum de waarde '01-01-1900' heeft. (A date after the Dagtekening is TR134.)"""
    d = msg.header.bericht_identificatie.dagtekening
    g = msg.client.geboortedatum
    if g.datum_gebruik == ONBEKEND and g.datum == ONBEKENDE_DATUM:
        return
    oldest = d.replace(year=d.year - 120) if not (d.month == 2 and d.day == 29) else date(d.year - 120, 2, 28)
    if g.datum < oldest:
        yield msg.client, "Client/Geboortedatum", (
            f"Geboortedatum {g.datum} ligt meer dan 120 jaar vóór de dagtekening {d}")


@rule("CS003", "0001", IN_MESSAGE, ("301", "315", "317"))
def cs003_end_not_before_begin(msg, ctx, today):
    """Einddatum: Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de
    Begindatum (of Ingangsdatum) van de aangeduide periode.

    (On a 307 this is TR018, on a 323/325 TR137.)"""
    faults = []
    _check_periods(msg, (), faults)
    return faults


@cache
def _shape(cls: type) -> tuple[tuple, tuple]:
    """Return (date pairs present on cls, children): a child is (attr, tag, many, leaf) for each
    class-valued field that holds a date pair somewhere below it, where `leaf` is that class's
    pairs when nothing below it holds one (e.g. a ProductPeriode), else None."""
    names = {f.attr for f in cls.XML}
    pairs = tuple(p for p in DATE_PAIRS if p[0] in names and p[1] in names)
    children = []
    for f in cls.XML:
        if hasattr(f.kind, "XML") and _has_pairs(f.kind):
            sub_pairs, sub_children = _shape(f.kind)
            children.append((f.attr, f.tag, f.many, None if sub_children else sub_pairs))
    return pairs, tuple(children)


@cache
def _has_pairs(cls: type) -> bool:
    pairs, children = _shape(cls)
    return bool(pairs or children)


def _check_periods(part, trail: tuple, faults: list) -> None:
    """Check `part` and the parts below it; `trail` is its path as nested (parent, step) pairs,
    turned into a string only for a fault."""
    pairs, children = _shape(type(part))
    if pairs:
        text = _period_fault(part, pairs)
        if text is not None:
            faults.append((part, _path(trail), text))
    for attr, tag, many, leaf in children:
        value = getattr(part, attr)
        if many:
            for i, item in enumerate(value, 1):
                _check_periods(item, (trail, tag, i), faults)
        elif value is not None and leaf is not None:  # a single part holding only dates: check it here
            text = _period_fault(value, leaf)
            if text is not None:
                faults.append((value, _path((trail, tag, None)), text))
        elif value is not None:
            _check_periods(value, (trail, tag, None), faults)


def _period_fault(part, pairs: tuple) -> str | None:
    """Return what is wrong with the first of `pairs` on `part` whose end is before its begin."""
    for begin_attr, end_attr in pairs:
        begin, end = getattr(part, begin_attr), getattr(part, end_attr)
        if begin is not None and end is not None and end < begin:
            return f"{_LABEL[end_attr]} {end} ligt vóór {_LABEL[begin_attr]} {begin}"
    return None


def _path(trail: tuple) -> str:
    steps = []
    while trail:
        trail, tag, i = trail
        steps.append(tag if i is None else f"{tag}[{i}]")
    return "/".join(reversed(steps))


def _products_with_omvang(msg):
    client = msg.client
    if msg.NUMMER == "301":
        items = _numbered("Client/ToegewezenProduct", client.toegewezen_producten)
    elif msg.NUMMER == "315":
        items = _numbered("Client/AangevraagdProduct", client.aangevraagde_producten)
    else:
        v = client.verzoek
        items = _numbered("Client/Verzoek/TeWijzigenProduct", v.te_wijzigen_producten)
        items += _numbered("Client/Verzoek/NieuwProduct", v.nieuwe_producten)
    return items


def _numbered(path: str, parts: list) -> list:
    """(path[i], part) for each part, numbered from 1 as XPath does."""
    return [(f"{path}[{i}]", p) for i, p in enumerate(parts, 1)]


def _eenheid_frequentie(msg):
    for path, p in _products_with_omvang(msg):
        o = p.omvang
        if o is not None and o.eenheid in EENHEID_NOT_PER_DAG and o.frequentie not in ("2", "4", "6"):
            yield p, f"{path}/Omvang", (
                f"Eenheid {o.eenheid} kan niet samen met Frequentie {o.frequentie}; gebruik 2, 4 of 6")


@rule("CS338", "0001", IN_MESSAGE, ("301", "317"))
def cs338_eenheid_frequentie(msg, ctx, today):
    """Omvang: Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg
    is, dan Frequentie vullen met de waarde 2, 4 of 6."""
    return _eenheid_frequentie(msg)


@rule("CS343", "0001", IN_MESSAGE, ("315",))
def cs343_eenheid_frequentie_verzoek(msg, ctx, today):
    """Omvang: Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter dan
    31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6."""
    return _eenheid_frequentie(msg)


@rule("CD077", "0001", IN_MESSAGE, WITH_OMVANG)
def cd077_omvang_or_budget(msg, ctx, today):
    """Omvang and Budget are mutually exclusive (CD077/CD078)."""
    for path, p in _products_with_omvang(msg):
        if p.omvang is not None and p.budget is not None:
            yield p, f"{path}/Budget", "Omvang en Budget zijn allebei gevuld; vul er één"


@rule("CD041", "0001", IN_MESSAGE, WITH_OMVANG)
def cd041_omvang_with_productcode(msg, ctx, today):
    """Omvang: Indien Code in Product gevuld is, verplicht vullen (tenzij Budget gevuld is, CD077)."""
    for path, p in _products_with_omvang(msg):
        product = getattr(p, "product", None)
        if product is not None and product.code and p.omvang is None and p.budget is None:
            yield p, f"{path}/Product", f"Product {product.code} heeft geen Omvang en geen Budget"
