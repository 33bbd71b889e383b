"""When a herindicatie is due (domain/herindicatie.py): from `lead` before the einddatum up to it, once a year
for an open-ended voorziening from `lead` before the anniversary of its letter, never for a day already past."""
from datetime import date, timedelta

import pytest

from app.domain.herindicatie import due_period

LEAD = timedelta(weeks=8)


@pytest.mark.parametrize("today, expected", [
    (date(2027, 3, 5), None),                               # 8 weeks and a day before
    (date(2027, 3, 6), ("einde", date(2027, 5, 1))),        # 8 weeks before
    (date(2027, 5, 1), ("einde", date(2027, 5, 1))),        # the einddatum itself
    (date(2027, 5, 2), None),                               # the help has ended: not made up for
])
def test_an_einddatum_is_looked_at_from_eight_weeks_before_it(today, expected):
    assert due_period(date(2026, 5, 2), date(2027, 5, 1), today, LEAD) == expected


@pytest.mark.parametrize("today, expected", [
    (date(2027, 8, 6), None),
    (date(2027, 8, 7), ("jaarlijks", date(2027, 10, 2))),
    (date(2027, 10, 2), ("jaarlijks", date(2027, 10, 2))),
    (date(2027, 10, 3), None),                               # between two reviews
    (date(2028, 8, 7), ("jaarlijks", date(2028, 10, 2))),    # the second year
    (date(2031, 9, 1), ("jaarlijks", date(2031, 10, 2))),    # and so on
])
def test_an_open_ended_voorziening_is_reviewed_every_year(today, expected):
    assert due_period(date(2026, 10, 2), None, today, LEAD) == expected


def test_a_letter_of_29_february_is_reviewed_on_28_february_in_a_common_year():
    assert due_period(date(2028, 2, 29), None, date(2029, 2, 1), LEAD) == ("jaarlijks", date(2029, 2, 28))
