"""The werkvoorraad: open tasks per lane (the role that must do them) and per consulent who picked them up, per
age band, counted today."""
from . import bron
from .bron import local_date
from .scope import Scope
from .tables import Cell, Column, Table

LANES = {"consulent": "Consulent", "beoordelaar": "Beoordelaar (vier ogen)", "backoffice": "Backoffice",
         "inwoner": "Inwoner (wacht op de inwoner)", "jurist": "Jurist (bezwaren)"}
#: (label, lowest age in days, highest age in days or None)
BANDS = (("0 tot 7 dagen", 0, 6), ("1 tot 2 weken", 7, 13), ("2 tot 4 weken", 14, 27),
         ("4 tot 6 weken", 28, 41), ("6 weken of ouder", 42, None))
NOT_PICKED_UP = "Nog door niemand opgepakt"


def werkvoorraad(scope: Scope) -> Table:
    tasks = _aged(scope)
    lanes = [lane for lane in LANES if any(t[0] == lane for t in tasks)]
    lanes += sorted({t[0] for t in tasks} - set(lanes))
    rows = [(LANES.get(lane, lane.capitalize()), _cells([t for t in tasks if t[0] == lane])) for lane in lanes]
    rows.append(("Totaal", _cells(tasks)))
    return Table("werkvoorraad", "Werkvoorraad: open taken naar leeftijd", "Lane (rol)", _columns(), rows,
                 total_row=True, total_col=len(BANDS),
                 note="Open taken van vandaag, naar het aantal dagen sinds de taak klaarstaat.").protected()


def per_medewerker(scope: Scope) -> Table:
    """Open tasks per staff member who picked them up (the werkvoorraad per consulent), and those no one has."""
    tasks = _aged(scope)
    names = bron.staff_names(t[3] for t in tasks)
    people = sorted({t[3] for t in tasks if t[3] is not None}, key=lambda i: (names.get(i, ""), i))
    rows = [(names.get(i, f"Medewerker {i}"), _cells([t for t in tasks if t[3] == i])) for i in people]
    if any(t[3] is None for t in tasks):
        rows.append((NOT_PICKED_UP, _cells([t for t in tasks if t[3] is None])))
    rows.append(("Totaal", _cells(tasks)))
    return Table("werkvoorraad_medewerkers", "Werkvoorraad per medewerker", "Medewerker", _columns(), rows,
                 total_row=True, total_col=len(BANDS),
                 note="Open taken van vandaag per medewerker die de taak oppakte, naar het aantal dagen sinds de "
                      "taak klaarstaat. Taken die nog niemand oppakte staan apart.").protected()


def _aged(scope: Scope) -> list[tuple]:
    """(lane, age in days, person_id, assignee_id) of the open tasks."""
    return [(lane, (scope.today - local_date(created)).days, person_id, assignee_id)
            for lane, created, person_id, assignee_id in bron.open_tasks(scope)]


def _columns() -> list[Column]:
    return [Column(label, in_row_line=True) for label, _, _ in BANDS] + [Column("Totaal", charted=False)]


def _cells(tasks) -> list[Cell]:
    cells = []
    for _, low, high in BANDS:
        persons = [t[2] for t in tasks if t[1] >= low and (high is None or t[1] <= high)]
        cells.append(Cell(len(persons), len(set(persons))))
    return cells + [Cell(len(tasks), len({t[2] for t in tasks}))]
