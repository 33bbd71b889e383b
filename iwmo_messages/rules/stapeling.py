"""A Product more than once in one message only with zorgperiodes that do not overlap: TR302 (301),
TR386 (315), TR410 (NieuwProduct of a 317; in-message, 0001) and TR361 (the products of a 317 that
refer to a toewijzing by ToewijzingNummer; berichtoverstijgend, 9361).

The toelichting the four share: "Indien de productcode niet is meegegeven dan geldt deze technische
regel op niveau van productcategorie. Indien productcategorie leeg is, dan mag [het product] met geen
enkel ander [product] overlappen."
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .base import CROSS_MESSAGE, IN_MESSAGE, rule
from .context import REMOVED


@dataclass(frozen=True, slots=True)
class Zorgperiode:
    """A product with its period, as the overlap rules compare them."""

    path: str
    part: object
    categorie: str | None
    code: str | None
    begin: date
    end: date | None
    from_toewijzing: bool = False  # a 317 product named by ToewijzingNummer (TR361)


def same_product(a: Zorgperiode, b: Zorgperiode) -> bool:
    """Whether a and b count as the same product: by code, by categorie when either has no code, and
    always when either has no categorie."""
    if not a.categorie or not b.categorie:
        return True
    if not a.code or not b.code:
        return a.categorie == b.categorie
    return a.code == b.code


def overlap(a: Zorgperiode, b: Zorgperiode) -> bool:
    return (b.end is None or a.begin <= b.end) and (a.end is None or b.begin <= a.end)


def stacked(periods: list[Zorgperiode], counts=lambda a, b: True):
    """Yield (later, earlier) for each product that overlaps an earlier one of the same product, where
    `counts(a, b)` says the pair is this rule's to judge."""
    for j, b in enumerate(periods):
        for a in periods[:j]:
            if counts(a, b) and same_product(a, b) and overlap(a, b):
                yield b, a
                break


def _fault(later: Zorgperiode, earlier: Zorgperiode, what: str):
    return later.part, later.path, (f"{what} overlapt in zorgperiode met {earlier.path} voor hetzelfde product "
                                    f"({later.code or later.categorie or 'zonder product'})")


def _product(p) -> tuple[str | None, str | None]:
    return (p.product.categorie, p.product.code) if p.product is not None else (None, None)


@rule("TR302", "0001", IN_MESSAGE, ("301",))
def tr302_toegewezen_product_not_stacked(msg, ctx, today):
    """Een Product mag alleen vaker in een toewijzingsbericht voorkomen indien de zorgperiodes elkaar niet
    overlappen.

    Toelichting (also): Verwijderde toewijzingen (waarvan de einddatum gelijk is aan de ingangsdatum en de
    reden wijziging is gevuld met 13 (Verwijderd)) maken geen onderdeel uit van de bepaling of er sprake is
    van stapeling. Hetzelfde geldt voor toewijzingen met reden wijziging 01 (Administratieve correctie
    (vervallen)) en einddatum gelijk aan ingangsdatum."""
    periods = [Zorgperiode(f"Client/ToegewezenProduct[{i}]", p, *_product(p), p.ingangsdatum, p.einddatum)
               for i, p in enumerate(msg.client.toegewezen_producten, 1)
               if not (p.einddatum == p.ingangsdatum and p.reden_wijziging in REMOVED)]
    for later, earlier in stacked(periods):
        yield _fault(later, earlier, "Deze toewijzing")


@rule("TR386", "0001", IN_MESSAGE, ("315",))
def tr386_aangevraagd_product_not_stacked(msg, ctx, today):
    """Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet
    overlappen."""
    periods = [Zorgperiode(f"Client/AangevraagdProduct[{i}]", p, *_product(p), p.toewijzing_ingangsdatum,
                           p.toewijzing_einddatum)
               for i, p in enumerate(msg.client.aangevraagde_producten, 1)]
    for later, earlier in stacked(periods):
        yield _fault(later, earlier, "Dit aangevraagde product")


def _nieuw(msg) -> list[Zorgperiode]:
    return [Zorgperiode(f"Client/Verzoek/NieuwProduct[{i}]", p, *_product(p), p.gewenste_ingangsdatum, p.einddatum)
            for i, p in enumerate(msg.client.verzoek.nieuwe_producten, 1)]


@rule("TR410", "0001", IN_MESSAGE, ("317",))
def tr410_nieuw_product_not_stacked(msg, ctx, today):
    """Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar
    niet overlappen."""
    for later, earlier in stacked(_nieuw(msg)):
        yield _fault(later, earlier, "Dit nieuwe product")


@rule("TR361", "9361", CROSS_MESSAGE, ("317",), needs_context=True)
def tr361_vow_products_not_stacked(msg, ctx, today):
    """Een Product mag alleen vaker in verzoek om wijziging voorkomen als de zorgperiodes elkaar niet
    overlappen.

    Toelichting: Voor producten die zijn opgenomen in de berichtklasse TeWijzigenProduct of
    OngewijzigdProduct moet op basis van het ToewijzingNummer de overlap op de aangevraagde producten
    gecontroleerd worden. (Two NieuwProducten are TR410's; a TeWijzigenProduct keeps the toewijzing's
    Ingangsdatum and gets its own Einddatum.)"""
    v, named = msg.client.verzoek, []
    for i, p in enumerate(v.ongewijzigde_producten, 1):
        t = ctx.toewijzing(p.toewijzing_nummer)
        if t is not None:
            named.append(Zorgperiode(f"Client/Verzoek/OngewijzigdProduct[{i}]", p, t.categorie, t.code,
                                     t.ingangsdatum, t.einddatum, True))
    for i, p in enumerate(v.te_wijzigen_producten, 1):
        t = ctx.toewijzing(p.toewijzing_nummer)
        if t is not None:
            named.append(Zorgperiode(f"Client/Verzoek/TeWijzigenProduct[{i}]", p, t.categorie, t.code,
                                     t.ingangsdatum, p.einddatum, True))
    for later, earlier in stacked(named + _nieuw(msg), lambda a, b: a.from_toewijzing or b.from_toewijzing):
        yield _fault(later, earlier, "Dit product")
