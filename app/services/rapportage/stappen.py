"""Where cases wait: per step of the BPMN process (a user task), Wmo and Jeugd apart, how long the tasks completed
in the period stood open — from the moment the task was ready to the moment it was done — as the number, the
median and the 90th percentile in days (one decimal). The steps that wait longest come first."""
from ...domain.small_cells import THRESHOLD
from . import bron
from .instroom import DOMEINEN
from .scope import Scope
from .tables import DAGEN, Cell, Column, Table


def per_stap(scope: Scope) -> Table:
    steps = {(w.domein or "", w.spec_name): w for w in bron.step_waits(scope)}
    names = bron.task_titles(scope)
    labels = dict(DOMEINEN)
    ordered = sorted(steps, key=lambda k: _order(steps[k], names.get((k[0] or None, k[1]), k[1])))
    rows = [(f"{labels.get(domein, domein.capitalize() or 'Overig')}: {names.get((domein or None, spec), spec)}",
             _cells(steps[(domein, spec)])) for domein, spec in ordered]
    columns = [Column("Afgeronde taken", charted=False), Column("Mediaan (dagen)", DAGEN, additive=False),
               Column("90e percentiel (dagen)", DAGEN, additive=False)]
    return Table("stappen", "Doorlooptijd per stap van het proces", "Stap", columns, rows,
                 note="Hoe lang een taak openstond, van klaarstaan tot afronden, voor de taken die in de periode "
                      "werden afgerond. Bovenaan de stappen waar zaken het langst wachten. Mediaan en 90e "
                      "percentiel alleen bij 5 of meer personen.").protected()


def _order(step: bron.StepWaits, title: str) -> tuple:
    """Longest median first; a step of fewer than 5 persons after them by name, so that its place in the order
    does not tell its hidden median."""
    if step.persons < THRESHOLD:
        return (1, 0, title)
    return (0, -step.median_days, title)


def _cells(step: bron.StepWaits) -> list[Cell]:
    n = step.persons
    return [Cell(step.tasks, n), Cell(round(step.median_days, 1), n), Cell(round(step.p90_days, 1), n)]
