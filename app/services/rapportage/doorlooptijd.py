"""Doorlooptijd melding → beschikking: calendar days from the receipt of the melding to the zaak's first
beschikking, per period of the beschikking, Wmo and Jeugd side by side: the number, the median and the 90th
percentile (nearest rank: the smallest value that at least 90% of the zaken do not exceed)."""
from statistics import median

from . import bron
from .bron import nearest_rank as percentile
from .instroom import DOMEINEN
from .scope import Scope
from .tables import DAGEN, Cell, Column, Table


def doorlooptijd(scope: Scope) -> Table:
    rows_in = bron.beschikkingen(scope)
    columns = []
    for _, label in DOMEINEN:
        columns += [Column(f"{label}: beschikkingen", charted=False), Column(f"{label}: mediaan (dagen)", DAGEN, additive=False),
                    Column(f"{label}: 90e percentiel (dagen)", DAGEN, additive=False)]
    per_domein = [scope.bucket((besloten, (person_id, (besloten - ontvangen).days))
                               for d, person_id, ontvangen, besloten in rows_in if d == domein)
                  for domein, _ in DOMEINEN]
    labels = [p.label for p in scope.periods] + ["Hele periode"]
    rows = [(label, [cell for column in per_domein for cell in _cells(column[i])]) for i, label in enumerate(labels)]
    return Table("doorlooptijd", "Doorlooptijd melding tot beschikking", "Periode van de beschikking", columns,
                 rows, total_row=True,
                 note="Kalenderdagen van de ontvangst van de melding tot de eerste beschikking in de zaak. Mediaan "
                      "en 90e percentiel alleen bij 5 of meer zaken.").protected()


def _cells(items: list[tuple[int, int]]) -> list[Cell]:
    """Number, median and 90th percentile of (person, days) items; persons decide what may be shown."""
    days, n = [d for _, d in items], len({p for p, _ in items})
    return [Cell(len(days), n), Cell(median(days) if days else None, n),
            Cell(percentile(days, 0.9) if days else None, n)]
