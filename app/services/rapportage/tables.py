"""The shape every figure of the rapportage takes: a table of cells, each with the number of persons it is about,
protected against small cells (app/domain/small_cells.py) before anyone sees it. The persons are never shown."""
from dataclasses import dataclass, field

from ...domain.small_cells import SHOWN, hidden_if_any, protect

#: How a column's values read: a count, an amount in cents, a percentage, a number of days, a ratio (MASE).
AANTAL, BEDRAG, PROCENT, DAGEN, FACTOR = "aantal", "bedrag", "procent", "dagen", "factor"


@dataclass
class Cell:
    value: float | int | None
    #: How many distinct persons the figure is about; None for a figure about no one (a budget).
    persons: int | None = 0
    status: str = SHOWN

    @property
    def shown(self) -> bool:
        return self.status == SHOWN

    @property
    def public_value(self):
        """The value as anyone may see it: None when it is hidden."""
        return self.value if self.shown else None


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = AANTAL
    #: The column adds up over the rows into the total row.
    additive: bool = True
    #: Part of the row's additive line (with the table's total column).
    in_row_line: bool = False
    #: Indices of the columns it is computed from (a share, a difference): hidden when any of them is.
    derived_from: tuple[int, ...] = ()
    #: Drawn in the chart.
    charted: bool = True


@dataclass
class Table:
    key: str
    title: str
    row_label: str
    columns: list[Column]
    rows: list[tuple[str, list[Cell]]]
    #: The last row is the total of the rows above it.
    total_row: bool = False
    #: Index of the column that is the total of the row's line, if any.
    total_col: int | None = None
    note: str = ""
    #: 'bars' (grouped bars per row) or 'none'.
    chart: str = "bars"
    extra: dict = field(default_factory=dict)

    def protected(self) -> "Table":
        """Hide small cells and what would give them away; derived cells follow their sources."""
        grid = [[cell.persons for cell in cells] for _, cells in self.rows]
        if grid:
            line_cols = [i for i, c in enumerate(self.columns) if c.in_row_line or i == self.total_col]
            statuses = protect(
                grid, row_lines=[self.total_col is not None] * len(grid),
                col_lines=[i for i, c in enumerate(self.columns) if c.additive and self.total_row
                           and not c.derived_from],
                row_line_cols=line_cols, total_col=self.total_col,
                total_row=len(grid) - 1 if self.total_row else None)
            for (_, cells), row in zip(self.rows, statuses):
                for cell, status in zip(cells, row):
                    cell.status = status
                for i, column in enumerate(self.columns):
                    if column.derived_from and cells[i].shown:
                        cells[i].status = hidden_if_any([cells[j].status for j in column.derived_from])
        return self

    def as_json(self) -> dict:
        """The table for the API: values of hidden cells are null with the reason, persons never appear."""
        return {"sleutel": self.key, "titel": self.title, "toelichting": self.note,
                "kolommen": [{"naam": c.label, "soort": c.kind} for c in self.columns],
                "rijen": [{"naam": label, "cellen": [
                    {"waarde": _json_value(cell.public_value, column.kind),
                     "afgeschermd": None if cell.shown else ("< 5" if cell.status == "klein" else "afgeschermd")}
                    for cell, column in zip(cells, self.columns)]} for label, cells in self.rows],
                "totaalrij": self.total_row}


def _json_value(value, kind: str):
    if value is None:
        return None
    if kind == BEDRAG:
        return round(value / 100, 2)  # euro
    if kind in (PROCENT, DAGEN):
        return round(float(value), 1)
    if kind == FACTOR:
        return round(float(value), 2)
    return value


def share(part: int, whole: int) -> Cell:
    """A percentage `part` of `whole`: its persons are the smaller non-empty group it reveals (part or rest)."""
    if not whole:
        return Cell(None, 0)
    groups = [n for n in (part, whole - part) if n > 0]
    return Cell(100 * part / whole, min(groups) if groups else 0)
