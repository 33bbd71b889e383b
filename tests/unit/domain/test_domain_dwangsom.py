"""Awb 4:17–4:18: the dwangsom day by day to its cap, the day it starts around the 2026/2027 holidays (the two
weeks of lid 3 follow the Atw, the 42 days of lid 1 do not), when an ingebrekestelling counts, and the exceptions."""
from datetime import date

import pytest

from app.domain import dwangsom
from app.domain.dwangsom import (AFGELOPEN, GEEN, LOOPT, MAX_BEDRAG, UITGEZONDERD, WACHT, bedrag, eerste_dag,
                                 ingebrekestelling_errors, stand, vaststellen_uiterlijk, vaststelling_errors)


def test_the_amount_grows_23_then_35_then_45_euro_a_day_and_stops_at_1442_after_42_days():
    expected, total = [], 0
    for day in range(1, 61):
        total += 23 if day <= 14 else 35 if day <= 28 else 45 if day <= 42 else 0
        expected.append(total)
    assert [bedrag(d) for d in range(1, 61)] == expected
    assert bedrag(14) == 322 and bedrag(28) == 812 and bedrag(42) == MAX_BEDRAG == 1442
    assert bedrag(43) == bedrag(1000) == 1442 and bedrag(0) == bedrag(-3) == 0


# (received, last day of the two weeks after the Atw, first dwangsom day, why)
HOLIDAY_TABLE = [
    (date(2026, 12, 10), date(2026, 12, 24), date(2026, 12, 25), "ends Thu 24 Dec: a working day; the dwangsom "
                                                                 "then runs on Eerste Kerstdag (calendar days)"),
    (date(2026, 12, 11), date(2026, 12, 28), date(2026, 12, 29), "Fri 25 Dec Kerstmis, 26 Tweede Kerstdag, Sunday"),
    (date(2026, 12, 12), date(2026, 12, 28), date(2026, 12, 29), "Sat 26 Dec Tweede Kerstdag, Sunday"),
    (date(2026, 12, 16), date(2026, 12, 30), date(2026, 12, 31), "Wed 30 Dec: a working day"),
    (date(2026, 12, 17), date(2026, 12, 31), date(2027, 1, 1), "Thu 31 Dec; the dwangsom starts on Nieuwjaarsdag"),
    (date(2026, 12, 18), date(2027, 1, 4), date(2027, 1, 5), "Fri 1 Jan Nieuwjaarsdag, weekend"),
    (date(2027, 3, 12), date(2027, 3, 30), date(2027, 3, 31), "Fri 26 Mar Goede Vrijdag, weekend, Tweede Paasdag"),
    (date(2027, 3, 15), date(2027, 3, 30), date(2027, 3, 31), "Mon 29 Mar Tweede Paasdag"),
    (date(2027, 4, 13), date(2027, 4, 28), date(2027, 4, 29), "Tue 27 Apr Koningsdag"),
    (date(2027, 4, 20), date(2027, 5, 4), date(2027, 5, 5), "Tue 4 May: a working day"),
    (date(2027, 4, 21), date(2027, 5, 7), date(2027, 5, 8), "Wed 5 May Bevrijdingsdag, Thu 6 May Hemelvaartsdag"),
    (date(2027, 4, 22), date(2027, 5, 7), date(2027, 5, 8), "Thu 6 May Hemelvaartsdag"),
]


@pytest.mark.parametrize("received, herstel_tot, first, why", HOLIDAY_TABLE,
                         ids=[str(row[0]) for row in HOLIDAY_TABLE])
def test_the_dwangsom_starts_the_day_after_two_weeks_as_the_atw_extends_them(received, herstel_tot, first, why):
    assert dwangsom.hersteltermijn(received).due == herstel_tot, why
    assert eerste_dag(received) == first, why


def test_a_day_the_settings_equate_with_a_holiday_extends_the_two_weeks_too():
    received = date(2026, 12, 16)  # two weeks end Wed 30 Dec, a working day, unless a decree equates it (Atw art. 3)
    assert eerste_dag(received) == date(2026, 12, 31)
    assert eerste_dag(received, {date(2026, 12, 30): "Gelijkgestelde dag"}) == date(2027, 1, 1)


def test_the_42_days_are_calendar_days_over_christmas_and_new_year():
    received = date(2026, 12, 10)  # first day Fri 25 Dec 2026
    on = {d: stand(received, d) for d in (date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1),
                                          date(2027, 2, 4), date(2027, 2, 5), date(2027, 3, 1))}
    assert (on[date(2026, 12, 24)].status, on[date(2026, 12, 24)].dagen) == (WACHT, 0)
    assert (on[date(2026, 12, 25)].status, on[date(2026, 12, 25)].bedrag) == (LOOPT, 23)
    assert on[date(2027, 1, 1)].dagen == 8 and on[date(2027, 1, 1)].bedrag == 8 * 23
    assert on[date(2027, 2, 4)].dagen == 42 and on[date(2027, 2, 4)].status == AFGELOPEN  # the 42nd day
    assert on[date(2027, 2, 5)].bedrag == on[date(2027, 3, 1)].bedrag == 1442
    assert on[date(2027, 3, 1)].laatste_dag == date(2027, 2, 4) == on[date(2027, 3, 1)].max_op


def test_the_day_the_beschikking_is_made_known_ends_the_dwangsom():
    received = date(2026, 12, 16)  # first day Thu 31 Dec 2026
    late = stand(received, date(2027, 1, 30), bekendgemaakt_op=date(2027, 1, 14))  # 31 Dec .. 13 Jan = 14 days
    assert (late.status, late.dagen, late.bedrag, late.laatste_dag) == (AFGELOPEN, 14, 322, date(2027, 1, 13))
    within = stand(received, date(2027, 1, 30), bekendgemaakt_op=date(2026, 12, 30))  # the last day of the 2 weeks
    assert (within.status, within.bedrag, within.laatste_dag) == (GEEN, 0, None)


def test_an_exception_of_lid_6_makes_it_nothing_but_keeps_the_days():
    excepted = stand(date(2026, 12, 16), date(2027, 1, 5), uitgezonderd=True)
    assert (excepted.status, excepted.dagen, excepted.bedrag) == (UITGEZONDERD, 6, 0)
    assert dwangsom.uitzondering_errors("kennelijk_ongegrond", "") == {
        "reden": "Schrijf de reden op; die staat in de beschikking over de dwangsom."}
    assert "grond" in dwangsom.uitzondering_errors("omdat", "Reden")
    assert dwangsom.uitzondering_errors("onredelijk_laat", "Twee jaar na de termijn.") == {}


def test_the_beschikking_on_the_dwangsom_is_due_two_weeks_after_its_last_day():
    assert vaststellen_uiterlijk(date(2027, 2, 4)).due == date(2027, 2, 18)
    assert vaststellen_uiterlijk(date(2026, 12, 18)).due == date(2027, 1, 4)  # Nieuwjaarsdag, weekend


TERM_END = date(2026, 12, 18)


@pytest.mark.parametrize("received, today, made_known, earlier, message", [
    (date(2026, 12, 21), date(2026, 12, 21), None, None, None),
    (date(2026, 12, 19), date(2026, 12, 21), None, None, None),  # a Saturday after the term counts
    (date(2026, 12, 18), date(2026, 12, 21), None, None, "te vroeg en telt niet"),
    (date(2026, 12, 1), date(2026, 12, 21), None, None, "te vroeg en telt niet"),
    (date(2026, 12, 22), date(2026, 12, 21), None, None, "niet in de toekomst"),
    (None, date(2026, 12, 21), None, None, "Vul de datum in"),
    (date(2026, 12, 21), date(2026, 12, 21), None, date(2026, 12, 20), "al een ingebrekestelling ontvangen"),
    (date(2026, 12, 21), date(2026, 12, 21), date(2026, 12, 20), None, "bekendgemaakt"),
    (date(2026, 12, 21), date(2026, 12, 23), date(2026, 12, 22), None, None),  # made known after it came in
])
def test_when_an_ingebrekestelling_counts(received, today, made_known, earlier, message):
    errors = ingebrekestelling_errors(received, today, TERM_END, made_known, earlier)
    if message is None:
        assert errors == {}
    else:
        assert message in errors["ontvangen_op"]


def test_without_a_beslistermijn_there_is_nothing_to_be_late_for():
    assert "geen beslistermijn" in ingebrekestelling_errors(date(2026, 12, 21), date(2026, 12, 21), None, None,
                                                            None)["ontvangen_op"]


@pytest.mark.parametrize("given, computed, note, amount, field", [
    ("161", 161, "", 161, None), ("0", 161, "Kennelijk ongegrond.", 0, None), ("100", 161, "", None,
                                                                              "dwangsom_toelichting"),
    ("1443", 1442, "x", None, "dwangsom_bedrag"), ("-1", 0, "x", None, "dwangsom_bedrag"),
    ("veel", 0, "", None, "dwangsom_bedrag"), ("", 0, "", None, "dwangsom_bedrag"),
])
def test_the_amount_set_is_whole_euro_within_the_cap_and_explained_when_it_differs(given, computed, note, amount,
                                                                                    field):
    got, errors = vaststelling_errors(given, computed, note)
    assert got == amount and (field in errors if field else errors == {})


def test_the_first_day_reckoned_on_receipt_stands_when_a_decree_later_adds_a_holiday():
    received = date(2026, 12, 16)
    stored = eerste_dag(received)  # Thu 31 December
    decree = {date(2026, 12, 30): "Gelijkgestelde dag"}  # equated afterwards: it would make the first day 1 January
    assert stand(received, date(2027, 1, 2), extra_holidays=decree).eerste_dag == date(2027, 1, 1)
    later = stand(received, date(2027, 1, 2), extra_holidays=decree, first=stored)
    assert (later.eerste_dag, later.hersteltermijn_tot, later.dagen) == (stored, date(2026, 12, 30), 3)
