"""Instroom and uitstroom per period, Wmo and Jeugd side by side: meldingen, aanvragen and clients whose last
voorziening ended; the Jeugd zaken by who referred them; and the clients with an active voorziening at the end of
each period."""
from bisect import bisect_left, bisect_right
from datetime import timedelta

from ...domain.verwijzing import DIRECTE_TOEGANG
from . import bron, tellingen
from .scope import Scope
from .tables import Cell, Column, Table

DOMEINEN = (("wmo", "Wmo"), ("jeugd", "Jeugd"))


def instroom_uitstroom(scope: Scope) -> Table:
    """Per period: meldingen (date of receipt), aanvragen (date of receipt entered) and uitstroom, per domein."""
    counted = {"melding": tellingen.meldingen(scope), "aanvraag": tellingen.aanvragen(scope)}
    groups = {}
    for domein, person_id, day in _uitstroom(scope):
        groups.setdefault(("uitstroom", domein), []).append((person_id, day))
    keys = [(soort, domein) for domein, _ in DOMEINEN for soort in ("melding", "aanvraag", "uitstroom")]
    labels = {"melding": "meldingen", "aanvraag": "aanvragen", "uitstroom": "uitstroom"}
    columns = [Column(f"{dict(DOMEINEN)[d]}: {labels[s]}") for s, d in keys]
    uit = {d: scope.bucket((day, person_id) for person_id, day in groups.get(("uitstroom", d), ())) for d, _ in DOMEINEN}
    periods = [*range(len(scope.periods)), tellingen.EVERY]
    rows = [(label, [Cell(len(uit[d][r]), len(set(uit[d][r]))) if s == "uitstroom"
                     else Cell(*tellingen.cell_counts(counted[s], (periods[r], d))) for s, d in keys])
            for r, label in enumerate([p.label for p in scope.periods] + ["Totaal"])]
    return Table("instroom", "Instroom en uitstroom", "Periode", columns, rows, total_row=True,
                 note="Meldingen op de datum van ontvangst; aanvragen op de ontvangstdatum die de consulent "
                      "registreerde. Uitstroom: cliënten van wie de laatste voorziening in de periode eindigde "
                      "(einddatum van de beschikking, of de stop van de zorg).").protected()


#: The ways a Jeugd zaak comes in: through the gemeente's own toegang, or a verwijzing (Jeugdwet art. 2.6 lid 1
#: onder g) by the iJw verwijzer types that give direct access.
ROUTES = ((None, "Via de gemeente"), *((code, wie.removeprefix("de ").removeprefix("een ").capitalize())
                                      for code, wie in DIRECTE_TOEGANG.items()))


def verwijzingen(scope: Scope) -> Table:
    """Jeugd zaken per period by how they came in: the gemeente's toegang or a verwijzing by huisarts, jeugdarts
    or medisch specialist (the verwijzer of the aanbieder's 315)."""
    found, periods = tellingen.verwijzers(scope), [*range(len(scope.periods)), tellingen.EVERY]
    rows = [(label, [Cell(*tellingen.cell_counts(found, (periods[r], code))) for code, _ in ROUTES])
            for r, label in enumerate([p.label for p in scope.periods] + ["Totaal"])]
    return Table("verwijzingen", "Jeugd: instroom per verwijzer", "Periode",
                 [Column(label) for _, label in ROUTES], rows, total_row=True,
                 note="Jeugdzaken op de datum van ontvangst. Een verwijzing door de huisarts, jeugdarts of medisch "
                      "specialist geeft direct toegang tot jeugdhulp (art. 2.6 lid 1 onder g Jeugdwet); de aanbieder "
                      "vraagt dan de toewijzing met een verzoek (315) dat de verwijzer noemt.").protected()


def actieve_clienten(scope: Scope) -> Table:
    """Clients with an active voorziening on the last day of each period (today for the running period)."""
    running = [p for p in scope.periods if p.start <= scope.today]
    days = [min(p.end, scope.today) for p in running]  # in order: a voorziening is active on a run of them
    persons = {domein: [set() for _ in running] for domein, _ in DOMEINEN}
    for v in bron.voorzieningen(scope):
        if v.start is not None and v.domein in persons:
            sets = persons[v.domein]
            for i in range(bisect_left(days, v.start), bisect_right(days, v.end) if v.end else len(days)):
                sets[i].add(v.person_id)
    rows = []
    for i, period in enumerate(scope.periods):
        if i >= len(running):
            rows.append((period.label, [Cell(None, 0) for _ in DOMEINEN]))
            continue
        rows.append((period.label, [Cell(len(found), len(found)) for found in
                                    (persons[domein][i] for domein, _ in DOMEINEN)]))
    return Table("actief", "Cliënten met een actieve voorziening", "Periode",
                 [Column(f"{label}: cliënten", additive=False) for _, label in DOMEINEN], rows,
                 note="Op de laatste dag van de periode (voor de lopende periode: vandaag). Een voorziening is een "
                      "toegekende beschikking van haar ingangsdatum tot haar einddatum of de stop van de zorg.").protected()


def _uitstroom(scope: Scope):
    """(domein, person_id, last day) of each client whose coverage in a domein ended and did not go on."""
    by_person: dict[tuple, list] = {}
    for v in bron.voorzieningen(scope):
        by_person.setdefault((v.domein, v.person_id), []).append(v)
    for (domein, person_id), items in by_person.items():
        if len(items) == 1:  # no other voorziening to go on with
            if items[0].end is not None and items[0].end < scope.today:
                yield domein, person_id, items[0].end
            continue
        for v in items:
            if v.end is not None and v.end < scope.today and not any(
                    _active(other, v.end + timedelta(days=1)) for other in items):
                yield domein, person_id, v.end


def _active(v: bron.Voorziening, day) -> bool:
    return v.start is not None and v.start <= day and (v.end is None or day <= v.end)
