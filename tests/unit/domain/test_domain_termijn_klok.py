"""Awb 4:15 and 4:14 on the beslistermijn, day by day around weekends and the 2026/2027 holidays (pure rules)."""
from datetime import date

import pytest

from app.domain import termijn_klok
from app.domain.termijn_klok import Change, clocked_due, suspended_days


@pytest.mark.parametrize(("asked", "until", "arrived", "days"), [
    (date(2026, 12, 7), date(2026, 12, 21), None, 14),               # unused: 8..21 December
    (date(2026, 12, 7), date(2026, 12, 21), date(2026, 12, 14), 6),   # in early: 8..13
    (date(2026, 12, 7), date(2026, 12, 21), date(2026, 12, 8), 0),    # the next day: nothing stood still
    (date(2026, 12, 7), date(2026, 12, 21), date(2026, 12, 7), 0),    # the same day
    (date(2026, 12, 7), date(2026, 12, 21), date(2026, 12, 21), 13),  # on the last day
    (date(2026, 12, 7), date(2026, 12, 21), date(2027, 1, 10), 14),   # late: the term had ended on the 21st
])
def test_suspended_days_run_from_the_day_after_the_request_until_arrival_or_the_term_end(asked, until, arrived, days):
    assert suspended_days(asked, until, arrived) == days


@pytest.mark.parametrize(("basis", "changes", "due", "atw"), [
    (date(2026, 12, 18), [Change(1, days=14)], date(2027, 1, 4), "art. 1 lid 1 Atw"),   # Nieuwjaarsdag, weekend
    (date(2026, 12, 18), [Change(1, days=6)], date(2026, 12, 24), ""),
    (date(2026, 12, 18), [Change(1, days=6), Change(2, days=2)], date(2026, 12, 28), "art. 1 lid 1 Atw"),  # Kerst
    (date(2027, 3, 19), [Change(1, days=10)], date(2027, 3, 30), "art. 1 lid 1 Atw"),   # Tweede Paasdag 29 Mar
    (date(2027, 4, 20), [Change(1, days=7)], date(2027, 4, 28), "art. 1 lid 1 Atw"),    # Koningsdag 27 Apr
    (date(2027, 4, 28), [Change(1, days=7)], date(2027, 5, 7), "art. 1 lid 1 Atw"),     # 5 mei, then Hemelvaart 6 mei
    # a verdaging names its own day; days suspended after it add to that day
    (date(2026, 12, 18), [Change(1, days=6), Change(2, to=date(2027, 1, 9))], date(2027, 1, 9), ""),
    (date(2026, 12, 18), [Change(1, to=date(2027, 1, 8)), Change(2, days=3)], date(2027, 1, 11), ""),
])
def test_the_clocked_end_date(basis, changes, due, atw):
    assert clocked_due(basis, changes) == (due, atw)


def test_a_verdaging_is_refused_after_the_term_and_without_reason_or_later_date():
    today, due = date(2026, 12, 19), date(2026, 12, 18)
    late = termijn_klok.verdaging_errors("beslis", date(2027, 1, 8), "Advies", today, due)
    assert late["nieuwe_datum"].startswith("De beslistermijn is op 18 december 2026 verstreken. Verdagen kan alleen "
                                           "vóór het einde van de termijn (art. 4:14 lid 3 Awb).")
    on_the_last_day = termijn_klok.verdaging_errors("beslis", date(2027, 1, 8), "Advies", due, due)
    assert on_the_last_day == {}
    assert set(termijn_klok.verdaging_errors("beschikking", date(2026, 12, 18), " ", date(2026, 12, 10), due)) == {
        "nieuwe_datum", "reden"}


def test_an_opschorting_needs_a_running_term_a_future_term_and_a_description():
    today = date(2026, 12, 7)
    assert "aanvraag" in termijn_klok.opschorting_errors("x", date(2026, 12, 21), today, None, None)["termijn_tot"]
    assert termijn_klok.opschorting_errors("x", date(2026, 12, 6), today, date(2026, 12, 18), None) == {
        "termijn_tot": "De termijn moet na vandaag eindigen: de inwoner moet tijd krijgen om de informatie te sturen "
                       "(art. 4:5 Awb)."}
    assert termijn_klok.opschorting_errors("x", date(2026, 12, 21), today, date(2026, 12, 18), None) == {}
    assert termijn_klok.ontvangst_errors(date(2026, 12, 6), today, date(2026, 12, 10)) == {
        "ontvangen_op": "De informatie kan niet eerder binnen zijn dan het verzoek (7 december 2026)."}
