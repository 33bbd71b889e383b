"""Small-cell protection: a figure about 1 to 4 persons is hidden, and so is a second cell of every additive line
(row with its total, column with its total) that would otherwise give it away."""
from app.domain.small_cells import COMPLEMENT, SHOWN, SMALL, hidden_if_any, is_small, protect


def test_one_to_four_persons_is_small_zero_and_five_are_not():
    assert [is_small(n) for n in (0, 1, 4, 5, None)] == [False, True, True, False, False]


def test_a_column_with_one_small_cell_hides_a_second_so_the_total_gives_nothing_away():
    # a column of three months and its total: 6, 3, 0 → 9
    status = protect([[6], [3], [0], [9]], row_lines=[False] * 4, col_lines=[0], row_line_cols=[], total_row=3)
    assert [row[0] for row in status] == [COMPLEMENT, SMALL, SHOWN, SHOWN]


def test_the_complement_is_the_smallest_cell_not_the_total_and_never_an_empty_one():
    status = protect([[3, 0, 12, 7, 22]], row_lines=[True], col_lines=[], row_line_cols=[0, 1, 2, 3, 4],
                     total_col=4)
    assert status == [[SMALL, SHOWN, SHOWN, COMPLEMENT, SHOWN]]


def test_only_the_total_is_left_to_hide_when_everything_else_is_empty():
    status = protect([[6, 0, 6]], row_lines=[True], col_lines=[], row_line_cols=[0, 1, 2], total_col=2)
    assert status == [[SHOWN, SHOWN, SHOWN]]  # nothing small: all shown
    status = protect([[3, 0, 3]], row_lines=[True], col_lines=[], row_line_cols=[0, 1, 2], total_col=2)
    assert status == [[SMALL, SHOWN, SMALL]]  # the total is itself about 3 persons


def test_hiding_spreads_across_rows_and_columns_until_every_line_hides_two_or_none():
    grid = [[3, 10, 13],
            [8, 9, 17],
            [11, 19, 30]]
    status = protect(grid, row_lines=[True, True, True], col_lines=[0, 1, 2], row_line_cols=[0, 1, 2],
                     total_col=2, total_row=2)
    for line in [status[0], status[1], status[2], [r[0] for r in status], [r[1] for r in status],
                 [r[2] for r in status]]:
        assert sum(s != SHOWN for s in line) in (0, 2, 3), status
    assert status[0][0] == SMALL


def test_a_figure_about_no_one_is_never_hidden():
    assert protect([[None], [None]], row_lines=[False, False], col_lines=[0], row_line_cols=[], total_row=1) == \
        [[SHOWN], [SHOWN]]


def test_a_derived_figure_follows_its_sources():
    assert hidden_if_any([SHOWN, SHOWN]) == SHOWN
    assert hidden_if_any([SHOWN, COMPLEMENT]) == COMPLEMENT
