"""The werkvoorraad: open tasks per lane (the role that must do them) and per age band, counted today."""
from . import bron
from .bron import local_date
from .scope import Scope
from .tables import Cell, Column, Table

LANES = {"consulent": "Consulent", "beoordelaar": "Beoordelaar (vier ogen)", "backoffice": "Backoffice",
         "inwoner": "Inwoner (wacht op de inwoner)"}
#: (label, lowest age in days, highest age in days or None)
BANDS = (("0 tot 7 dagen", 0, 6), ("1 tot 2 weken", 7, 13), ("2 tot 4 weken", 14, 27),
         ("4 tot 6 weken", 28, 41), ("6 weken of ouder", 42, None))


def werkvoorraad(scope: Scope) -> Table:
    tasks = [(lane, (scope.today - local_date(created)).days, person_id)
             for lane, created, person_id in bron.open_tasks(scope)]
    lanes = [lane for lane in LANES if any(t[0] == lane for t in tasks)]
    lanes += sorted({t[0] for t in tasks} - set(lanes))
    columns = [Column(label, in_row_line=True) for label, _, _ in BANDS] + [Column("Totaal", charted=False)]
    rows = [(LANES.get(lane, lane.capitalize()), _cells([t for t in tasks if t[0] == lane])) for lane in lanes]
    rows.append(("Totaal", _cells(tasks)))
    return Table("werkvoorraad", "Werkvoorraad: open taken naar leeftijd", "Lane (rol)", columns, rows,
                 total_row=True, total_col=len(BANDS),
                 note="Open taken van vandaag, naar het aantal dagen sinds de taak klaarstaat.").protected()


def _cells(tasks) -> list[Cell]:
    cells = []
    for _, low, high in BANDS:
        persons = [p for _, age, p in tasks if age >= low and (high is None or age <= high)]
        cells.append(Cell(len(persons), len(set(persons))))
    return cells + [Cell(len(tasks), len({p for *_, p in tasks}))]
