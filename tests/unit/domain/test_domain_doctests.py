"""The doctest examples in app/domain docstrings must stay true."""

import doctest

import pytest

from app.domain import (bsn, contracten, deadlines, dwangsom, grondslag, herindicatie, holidays_nl, input as input_rules, logo, retentie,
                        small_cells, sociale_kaart, termijn_klok, thema, uploads, verplichting, verwerkingen, verwijzing)


@pytest.mark.parametrize("module", [bsn, contracten, deadlines, dwangsom, grondslag, herindicatie, holidays_nl, input_rules, logo, retentie,
                                    small_cells, sociale_kaart, termijn_klok, thema, uploads, verplichting, verwerkingen,
                                    verwijzing], ids=lambda m: m.__name__)
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
