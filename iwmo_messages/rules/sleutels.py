"""TR101, "Binnen een bericht zijn dubbele regels niet toegestaan": no two parts of one berichtklasse
under the same parent share their logical key (controleniveau 2, 0001).

Toelichting: Dat betekent dat voor iedere berichtklasse de logische sleutel in combinatie met de
logische sleutels van de bovenliggende berichtklassen uniek moet zijn.

The keys are the sleutelelementen of the iJw/iWmo 3.2 "Condities, constraints, restricties per
data-element" table: Contact/Soort and Relatie/Nummer and ToegewezenProduct/ToewijzingNummer (301);
StartProduct ToewijzingNummer, Product and Begindatum (305); StopProduct the same with RedenBeeindiging
and Einddatum (307); OngewijzigdProduct and TeWijzigenProduct ToewijzingNummer, NieuwProduct Product and
GewensteIngangsdatum (317); Prestatie/ProductReferentie (323, 325). The only key of a 315's
AangevraagdProduct is its ReferentieAanbieder, which TR383 checks: TR101 does not report it twice.
"""
from __future__ import annotations

from .base import IN_MESSAGE, rule


def _product(p) -> tuple:
    return (p.product.categorie, p.product.code) if p.product is not None else (None, None)


def _classes(msg):
    """(path of the berichtklasse, its parts, the key of a part) for each keyed berichtklasse of `msg`."""
    nr, client = msg.NUMMER, getattr(msg, "client", None)
    if nr == "301":
        yield "Client/Contactgegevens/Contact", client.contactgegevens, lambda c: c.soort
        yield "Client/Relaties/Relatie", client.relaties, lambda r: r.nummer
        yield "Client/ToegewezenProduct", client.toegewezen_producten, lambda p: p.toewijzing_nummer
    elif nr == "305":
        yield "Client/StartProduct", client.start_producten, lambda p: (p.toewijzing_nummer, *_product(p), p.begindatum)
    elif nr == "307":
        yield "Client/StopProduct", client.stop_producten, lambda p: (
            p.toewijzing_nummer, *_product(p), p.begindatum, p.reden_beeindiging, p.einddatum)
    elif nr == "317":
        v = client.verzoek
        yield "Client/Verzoek/OngewijzigdProduct", v.ongewijzigde_producten, lambda p: p.toewijzing_nummer
        yield "Client/Verzoek/TeWijzigenProduct", v.te_wijzigen_producten, lambda p: p.toewijzing_nummer
        yield "Client/Verzoek/NieuwProduct", v.nieuwe_producten, lambda p: (*_product(p), p.gewenste_ingangsdatum)


def _prestaties(msg):
    """(path of each Client's Prestatie, its prestaties) of a 323 or 325."""
    if msg.NUMMER == "323":
        return [(f"Client[{i}]/Prestatie", c.prestaties) for i, c in enumerate(msg.declaratie.clienten, 1)]
    a = msg.declaratie_antwoord
    return [] if a is None else [(f"DeclaratieAntwoord/Clienten/Client[{i}]/Prestatie", c.prestaties)
                                 for i, c in enumerate(a.clienten, 1)]


@rule("TR101", "0001", IN_MESSAGE, ("301", "305", "307", "317", "323", "325"))
def tr101_geen_dubbele_regels(msg, ctx, today):
    """Binnen een bericht zijn dubbele regels niet toegestaan.

    (A ProductReferentie is unique over the whole declaratie: a ReferentieNummer is the aanbieder's
    reference of one line, TR314.)"""
    if msg.NUMMER in ("323", "325"):
        seen = set()
        for path, prestaties in _prestaties(msg):
            for j, p in enumerate(prestaties, 1):
                ref = p.product_referentie.referentie_nummer
                if ref in seen:
                    yield p, f"{path}[{j}]/ProductReferentie", (
                        f"ReferentieNummer {ref!r} komt meer dan eens voor in het bericht")
                seen.add(ref)
        return
    for path, parts, key in _classes(msg):
        seen = set()
        for i, part in enumerate(parts, 1):
            k = key(part)
            if k in seen:
                yield part, f"{path}[{i}]", f"Deze regel staat al eerder in het bericht (dezelfde sleutel {k!r})"
            seen.add(k)
