"""A rapportage table as a file: CSV (semicolons, decimal commas, as Dutch spreadsheets read it) and XLSX
(numbers as numbers). Hidden cells are written as "< 5" or "afgeschermd", never their value."""
import csv
import io

from openpyxl import Workbook

from .tables import AANTAL, BEDRAG, DAGEN, FACTOR, PROCENT, Cell, Table

HIDDEN_TEXT = {"klein": "< 5", "afgeschermd": "afgeschermd"}


def cell_text(cell: Cell, kind: str) -> str:
    """The cell as the page and the CSV show it: '1.234', '€ 1.234,56', '87,5%', '< 5', '—'."""
    if not cell.shown:
        return HIDDEN_TEXT[cell.status]
    value = cell.value
    if value is None:
        return "—"
    if kind == BEDRAG:
        return "€ " + _nl(value / 100, 2)
    if kind == PROCENT:
        return _nl(value, 1) + "%"
    if kind == DAGEN:
        return _nl(value, 1 if value != int(value) else 0)
    if kind == FACTOR:
        return _nl(value, 2)
    return _nl(value, 0)


def _nl(value, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def to_csv(table: Table, scope_label: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.title, scope_label])
    writer.writerow([table.row_label] + [c.label for c in table.columns])
    for label, cells in table.rows:
        writer.writerow([label] + [cell_text(cell, col.kind) for cell, col in zip(cells, table.columns)])
    if table.note:
        writer.writerow([table.note])
    writer.writerow(["< 5: over minder dan 5 personen; afgeschermd: verborgen zodat een kleine cel niet uit het "
                     "totaal volgt."])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(table: Table, scope_label: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([table.title, scope_label])
    sheet.append([table.row_label] + [c.label for c in table.columns])
    formats = {BEDRAG: '"€" #,##0.00', PROCENT: "0.0", DAGEN: "0.#", AANTAL: "0", FACTOR: "0.00"}
    for label, cells in table.rows:
        sheet.append([label] + [_xlsx_value(cell, col.kind) for cell, col in zip(cells, table.columns)])
        for column, cell in zip(table.columns, sheet[sheet.max_row][1:]):
            if isinstance(cell.value, (int, float)):
                cell.number_format = formats[column.kind]
    if table.note:
        sheet.append([table.note])
    sheet.append(["< 5: over minder dan 5 personen; afgeschermd: verborgen zodat een kleine cel niet uit het totaal "
                  "volgt."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(cell: Cell, kind: str):
    if not cell.shown:
        return HIDDEN_TEXT[cell.status]
    if cell.value is None:
        return None
    return round(cell.value / 100, 2) if kind == BEDRAG else cell.value
