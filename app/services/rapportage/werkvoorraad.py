"""The werkvoorraad: open tasks per lane (the role that must do them) and per consulent who picked them up, per
age band, counted today."""
from . import bron, tellingen
from .scope import Scope
from .tables import Cell, Column, Table

LANES = {"consulent": "Consulent", "beoordelaar": "Beoordelaar (vier ogen)", "backoffice": "Backoffice",
         "inwoner": "Inwoner (wacht op de inwoner)", "jurist": "Jurist (bezwaren)"}
#: (label, lowest age in days, highest age in days or None)
BANDS = (("0 tot 7 dagen", 0, 6), ("1 tot 2 weken", 7, 13), ("2 tot 4 weken", 14, 27),
         ("4 tot 6 weken", 28, 41), ("6 weken of ouder", 42, None))
NOT_PICKED_UP = "Nog door niemand opgepakt"


def werkvoorraad(scope: Scope) -> Table:
    found = tellingen.open_tasks(scope, BANDS)
    present = {of for by, of, _ in found if by == "lane"}
    lanes = [lane for lane in LANES if lane in present] + sorted(present - set(LANES))
    rows = [(LANES.get(lane, lane.capitalize()), _cells(found, "lane", lane)) for lane in lanes]
    rows.append(("Totaal", _cells(found, "alle", None)))
    return Table("werkvoorraad", "Werkvoorraad: open taken naar leeftijd", "Lane (rol)", _columns(), rows,
                 total_row=True, total_col=len(BANDS),
                 note="Open taken van vandaag, naar het aantal dagen sinds de taak klaarstaat.").protected()


def per_medewerker(scope: Scope) -> Table:
    """Open tasks per staff member who picked them up (the werkvoorraad per consulent), and those no one has."""
    found = tellingen.open_tasks(scope, BANDS)
    assignees = {of for by, of, _ in found if by == "medewerker"}
    names = bron.staff_names(assignees)
    people = sorted((i for i in assignees if i is not None), key=lambda i: (names.get(i, ""), i))
    rows = [(names.get(i, f"Medewerker {i}"), _cells(found, "medewerker", i)) for i in people]
    if None in assignees:
        rows.append((NOT_PICKED_UP, _cells(found, "medewerker", None)))
    rows.append(("Totaal", _cells(found, "alle", None)))
    return Table("werkvoorraad_medewerkers", "Werkvoorraad per medewerker", "Medewerker", _columns(), rows,
                 total_row=True, total_col=len(BANDS),
                 note="Open taken van vandaag per medewerker die de taak oppakte, naar het aantal dagen sinds de "
                      "taak klaarstaat. Taken die nog niemand oppakte staan apart.").protected()


def _columns() -> list[Column]:
    return [Column(label, in_row_line=True) for label, _, _ in BANDS] + [Column("Totaal", charted=False)]


def _cells(found: dict, by: str, of) -> list[Cell]:
    """Per age band and in total: the open tasks and their persons."""
    return [Cell(*found.get((by, of, band), (0, 0))) for band in [*range(len(BANDS)), tellingen.EVERY]]
