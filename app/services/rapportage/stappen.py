"""Where cases wait: per step of the BPMN process (a user task), Wmo and Jeugd apart, how long the tasks completed
in the period stood open — from the moment the task was ready to the moment it was done — as the number, the
median and the 90th percentile in days (one decimal). The steps that wait longest come first."""
from collections import defaultdict
from statistics import median

from ...domain.small_cells import THRESHOLD
from . import bron
from .doorlooptijd import percentile
from .instroom import DOMEINEN
from .scope import Scope
from .tables import DAGEN, Cell, Column, Table

SECONDS_A_DAY = 86400


def per_stap(scope: Scope) -> Table:
    waits = defaultdict(list)  # (domein, spec_name) → [(person_id, days)]
    titles = {}
    for domein, spec_name, title, created, completed, person_id in bron.closed_tasks(scope):
        key = (domein or "", spec_name)
        waits[key].append((person_id, (completed - created).total_seconds() / SECONDS_A_DAY))
        titles.setdefault(key, title)
    labels = dict(DOMEINEN)
    ordered = sorted(waits, key=lambda k: _order(waits[k], titles[k]))
    rows = [(f"{labels.get(domein, domein.capitalize() or 'Overig')}: {titles[(domein, spec)]}", _cells(waits[(domein, spec)]))
            for domein, spec in ordered]
    columns = [Column("Afgeronde taken", charted=False), Column("Mediaan (dagen)", DAGEN, additive=False),
               Column("90e percentiel (dagen)", DAGEN, additive=False)]
    return Table("stappen", "Doorlooptijd per stap van het proces", "Stap", columns, rows,
                 note="Hoe lang een taak openstond, van klaarstaan tot afronden, voor de taken die in de periode "
                      "werden afgerond. Bovenaan de stappen waar zaken het langst wachten. Mediaan en 90e "
                      "percentiel alleen bij 5 of meer personen.").protected()


def _order(items: list[tuple[int, float]], title: str) -> tuple:
    """Longest median first; a step of fewer than 5 persons after them by name, so that its place in the order
    does not tell its hidden median."""
    if len({p for p, _ in items}) < THRESHOLD:
        return (1, 0, title)
    return (0, -median(d for _, d in items), title)


def _cells(items: list[tuple[int, float]]) -> list[Cell]:
    days, n = [d for _, d in items], len({p for p, _ in items})
    return [Cell(len(days), n), Cell(round(median(days), 1), n), Cell(round(percentile(days, 0.9), 1), n)]
