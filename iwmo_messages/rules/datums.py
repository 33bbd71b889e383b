"""In-message rules on dates against the Dagtekening (TR134, TR137, TR335) and on a (partly) unknown
Geboortedatum (CS139), controleniveau 2, retourcode 0001.

Each docstring quotes the official rule text (official_rules.csv names the source). Where the
rule applies follows the KB's "Gebruik in berichten" per rule (TR134: the dates of Client, Relatie,
ToegewezenProduct, StartProduct, StopProduct, Declaratie and Prestatie; TR137: the Einddatum of the
DeclaratiePeriode and of each ProductPeriode). The checks over the (10,000s of) prestaties are
comprehensions that build a path only for a fault.
"""
from __future__ import annotations

from datetime import date

from .base import IN_MESSAGE, rule
from .declaratie import prestaties
from .generic import ONBEKEND, ONBEKENDE_DATUM

#: DatumGebruik (COD170): 1 dag onbekend, 2 dag en maand onbekend, 3 onbekende datum.
DAG_ONBEKEND, DAG_EN_MAAND_ONBEKEND = "1", "2"


def _dagtekening(msg) -> date:
    return msg.header.bericht_identificatie.dagtekening


def _geboortedata(msg):
    """(path, part, Geboortedatum) of the client and of each relatie that has one."""
    client = msg.client
    yield "Client/Geboortedatum", client, client.geboortedatum
    for i, relatie in enumerate(getattr(client, "relaties", ()), 1):
        if relatie.geboortedatum is not None:
            yield f"Client/Relaties/Relatie[{i}]/Geboortedatum", relatie, relatie.geboortedatum


def _dates_134(msg):
    """(path, part, date) of every date TR134 applies to in a 301, 305, 307 or 315."""
    yield from _geboortedata(msg)
    client = msg.client
    if msg.NUMMER == "301":
        for i, p in enumerate(client.toegewezen_producten, 1):
            yield f"Client/ToegewezenProduct[{i}]/Toewijzingsdatum", p, p.toewijzingsdatum
    elif msg.NUMMER == "305":
        for i, p in enumerate(client.start_producten, 1):
            yield f"Client/StartProduct[{i}]/Begindatum", p, p.begindatum
    elif msg.NUMMER == "307":
        for i, p in enumerate(client.stop_producten, 1):
            yield f"Client/StopProduct[{i}]/Begindatum", p, p.begindatum
            yield f"Client/StopProduct[{i}]/Einddatum", p, p.einddatum


def _declaratie(msg):
    """The Declaratie (323) or DeclaratieAntwoord (325), its clients and the path of a Client."""
    if msg.NUMMER == "323":
        return msg.declaratie, msg.declaratie.clienten, "Client"
    decl = msg.declaratie_antwoord
    return decl, ([] if decl is None else decl.clienten), "DeclaratieAntwoord/Clienten/Client"


@rule("TR134", "0001", IN_MESSAGE, ("301", "305", "307", "315", "323", "325"))
def tr134_not_after_dagtekening(msg, ctx, today):
    """Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht."""
    d = _dagtekening(msg)
    if msg.NUMMER not in ("323", "325"):
        for path, part, value in _dates_134(msg):
            value = getattr(value, "datum", value)
            if value > d:
                yield part, path, f"{value} ligt na de dagtekening {d} van het bericht"
        return
    decl, clienten, root = _declaratie(msg)
    if msg.NUMMER == "323":
        for path, value in (("Declaratie/DeclaratiePeriode/Begindatum", decl.declaratie_periode.begindatum),
                            ("Declaratie/DeclaratieDagtekening", decl.declaratie_dagtekening)):
            if value > d:
                yield decl, path, f"{value} ligt na de dagtekening {d} van het bericht"
    found = [(f"{root}[{i}]/Prestatie[{j}]", p) for i, c in enumerate(clienten, 1)
             for j, p in enumerate(c.prestaties, 1) if p.product_periode.begindatum > d]
    for path, p in found:
        yield p, f"{path}/ProductPeriode/Begindatum", (
            f"{p.product_periode.begindatum} ligt na de dagtekening {d} van het bericht")


def _period_137(per, d: date) -> str | None:
    if per.einddatum < per.begindatum:
        return f"Einddatum {per.einddatum} ligt vóór Begindatum {per.begindatum}"
    if per.einddatum > d:
        return f"Einddatum {per.einddatum} ligt na de dagtekening {d} van het bericht"
    return None


@rule("TR137", "0001", IN_MESSAGE, ("323", "325"))
def tr137_einddatum_within_period_and_dagtekening(msg, ctx, today):
    """Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én
    die niet groter is dan de Dagtekening van het bericht."""
    d = _dagtekening(msg)
    decl, clienten, root = _declaratie(msg)
    if msg.NUMMER == "323":
        text = _period_137(decl.declaratie_periode, d)
        if text:
            yield decl, "Declaratie/DeclaratiePeriode/Einddatum", text
    found = [(f"{root}[{i}]/Prestatie[{j}]", p) for i, c in enumerate(clienten, 1)
             for j, p in enumerate(c.prestaties, 1)
             if p.product_periode.einddatum > d or p.product_periode.einddatum < p.product_periode.begindatum]
    for path, p in found:
        yield p, f"{path}/ProductPeriode/Einddatum", _period_137(p.product_periode, d)


def _five_years_before(d: date) -> date:
    return d.replace(year=d.year - 5) if not (d.month == 2 and d.day == 29) else date(d.year - 5, 2, 28)


@rule("TR335", "0001", IN_MESSAGE, ("323",), each=prestaties)
def tr335_einddatum_max_5_years_old(items, msg, ctx, today):
    """Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen."""
    oldest = _five_years_before(msg.declaratie.declaratie_dagtekening)
    for it in [it for it in items if it.p.product_periode.einddatum < oldest]:
        yield it.p, f"{it.path}/ProductPeriode/Einddatum", (
            f"{it.p.product_periode.einddatum} ligt meer dan 5 jaar vóór de declaratiedagtekening "
            f"{msg.declaratie.declaratie_dagtekening}")


def _datumgebruik_fault(g) -> str | None:
    d, gebruik = g.datum, g.datum_gebruik
    if gebruik == DAG_ONBEKEND and d.day != 1:
        return "Bij DatumGebruik 1 (dag onbekend) is de dag 01"
    if gebruik == DAG_EN_MAAND_ONBEKEND and (d.day, d.month) != (1, 1):
        return "Bij DatumGebruik 2 (dag en maand onbekend) zijn dag en maand 01-01"
    if gebruik == ONBEKEND and d != ONBEKENDE_DATUM:
        return "Bij DatumGebruik 3 (onbekende datum) is de datum 01-01-1900"
    return None


@rule("CS139", "0001", IN_MESSAGE, ("301", "305", "307", "315"))
def cs139_datumgebruik_matches_datum(msg, ctx, today):
    """Geboortedatum: Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten
    zijn.

    As the invulinstructie for a (partly) unknown date says: an unknown day is filled with 01, an unknown
    day and month with 01-01, an unknown date with 01-01-1900."""
    for path, part, g in _geboortedata(msg):
        text = _datumgebruik_fault(g)
        if text:
            yield part, f"{path}/DatumGebruik", text
