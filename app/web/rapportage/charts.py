"""Server-rendered SVG bar charts of a rapportage table: one group of horizontal bars per row, one bar per charted
column. Hidden cells get no bar but their "< 5"; the numbers themselves are in the table beside the chart."""
from markupsafe import Markup, escape

from ...services.rapportage.export import cell_text
from ...services.rapportage.tables import Table

PALETTE = ("#00689e", "#b34700", "#4d7300", "#7a3e9d", "#a8123e", "#006d5b", "#5c5c5c", "#8a6d00")
WIDTH, LABEL_H, BAR_H, GAP, LEGEND_ROW = 320, 18, 11, 10, 18


def series_of(table: Table) -> list[int]:
    """The columns drawn: charted ones that are not the total column nor derived, and not empty in every row."""
    return [i for i, c in enumerate(table.columns)
            if c.charted and i != table.total_col and not c.derived_from
            and any(cells[i].value or not cells[i].shown for _, cells in table.rows)]


def bar_chart(table: Table, chart_id: str) -> Markup:
    cols = series_of(table)
    rows = table.rows[:-1] if table.total_row else table.rows
    values = [cells[i].value for _, cells in rows for i in cols if cells[i].shown and cells[i].value]
    if not cols or not values:
        return Markup("")
    top = max(max(values), 1)
    legend_rows = (len(cols) + 1) // 2
    y = legend_rows * LEGEND_ROW + 6
    parts = []
    for n, i in enumerate(cols):
        lx, ly = (n % 2) * (WIDTH / 2), (n // 2) * LEGEND_ROW
        parts.append(f'<rect x="{lx}" y="{ly + 3}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>'
                     f'<text x="{lx + 17}" y="{ly + 13}" font-size="12">{escape(_short(table.columns[i].label))}</text>')
    bar_room = WIDTH - 95
    for label, cells in rows:
        parts.append(f'<text x="0" y="{y + 13}" font-size="12" font-weight="bold">{escape(label)}</text>')
        y += LABEL_H
        for n, i in enumerate(cols):
            cell, kind = cells[i], table.columns[i].kind
            width = (cell.value / top) * bar_room if cell.shown and cell.value and cell.value > 0 else 0
            if width:
                parts.append(f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_H}" '
                             f'fill="{PALETTE[n % len(PALETTE)]}"/>')
            parts.append(f'<text x="{width + 4:.1f}" y="{y + BAR_H - 1}" font-size="11">'
                         f'{escape(cell_text(cell, kind))}</text>')
            y += BAR_H + 2
        y += GAP
    title = escape(f"Grafiek: {table.title}. De cijfers staan in de tabel hierbij.")
    return Markup(f'<svg class="cumulus-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {y}" role="img" '
                  f'aria-label="{title}" xmlns="http://www.w3.org/2000/svg" fill="#1a1a1a">{"".join(parts)}</svg>')


def _short(label: str) -> str:
    return label if len(label) <= 24 else label[:23] + "…"
