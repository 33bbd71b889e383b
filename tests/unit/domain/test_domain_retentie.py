"""The retention rules: the Selectielijst 2020 terms per zaaktype and result, a zaak's result from its
besluiten, the day its term starts (only once the zaak and all its care have ended), and the bounds of a term."""
from datetime import date

import pytest

from app.domain import retentie as rules


def test_every_zaaktype_and_result_has_a_selectielijst_term_with_its_category():
    assert {(t.domein, t.resultaat): (t.jaren, t.categorie) for t in rules.DEFAULTS} == {
        ("wmo", "toegekend"): (15, "8.1.1"), ("jeugd", "toegekend"): (20, "8.1.2"),
        ("wmo", "afgewezen"): (5, "8.2"), ("jeugd", "afgewezen"): (5, "8.2"),
        ("wmo", "zonder_besluit"): (1, "8.4"), ("jeugd", "zonder_besluit"): (1, "8.4")}
    assert all(t.grondslag.startswith(rules.SELECTIELIJST) for t in rules.DEFAULTS)


@pytest.mark.parametrize("besluiten, resultaat", [(["afwijzen", "toekennen"], "toegekend"), (["afwijzen"], "afgewezen"),
                                                 ([], "zonder_besluit")])
def test_the_result_of_a_zaak(besluiten, resultaat):
    assert rules.resultaat_of(besluiten) == resultaat


def test_the_term_starts_when_the_zaak_and_all_its_care_have_ended():
    closed = date(2020, 3, 1)
    assert rules.einde(closed, []) == closed
    assert rules.einde(closed, [date(2021, 6, 30), date(2019, 1, 1)]) == date(2021, 6, 30)
    assert rules.einde(closed, [date(2021, 6, 30), None]) is None  # a toewijzing without an end: care goes on
    assert rules.einde(None, []) is None  # the zaak is still open


@pytest.mark.parametrize("raw, jaren", [("15", 15), (" 1 ", 1), ("120", 120)])
def test_a_term_in_whole_years(raw, jaren):
    assert rules.parse_jaren(raw) == jaren


@pytest.mark.parametrize("raw, message", [("-1", "minstens 1 jaar"), ("0", "minstens 1 jaar"),
                                          ("121", "niet aannemelijk"), ("1.5", "heel aantal"), ("", "heel aantal"),
                                          (None, "heel aantal")])
def test_a_negative_zero_or_absurd_term_is_refused_in_dutch(raw, message):
    with pytest.raises(ValueError, match=message):
        rules.parse_jaren(raw)
