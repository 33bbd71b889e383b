"""Small-cell protection of the management information (#11): a figure about fewer than 5 persons is never shown,
and cannot be worked out from the totals beside it.

Primary suppression: a cell about 1 to 4 persons shows "< 5" (0 persons is shown: it is about no one).
Complementary suppression: an additive line — a row with its total column, or a column with its total row — that
holds exactly one hidden cell would give that cell away (total minus the rest), so a second cell of the line is
hidden too ("afgeschermd"): the one about the fewest persons, the total only when nothing else is left. This is
repeated until every additive line hides none or at least two cells.

>>> protect([[3, 10, 13]], row_lines=[True], col_lines=[], row_line_cols=[0, 1, 2])
[['klein', 'afgeschermd', 'getoond']]
"""
from collections.abc import Sequence

THRESHOLD = 5
SHOWN, SMALL, COMPLEMENT = "getoond", "klein", "afgeschermd"


def is_small(persons: int | None) -> bool:
    """Whether a figure about `persons` persons must be hidden (None: not about persons, e.g. a budget)."""
    return persons is not None and 0 < persons < THRESHOLD


def protect(persons: Sequence[Sequence[int | None]], *, row_lines: Sequence[bool], col_lines: Sequence[int],
            row_line_cols: Sequence[int], total_col: int | None = None, total_row: int | None = None) -> list[list[str]]:
    """The status of every cell of a grid of person counts (None: a figure about no persons, never hidden).

    `row_lines[r]`: row r is additive over the columns `row_line_cols` (the last of them its total, `total_col`).
    `col_lines`: the columns that are additive over all rows (the row `total_row` their total)."""
    status = [[SMALL if is_small(p) else SHOWN for p in row] for row in persons]
    lines = [[(r, c) for c in row_line_cols] for r, additive in enumerate(row_lines) if additive]
    lines += [[(r, c) for r in range(len(persons))] for c in col_lines]
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if status[cell[0]][cell[1]] != SHOWN]
            if len(hidden) != 1:
                continue
            candidate = _complement(line, status, persons, total_col, total_row)
            if candidate is not None:
                status[candidate[0]][candidate[1]] = COMPLEMENT
                changed = True
    return status


def _complement(line, status, persons, total_col, total_row):
    """The shown cell of `line` about the fewest (but some) persons, a cell before a total."""
    def key(cell):
        r, c = cell
        is_total = c == total_col or r == total_row
        return (is_total, persons[r][c] or 0)
    shown = [cell for cell in line if status[cell[0]][cell[1]] == SHOWN and (persons[cell[0]][cell[1]] or 0) > 0]
    return min(shown, key=key) if shown else None


def hidden_if_any(statuses: Sequence[str]) -> str:
    """The status of a figure derived from others (a share, a difference): hidden when any of its sources is."""
    return SHOWN if all(s == SHOWN for s in statuses) else COMPLEMENT
