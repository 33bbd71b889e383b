"""The doctest examples in app/domain docstrings must stay true."""

import doctest

import pytest

from app.domain import bsn, deadlines, holidays_nl, input as input_rules, small_cells, uploads, verplichting


@pytest.mark.parametrize("module", [bsn, deadlines, holidays_nl, input_rules, uploads, small_cells,
                                    verplichting], ids=lambda m: m.__name__)
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
